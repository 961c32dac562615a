'use client'

import { useEffect, useMemo, useRef, useState } from 'react'
import { useQueries, useQuery } from '@tanstack/react-query'

import { Button } from '@/components/ui/button'
import { Time } from '@/components/ui/time'
import type { CheckResult } from '@/lib/domain/checks'
import { apiGet, toPanelError } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'
import { lastHourParams, timelineQuery } from '@/lib/queries/timeline'

import { timelineToMarkdown } from '@/components/timeline/markdown'

import { CheckPendingItem, CheckResultItem } from './check-result-item'
import { CopyButton } from '@/components/ui/copy-button'
import { saveLastRun, useLastRun } from './last-run-store'
import { checksToMarkdown, countByStatus, sortResults } from './markdown'

export type CheckInfo = { id: string; title: string }

/** A request that failed before the check could run (signed out, portal down) shown as that check's error. */
function requestFailed(check: CheckInfo, e: unknown, ranAt: string): CheckResult {
  const error = toPanelError(e)
  return {
    id: check.id,
    title: check.title,
    status: 'error',
    summary: error.message,
    evidence: [{ label: 'Error', value: error.message }, ...(error.awsCode ? [{ label: 'AWS error code', value: error.awsCode }] : [])],
    fix: { steps: [error.hint ?? 'Retry the run.'] },
    awsCode: error.awsCode,
    ranAt,
  }
}

/**
 * "Run all": one request per check (`GET /api/checks/<id>`), all in parallel, so each verdict
 * appears as soon as it is ready; failures first. The last finished run is kept in localStorage.
 */
export function ChecksRunner({ checks }: { checks: CheckInfo[] }) {
  const [run, setRun] = useState<{ n: number; startedAt: string } | null>(null)
  const savedRun = useRef<number | null>(null)
  const stored = useLastRun()

  const queries = useQueries({
    queries: checks.map((c) => ({
      queryKey: [...queryKeys.checks.detail(c.id), run?.n ?? 0] as const,
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const schema = import('@/lib/domain/checks').then((m) => m.checkListSchema)
        return (await apiGet(`/api/checks/${encodeURIComponent(c.id)}`, schema, signal)).checks[0]
      },
      enabled: run !== null,
      staleTime: Infinity,
      gcTime: 5 * 60_000,
      retry: false,
      refetchOnWindowFocus: false,
    })),
  })

  const current = useMemo(() => {
    if (!run) return null
    const results: CheckResult[] = []
    const pending: CheckInfo[] = []
    checks.forEach((c, i) => {
      const q = queries[i]
      if (q?.data) results.push(q.data)
      else if (q?.isError) results.push(requestFailed(c, q.error, run.startedAt))
      else pending.push(c)
    })
    return { results, pending }
  }, [checks, queries, run])

  const isRunning = current !== null && current.pending.length > 0

  useEffect(() => {
    // Persist each run once, when its last check has answered.
    if (run && current && current.pending.length === 0 && savedRun.current !== run.n) {
      savedRun.current = run.n
      saveLastRun(run.startedAt, current.results)
    }
  }, [run, current])

  const shown = current
    ? { results: current.results, ranAt: run?.startedAt ?? '' }
    : stored
      ? { results: stored.results, ranAt: stored.ranAt }
      : null
  const sorted = shown ? sortResults(shown.results) : []
  const counts = countByStatus(sorted)
  // The incident summary ends with what changed in the last hour.
  const lastHour = useQuery(timelineQuery(lastHourParams))

  function handleRunAll() {
    setRun((r) => ({ n: (r?.n ?? 0) + 1, startedAt: new Date().toISOString() }))
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" onClick={handleRunAll} disabled={isRunning} isPrimaryAction>
          {isRunning ? 'Running…' : 'Run all'}
        </Button>
        <CopyButton
          label="Copy as Markdown"
          text={() =>
            shown
              ? `${checksToMarkdown(shown.results, shown.ranAt)}\n${timelineToMarkdown(lastHour.data, lastHour.error ? toPanelError(lastHour.error) : null)}`
              : ''
          }
          disabled={!shown || shown.results.length === 0 || isRunning}
        />
        <p className="text-sm text-muted" aria-live="polite">
          {isRunning && current ? (
            `Running… ${current.results.length} of ${checks.length} done`
          ) : shown ? (
            <>
              {current ? 'Ran' : 'Last run'} <Time iso={shown.ranAt} mode="both" />: {counts.fail} fail, {counts.error} error, {counts.warn}{' '}
              warn, {counts.pass} pass
            </>
          ) : (
            'No run yet. Run all checks to see what is wrong.'
          )}
        </p>
      </div>
      {shown ? (
        <ul className="rounded-lg border border-border bg-surface" aria-label="Check results">
          {sorted.map((r) => (
            <CheckResultItem key={r.id} result={r} />
          ))}
          {current?.pending.map((c) => (
            <CheckPendingItem key={c.id} id={c.id} title={c.title} />
          ))}
        </ul>
      ) : (
        <ul className="rounded-lg border border-dashed border-border bg-surface" aria-label="Checks">
          {checks.map((c) => (
            <li key={c.id} className="flex items-center justify-between gap-3 border-b border-border px-4 py-2 text-sm last:border-b-0">
              <span>{c.title}</span>
              <code className="text-xs text-muted">{c.id}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
