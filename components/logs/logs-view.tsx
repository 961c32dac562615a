'use client'

import { type FormEvent, useId, useState } from 'react'
import { useSearchParams } from 'next/navigation'
import { useInfiniteQuery } from '@tanstack/react-query'

import type { LogPage, LogsSearch } from '@/lib/domain/logs'
import { logSinceOptions, logStreamKindOptions } from '@/lib/domain/logs.values'
import { isNotCreated } from '@/lib/domain/setup.values'
import { toPanelError } from '@/lib/queries/fetcher'
import {
  logSinceLabels,
  logsQuery,
  logsSearchParams,
  logsTailMs,
  logsWindowParams,
  type LogsWindow,
  toLogsSearch,
  toLogsWindow,
} from '@/lib/queries/logs'

import { AsOf } from '@/components/panel/as-of'
import { NotCreatedNotice } from '@/components/setup/not-created-notice'
import { PanelError } from '@/components/panel/panel-error'
import { Button } from '@/components/ui/button'
import { SkeletonLines } from '@/components/ui/skeleton'
import { useHydrated } from '@/components/ui/time'
import { EmptyState } from '@/components/ui/table'

import { explainLogsError } from './log-fields'
import { LogLine } from './log-line'
import { WindowErrors, windowLabel } from './window-errors'

const streamLabels = { application: 'Application', service: 'Service' } as const

// 16 px text and 44 px fields on phones: thumb-sized, and the browser does not zoom in on focus.
const fieldClasses =
  'h-8 rounded-md border border-border bg-surface px-2 text-sm text-fg focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-focus max-md:h-11 max-md:text-base'

/** The search in the URL (`?stream=&since=&filter=`, or a fixed window `since=<ISO>&until=<ISO>`); invalid values fall back to defaults. */
function useLogsSearch(): { search: LogsSearch; fixed: LogsWindow | null } {
  const params = Object.fromEntries(useSearchParams())
  return { search: toLogsSearch(params), fixed: toLogsWindow(params) }
}

/**
 * The logs explorer: stream, time range and filter (submitted with Enter and kept in the URL), the
 * newest events first with "Load older" paging, manual refresh and an optional 5 s live tail.
 */
