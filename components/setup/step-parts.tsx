'use client'

import { CopyButton } from '@/components/ui/copy-button'
import { Badge } from '@/components/ui/badge'
import { useNow } from '@/components/ui/time'
import type { SetupAction, SetupStep } from '@/lib/domain/setup'
import type { SetupStepStatus } from '@/lib/domain/setup.values'
import type { Tone } from '@/lib/status-tone'
import { linkClasses } from '@/components/ui/link'

/** How each status reads, and its tone (a word beside the colour, so colour is never the only cue). */
const statusLook: Record<SetupStepStatus, { label: string; tone: Tone }> = {
  done: { label: 'done', tone: 'ok' },
  'in-progress': { label: 'in progress', tone: 'busy' },
  todo: { label: 'to do', tone: 'info' },
  blocked: { label: 'blocked', tone: 'idle' },
  unknown: { label: 'unknown', tone: 'warn' },
}

export function StepStatusBadge({ status }: { status: SetupStepStatus }) {
  const look = statusLook[status]
  return (
    <Badge tone={look.tone} className="tracking-wide uppercase" title={`Status: ${look.label}`}>
      {look.label}
    </Badge>
  )
}

/** A command in a scrollable, copyable block. */
export function CommandBlock({ title, command }: { title: string; command: string }) {
  return (
    <figure className="space-y-1">
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <span>{title}</span>
        <CopyButton text={command} label="Copy" aria-label={`Copy: ${title}`} />
      </figcaption>
      <pre
        className="max-h-96 overflow-auto rounded-md border border-border bg-surface-2 p-3 font-mono text-xs leading-relaxed whitespace-pre"
        tabIndex={0}
      >
        {command}
      </pre>
    </figure>
  )
}

/** A long AWS change under way: elapsed against the usual duration, as a progress bar with words. */
export function StepProgress({ progress }: { progress: NonNullable<SetupStep['progress']> }) {
  const now = useNow()
  const { low, high } = progress.typicalMinutes
  if (!progress.startedAt)
    return (
      <p className="text-sm text-muted">
        Usually {low}–{high} minutes.
      </p>
    )
  const elapsed = Math.max(0, (now - new Date(progress.startedAt).getTime()) / 60_000)
  const percent = Math.min(95, Math.round((elapsed / high) * 100))
  const text = `${Math.floor(elapsed)} of usually ${low}–${high} minutes`
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label="Time since it began, against the usual duration"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuetext={text}
        className="h-2 w-full max-w-md overflow-hidden rounded-full bg-tone-busy/15"
      >
        <div className="h-full bg-tone-busy transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs text-muted" suppressHydrationWarning>
        {text}
        {elapsed > high ? ' — longer than usual; the database page shows its events.' : ''}
      </p>
    </div>
  )
}

/** What to do for a step: words, commands, the table of values, and what to expect when AWS refuses. */
export function StepAction({ action }: { action: SetupAction }) {
  return (
    <div className="space-y-3">
      <p className="text-sm font-medium">{action.summary}</p>
      {action.steps.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-muted">
          {action.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
      {action.table ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Values to enter</caption>
            <thead>
              <tr className="text-left text-xs text-muted">
                <th scope="col" className="py-1 pr-3 font-medium">
                  Name
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Value
                </th>
                <th scope="col" className="py-1 font-medium">
                  Purpose
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {action.table.map((row) => (
                <tr key={row.name}>
                  <th scope="row" className="py-1.5 pr-3 text-left font-mono text-xs font-normal">
                    {row.name}
                  </th>
                  <td className="py-1.5 pr-3 font-mono text-xs break-all" data-testid={`secret-${row.name}`}>
                    {row.value}
                  </td>
                  <td className="py-1.5 text-xs text-muted">{row.purpose}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {action.commands.map((c, i) => (
        <CommandBlock key={`${i}-${c.title}`} title={`${action.commands.length > 1 ? `${i + 1}. ` : ''}${c.title}`} command={c.command} />
      ))}
      {action.caveat ? (
        <details className="rounded-md border border-border p-3 text-sm">
          <summary className="min-h-6 cursor-pointer py-0.5 font-medium">{action.caveat.title}</summary>
          <div className="mt-2 space-y-3">
            <p className="text-muted">{action.caveat.text}</p>
            {action.caveat.commands.map((c) => (
              <CommandBlock key={c.title} title={c.title} command={c.command} />
            ))}
          </div>
        </details>
      ) : null}
      {action.docs ? (
        <p className="text-xs text-muted">
          Documentation:{' '}
          {action.docs.split(' · ').map((href, i) => (
            <span key={href}>
              {i > 0 ? ' · ' : ''}
              <a href={href} target="_blank" rel="noreferrer" className={linkClasses()}>
                {new URL(href).hostname}
                {new URL(href).pathname}
              </a>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  )
}
