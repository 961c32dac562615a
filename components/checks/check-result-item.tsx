import { StatusBadge } from '@/components/ui/badge'
import type { CheckResult } from '@/lib/domain/checks'
import { linkClasses } from '@/components/ui/link'

import { CopyButton } from '@/components/ui/copy-button'
import { statusLabel } from './markdown'

/** One check's verdict; expands to the evidence it read and how to fix it. */
export function CheckResultItem({ result }: { result: CheckResult }) {
  const { fix } = result
  return (
    <li>
      <details className="group border-b border-border last:border-b-0" open={result.status === 'fail' ? true : undefined}>
        <summary className="flex cursor-pointer list-none items-start gap-3 px-4 py-3 hover:bg-surface-2 focus-visible:outline-2 focus-visible:outline-focus [&::-webkit-details-marker]:hidden">
          <span aria-hidden className="mt-0.5 text-muted transition-transform group-open:rotate-90">
            ▸
          </span>
          <StatusBadge status={result.status} label={statusLabel[result.status]} className="mt-0.5 w-14 justify-center" />
          <span className="min-w-0 flex-1">
            <span className="block text-sm font-medium">{result.title}</span>
            {result.summary ? <span className="block text-sm text-muted">{result.summary}</span> : null}
          </span>
          <code className="hidden shrink-0 text-xs text-muted sm:block">{result.id}</code>
        </summary>
        <div className="space-y-4 px-4 pb-4 text-sm md:pl-11">
          {result.evidence.length > 0 ? (
            <div>
              <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">Evidence (what AWS said)</h3>
              <table className="w-full border-collapse text-left">
                <tbody>
                  {result.evidence.map((e, i) => (
                    <tr key={`${e.label}-${i}`} className="border-t border-border align-top first:border-t-0">
                      <th scope="row" className="w-1/3 py-1 pr-3 font-normal text-muted">
                        {e.label}
                      </th>
                      <td className="py-1 font-mono text-xs break-all">{e.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {fix ? (
            <div>
              <h3 className="mb-1 text-xs font-semibold tracking-wide text-muted uppercase">How to fix</h3>
              <ol className="list-decimal space-y-1 pl-5">
                {fix.steps.map((s, i) => (
                  <li key={i}>{s}</li>
                ))}
              </ol>
              {fix.command ? (
                <div className="mt-2 rounded-md border border-border bg-surface-2">
                  <div className="flex items-center justify-between border-b border-border px-3 py-1">
                    <span className="text-xs text-muted">AWS CLI</span>
                    <CopyButton text={fix.command} label="Copy command" aria-label={`Copy the command for ${result.id}`} />
                  </div>
                  <pre className="overflow-x-auto p-3 font-mono text-xs whitespace-pre max-md:break-all max-md:whitespace-pre-wrap">
                    {fix.command}
                  </pre>
                </div>
              ) : null}
              {fix.docs ? (
                <p className="mt-2">
                  <a href={fix.docs} target="_blank" rel="noreferrer" className={linkClasses()}>
                    AWS documentation ↗
                  </a>
                </p>
              ) : null}
            </div>
          ) : null}
          {result.awsCode ? <p className="text-xs text-muted">AWS error code: {result.awsCode}</p> : null}
        </div>
      </details>
    </li>
  )
}

/** A check that has not answered yet. */
export function CheckPendingItem({ title, id }: { title: string; id: string }) {
  return (
    <li className="flex items-center gap-3 border-b border-border px-4 py-3 last:border-b-0" aria-busy="true">
      <span aria-hidden className="w-3" />
      <StatusBadge status="IN_PROGRESS" label="Running" className="w-14 justify-center" />
      <span className="flex-1 text-sm text-muted">{title}</span>
      <code className="hidden text-xs text-muted sm:block">{id}</code>
    </li>
  )
}