export function LogsView() {
  const { search, fixed } = useLogsSearch()
  const [isLiveChosen, setLive] = useState(false)
  // A fixed window (the logs at a given time) does not grow: no live tail there.
  const isLive = isLiveChosen && fixed === null
  const query = useInfiniteQuery({ ...logsQuery(search, fixed), refetchInterval: isLive ? logsTailMs : false })
  const pages = query.data?.pages ?? []
  // The service (or its log group) is not created yet: a state, shown in place of the events.
  const absent = pages.find(isNotCreated)
  const logPages = pages.filter((p): p is LogPage => !isNotCreated(p))
  const events = logPages.flatMap((p) => p.events)
  const firstPage = logPages[0]
  const error = query.isError ? explainLogsError(toPanelError(query.error), search.filter) : null
  // Hydrated data older than the stale time starts a refresh during the very first render in the
  // browser; showing it only after hydration keeps the browser's first render equal to the server's.
  const isBusy = useHydrated() && query.isFetching

  return (
    <div className="space-y-3">
      <LogsSearchForm search={search} fixed={fixed} />
      {fixed?.errorsFirst ? <WindowErrors search={search} fixed={fixed} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        {firstPage ? (
          <AsOf fetchedAt={firstPage.fetchedAt} stale={firstPage.stale} staleError={firstPage.staleError} isFetching={query.isFetching} />
        ) : (
          <span />
        )}
        <div className="flex items-center gap-3">
          {fixed === null ? (
            <label className="inline-flex items-center gap-1.5 text-xs">
              <input
                type="checkbox"
                checked={isLive}
                onChange={(e) => setLive(e.target.checked)}
                className="size-6 accent-accent md:size-4"
              />
              Live tail
            </label>
          ) : null}
          <Button size="sm" onClick={() => void query.refetch()} disabled={isBusy} aria-busy={isBusy}>
            {isBusy && !query.isFetchingNextPage ? 'Refreshing…' : 'Refresh'}
          </Button>
        </div>
      </div>
      {isLive ? (
        <p role="status" className="text-xs text-muted">
          Live tail: refreshing every {logsTailMs / 1000} s.
        </p>
      ) : null}
      {query.isPending ? (
        <LogsSkeleton />
      ) : absent && events.length === 0 ? (
        <NotCreatedNotice value={absent} detail="App Runner creates the service's log groups when it creates the service." />
      ) : error && events.length === 0 ? (
        <PanelError error={error} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
      ) : (
        <>
          {error ? (
            <p role="status" className="text-xs text-tone-warn">
              Refresh failed: {error.message} Showing the last events.
            </p>
          ) : null}
          {events.length === 0 ? (
            <EmptyState>
              {`No ${streamLabels[search.stream].toLowerCase()} log events${search.filter ? ` match ${search.filter}` : ''} ${
                fixed ? `between ${windowLabel(fixed)}` : `in the ${logSinceLabels[search.since].toLowerCase()}`
              }.`}
            </EmptyState>
          ) : (
            <ol aria-label={`${streamLabels[search.stream]} log events, newest first`} className="divide-y divide-border">
              {events.map((e) => (
                <LogLine key={e.eventId} event={e} />
              ))}
            </ol>
          )}
          {query.hasNextPage ? (
            <div className="flex justify-center">
              <Button
                size="sm"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
                aria-busy={query.isFetchingNextPage}
              >
                {query.isFetchingNextPage ? 'Loading older events…' : 'Load older'}
              </Button>
            </div>
          ) : events.length > 0 ? (
            <p className="text-center text-xs text-muted">Start of the selected time range.</p>
          ) : null}
        </>
      )}
    </div>
  )
}

/** Puts a search into the URL; Next keeps useSearchParams in sync with pushState (no server round trip). */
function navigate(search: LogsSearch, fixed: LogsWindow | null = null) {
  window.history.pushState(null, '', `?${(fixed ? logsWindowParams(search, fixed) : logsSearchParams(search)).toString()}`)
}

const WINDOW_OPTION = 'window'

function LogsSearchForm({ search, fixed }: { search: LogsSearch; fixed: LogsWindow | null }) {
  const id = useId()
  // The filter box is edited freely and applied on Enter; it follows the URL when that changes (Back/Forward).
  const [filter, setFilter] = useState(search.filter)
  const [urlFilter, setUrlFilter] = useState(search.filter)
  if (urlFilter !== search.filter) {
    setUrlFilter(search.filter)
    setFilter(search.filter)
  }
  // toLogsSearch checks the select values too (unknown ones fall back to the defaults, as before).
  // A fixed window stays until another time range is chosen.
  const apply = (change: Partial<Record<keyof LogsSearch, string>>) =>
    navigate(toLogsSearch({ ...search, filter, ...change }), change.since === undefined ? fixed : null)
  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    apply({})
  }
  return (
    <form role="search" aria-label="Search logs" onSubmit={handleSubmit} className="flex flex-wrap items-end gap-2">
      <div className="flex flex-col gap-1 max-md:flex-1">
        <label htmlFor={`${id}-stream`} className="text-xs text-muted">
          Log
        </label>
        <select
          id={`${id}-stream`}
          name="stream"
          value={search.stream}
          className={fieldClasses}
          onChange={(e) => apply({ stream: e.target.value })}
        >
          {logStreamKindOptions.map((s) => (
            <option key={s} value={s}>
              {streamLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1 max-md:flex-1">
        <label htmlFor={`${id}-since`} className="text-xs text-muted">
          Time range
        </label>
        <select
          id={`${id}-since`}
          name="since"
          value={fixed ? WINDOW_OPTION : search.since}
          className={fieldClasses}
          onChange={(e) => (e.target.value === WINDOW_OPTION ? undefined : apply({ since: e.target.value }))}
        >
          {fixed ? <option value={WINDOW_OPTION}>{windowLabel(fixed)}</option> : null}
          {logSinceOptions.map((s) => (
            <option key={s} value={s}>
              {logSinceLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1 max-md:basis-full md:min-w-64">
        <label htmlFor={`${id}-filter`} className="text-xs text-muted">
          Filter (text or CloudWatch pattern)
        </label>
        <input
          id={`${id}-filter`}
          name="filter"
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          maxLength={1024}
          placeholder="e.g. timeout   or   { $.status >= 500 }"
          aria-describedby={`${id}-filter-help`}
          className={`${fieldClasses} font-mono`}
        />
      </div>
      <Button type="submit" variant="primary" className="max-md:h-11 max-md:flex-1">
        Search
      </Button>
      <p id={`${id}-filter-help`} className="w-full text-xs text-muted">
        Plain text finds that phrase. Patterns such as <code>{'{ $.level = "error" }'}</code> or <code>?ERROR ?WARN</code> are passed to
        CloudWatch as they are. Press Enter to search.
      </p>
    </form>
  )
}

/** Placeholder for the log list. */
export function LogsSkeleton() {
  return <SkeletonLines lines={8} />
}
