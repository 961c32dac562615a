'use client'

import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'

import { QueryView } from '@/components/panel/query-view'
import { Badge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import type { ScheduleRun } from '@/lib/domain/schedules'
import { scheduleRunsQuery } from '@/lib/queries/schedules'

import { ZonedTime } from './zoned-time'

const DAY = 86_400_000
const SHOWN = 20

export function ScheduleRunsSkeleton() {
  return <SkeletonLines lines={5} />
}

/** Invocations per day (UTC) over the window: a bar per day, failures in red. */
function RunBars({ runs, from, to }: { runs: ScheduleRun[]; from: string; to: string }) {
  const start = Math.floor(Date.parse(from) / DAY) * DAY
  const days = Math.max(1, Math.ceil((Date.parse(to) - start) / DAY))
  const totals = Array.from({ length: days }, (_, i) => ({ day: start + i * DAY, ok: 0, failed: 0 }))
  for (const r of runs) {
    const t = totals[Math.floor((Date.parse(r.at) - start) / DAY)]
    if (!t) continue
    t.failed += r.errors
    t.ok += Math.max(0, r.attempts - r.errors)
  }
  const max = Math.max(1, ...totals.map((t) => t.ok + t.failed))
  return (
    <figure>
      <div
        className="flex h-16 items-end gap-1"
        role="img"
        aria-label={`Invocations per day: ${totals.map((t) => `${new Date(t.day).toISOString().slice(5, 10)} ${t.ok} ran, ${t.failed} failed`).join('; ')}`}
      >
        {totals.map((t) => (
          <div
            key={t.day}
            className="flex flex-1 flex-col justify-end"
            title={`${new Date(t.day).toISOString().slice(0, 10)}: ${t.ok} ran, ${t.failed} failed`}
          >
            <div className="bg-tone-bad" style={{ height: `${(t.failed / max) * 100}%` }} />
            <div className="bg-tone-ok" style={{ height: `${(t.ok / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <figcaption className="mt-1 flex justify-between text-xs text-muted">
        <span>{new Date(start).toISOString().slice(0, 10)}</span>
        <span>per day (UTC) · green ran, red failed</span>
        <span>today</span>
      </figcaption>
    </figure>
  )
}

/**
 * "Last runs": the scheduler's invocations of the portal's schedules from CloudWatch (`AWS/Scheduler`
 * InvocationAttemptCount / TargetErrorCount), each minute matched with the schedules due in it.
 */
export function ScheduleRuns() {
  const q = useQuery(scheduleRunsQuery(7))
  return (
    <QueryView query={q} skeleton={<ScheduleRunsSkeleton />}>
      {(data) => {
        const failed = data.runs.filter((r) => r.errors > 0)
        return (
          <div className="space-y-3">
            <RunBars runs={data.runs} from={data.from} to={data.to} />
            {failed.length > 0 ? (
              <p role="alert" className="rounded-md border border-tone-bad/40 bg-tone-bad/10 p-2 text-sm">
                {failed.reduce((n, r) => n + r.errors, 0)} run{failed.length === 1 && failed[0]?.errors === 1 ? '' : 's'} failed in the last
                7 days. A role that may not do what a schedule does is the usual cause:{' '}
                <Link className="text-accent underline" href="/troubleshoot#scheduler-role">
                  check scheduler-role
                </Link>
                .
              </p>
            ) : null}
            {data.runs.length === 0 ? (
              <EmptyState>No runs in the last 7 days.</EmptyState>
            ) : (
              <Table>
                <caption className="sr-only">Last runs</caption>
                <THead>
                  <Tr>
                    <Th>When</Th>
                    <Th>Schedules</Th>
                    <Th>Result</Th>
                  </Tr>
                </THead>
                <TBody>
                  {data.runs.slice(0, SHOWN).map((r) => (
                    <Tr key={r.at}>
                      <Td>
                        <ZonedTime iso={r.at} />
                      </Td>
                      <Td className="font-mono text-xs">
                        {r.schedules.length > 0 ? r.schedules.join(', ') : 'a schedule no longer in the group'}
                      </Td>
                      <Td>
                        {r.errors > 0 ? (
                          <Badge tone="bad">
                            {r.errors} of {r.attempts} failed
                          </Badge>
                        ) : (
                          <Badge tone="ok">{r.attempts === 1 ? 'ran' : `${r.attempts} ran`}</Badge>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </div>
        )
      }}
    </QueryView>
  )
}
