import { Badge } from '@/components/ui/badge'
import { linkClasses } from '@/components/ui/link'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import type { AuditEntry, AuditResult } from '@/lib/domain/actions'
import { durationMs, formatDuration } from '@/lib/format'
import type { Tone } from '@/lib/status-tone'

const resultTone = { ok: 'ok', error: 'bad', pending: 'busy' } as const satisfies Record<AuditResult, Tone>

const paramsText = (p: Record<string, unknown>) => {
  const text = JSON.stringify(p)
  return text === '{}' ? '—' : text
}

/** Audit entries newest first: when, who (and from where), what, target, parameters, result (with the error), AWS and portal request ids. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <EmptyState>No audit entries match these filters.</EmptyState>
  return (
    <Table aria-label="Audit log" layout="stack">
      <THead>
        <Tr>
          <Th>Started</Th>
          <Th>Who</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Parameters</Th>
          <Th>Result</Th>
          <Th>Request id</Th>
          <Th>Took</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap max-md:text-xs max-md:text-muted">
              <Time iso={e.startedAt} mode="exact" />
            </Td>
            <Td title={e.actorId} className="max-md:font-medium">
              {e.actorName}
              {e.clientAddress ? <span className="block font-mono text-xs font-normal text-muted">{e.clientAddress}</span> : null}
            </Td>
            <Td className="font-mono text-xs max-md:basis-full">{e.action}</Td>
            <Td label="Target" className="font-mono text-xs break-all">
              {e.target}
            </Td>
            <Td label="Parameters" className="max-w-80 font-mono text-xs break-all max-md:max-w-none max-md:basis-full">
              {paramsText(e.params)}
            </Td>
            <Td>
              <Badge tone={resultTone[e.result]}>{e.result}</Badge>
              {e.errorCode ? (
                <p className="mt-1 text-xs">
                  <span className="font-mono">{e.errorCode}</span>: {e.errorMessage}
                </p>
              ) : null}
            </Td>
            <Td label="Request id" className="font-mono text-xs break-all">
              {e.requestId ?? '—'}
              {e.portalRequestId ? (
                <span className="block text-muted" title="The portal's request id (server log)">
                  {e.portalRequestId}
                </span>
              ) : null}
            </Td>
            <Td label="Took" className="whitespace-nowrap">
              {e.endedAt ? formatDuration(durationMs(e.startedAt, e.endedAt)) : '—'}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  )
}

/**
 * The audit filters as a plain GET form, so they live in the URL (shareable, server-rendered,
 * working without JavaScript).
 */
export function AuditFilters({
  actors,
  actions,
  value,
}: {
  actors: { id: string; name: string }[]
  actions: string[]
  value: { actor?: string; action?: string; result?: string }
}) {
  const select = 'h-9 max-w-full rounded-md border border-border bg-surface px-2 text-sm max-md:h-11 max-md:w-full max-md:text-base'
  const field = 'flex min-w-0 flex-col gap-1 text-sm max-md:basis-full'
  return (
    <form method="get" action="/audit" className="flex flex-wrap items-end gap-3" aria-label="Audit filters">
      <label className={field}>
        <span className="text-muted">Actor</span>
        <select name="actor" defaultValue={value.actor ?? ''} className={select}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name === a.id ? a.id : `${a.name} (${a.id})`}
            </option>
          ))}
        </select>
      </label>
      <label className={field}>
        <span className="text-muted">Action</span>
        <select name="action" defaultValue={value.action ?? ''} className={select}>
          <option value="">Any action</option>
          {[...new Set(actions.flatMap((a) => [a.split('.')[0] ?? a, a]))].sort().map((a) => (
            <option key={a} value={a}>
              {a.includes('.') ? a : `${a}.*`}
            </option>
          ))}
        </select>
      </label>
      <label className={field}>
        <span className="text-muted">Result</span>
        <select name="result" defaultValue={value.result ?? ''} className={select}>
          <option value="">Any result</option>
          <option value="ok">ok</option>
          <option value="error">error</option>
          <option value="pending">pending</option>
        </select>
      </label>
      <button
        type="submit"
        className="h-9 rounded-md border border-border bg-surface px-3.5 text-sm font-medium hover:bg-surface-2 max-md:h-11 max-md:flex-1"
      >
        Filter
      </button>
      <a href="/audit" className={linkClasses('h-9 px-1 text-sm underline')}>
        Clear
      </a>
    </form>
  )
}
