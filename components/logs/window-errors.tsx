'use client'

import { useId } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'

import { PanelError } from '@/components/panel/panel-error'
import { Button } from '@/components/ui/button'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState } from '@/components/ui/table'
import type { LogsSearch } from '@/lib/domain/logs'
import { isNotCreated } from '@/lib/domain/setup.values'
import { errorLinesPattern } from '@/lib/domain/timeline.values'
import { formatUtc } from '@/lib/format'
import { logsQuery, type LogsWindow } from '@/lib/queries/logs'

import { LogLine } from './log-line'

/** "2026-03-02 13:00:00 UTC – 2026-03-02 14:00:00 UTC". */
export const windowLabel = (w: LogsWindow): string => `${formatUtc(w.since)} – ${formatUtc(w.until)}`

/**
 * The error lines of a fixed window, above its full log ("errors first"): what on call reads first
 * when opening the logs of the hour before an alarm fired.
 */
export function WindowErrors({ search, fixed }: { search: LogsSearch; fixed: LogsWindow }) {
  const headingId = useId()
  const query = useInfiniteQuery(logsQuery({ ...search, filter: errorLinesPattern }, fixed))
  // No log group yet (NotCreated) means no error lines: the full log below says why.
  const events = query.data?.pages.flatMap((p) => (isNotCreated(p) ? [] : p.events)) ?? []
  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded-md border border-tone-bad/40 p-3">
      <h2 id={headingId} className="text-sm font-medium">
        Errors in this window
      </h2>
      {query.isPending ? (
        <SkeletonLines lines={3} />
      ) : query.isError && events.length === 0 ? (
        <PanelError error={query.error} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
      ) : events.length === 0 ? (
        <EmptyState variant="inline">No error lines between {windowLabel(fixed)}.</EmptyState>
      ) : (
        <ol aria-label="Error lines, newest first" className="max-h-96 divide-y divide-border overflow-y-auto">
          {events.map((e) => (
            <LogLine key={e.eventId} event={e} />
          ))}
        </ol>
      )}
      {query.hasNextPage ? (
        <Button
          size="sm"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          aria-busy={query.isFetchingNextPage}
        >
          {query.isFetchingNextPage ? 'Loading older errors…' : 'Load older errors'}
        </Button>
      ) : null}
      <p className="text-xs text-muted">
        Lines matching <code>{errorLinesPattern}</code>. Every line of the window follows below.
      </p>
    </section>
  )
}
