import { infiniteQueryOptions } from '@tanstack/react-query'

import type { LogPage, LogSince, LogsSearch, LogStreamKind } from '@/lib/domain/logs'
import { logFilterMaxLength, logSinceOptions, logStreamKindOptions } from '@/lib/domain/logs.values'
import { apiGet } from '@/lib/queries/fetcher'
import { isNotCreated, type NotCreated } from '@/lib/domain/setup.values'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/logs')

/** Window length of each `since` choice. */
export const logSinceSeconds = {
  '15m': 15 * 60,
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 24 * 3600,
  '7d': 7 * 86400,
} as const satisfies Record<LogSince, number>

export const logSinceLabels = {
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
} as const satisfies Record<LogSince, string>

/** Live tail polls this often while it is switched on. */
export const logsTailMs = 5_000

const isStreamKind = (v: unknown): v is LogStreamKind => typeof v === 'string' && (logStreamKindOptions as readonly string[]).includes(v)
const isSince = (v: unknown): v is LogSince => typeof v === 'string' && (logSinceOptions as readonly string[]).includes(v)

/**
 * Reads the page's search params leniently: anything invalid falls back to its default. Runs during
 * render in the browser, so it checks without zod what `logsSearchSchema` accepts (filter trimmed).
 */
export function toLogsSearch(params: Record<string, string | string[] | undefined>): LogsSearch {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
  const stream = first(params.stream)
  const since = first(params.since)
  const filter = (first(params.filter) ?? '').trim()
  return {
    stream: isStreamKind(stream) ? stream : 'application',
    since: isSince(since) ? since : '1h',
    filter: filter.length <= logFilterMaxLength ? filter : '',
  }
}

/** The `/logs` (and `/api/logs`) URL query for a search; an empty filter is left out. */
export function logsSearchParams(search: LogsSearch, extra: Record<string, string> = {}): URLSearchParams {
  const p = new URLSearchParams()
  p.set('stream', search.stream)
  p.set('since', search.since)
  if (search.filter) p.set('filter', search.filter)
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v)
  return p
}

/**
 * A fixed window of the log (`?since=<ISO>&until=<ISO>`, e.g. the hour before an alarm fired), and
 * whether its error lines are shown first (`errors=first`). Null when the URL asks for a relative range.
 */
export type LogsWindow = { since: string; until: string; errorsFirst: boolean }

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** The URL's fixed window, when `since` and `until` are ISO times in order (checked without zod: runs in the browser). */
export function toLogsWindow(params: Record<string, string | string[] | undefined>): LogsWindow | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? ''
  const since = first(params.since)
  const until = first(params.until)
  if (!ISO_TIME.test(since) || !ISO_TIME.test(until) || !(Date.parse(since) < Date.parse(until))) return null
  return { since, until, errorsFirst: first(params.errors) === 'first' }
}

/** The URL query of a search in a fixed window (the window replaces the relative range). */
export function logsWindowParams(search: LogsSearch, window: LogsWindow): URLSearchParams {
  const p = logsSearchParams(search)
  p.set('since', window.since)
  p.set('until', window.until)
  if (window.errorsFirst) p.set('errors', 'first')
  return p
}

/** Log events for a search (in a fixed window, when given), paged with the AWS next token ("Load more"). */
export const logsQuery = (search: LogsSearch, window: LogsWindow | null = null) =>
  infiniteQueryOptions({
    queryKey: queryKeys.logs.list(window ? { ...search, since: window.since, until: window.until } : search),
    queryFn: ({ pageParam, signal }) => {
      const p = logsSearchParams(search)
      if (window) {
        p.set('since', window.since)
        p.set('until', window.until)
      }
      if (pageParam) p.set('cursor', pageParam)
      return apiGet(
        `/api/logs?${p.toString()}`,
        schemas().then((m) => m.logPageOrNotCreatedSchema),
        signal,
      )
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page: LogPage | NotCreated) => (isNotCreated(page) ? undefined : (page.nextCursor ?? undefined)),
  })
