import { infiniteQueryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'

import { type LogPage, logPageSchema, logStreamKindSchema } from '@/lib/domain/logs'
import { logFilterMaxLength, logSinceOptions } from '@/lib/domain/logs.values'
import { apiGet } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

export const logSinceSchema = z.enum(logSinceOptions)
export type LogSince = z.infer<typeof logSinceSchema>

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

const filterSchema = z.string().check(z.trim(), z.maxLength(logFilterMaxLength, `A filter pattern has at most ${logFilterMaxLength} characters.`))

/** What a logs view shows: which stream, how far back, and the CloudWatch filter pattern ('' = none). */
export const logsSearchSchema = z.object({
  stream: z._default(logStreamKindSchema, 'application'),
  since: z._default(logSinceSchema, '1h'),
  filter: z._default(filterSchema, ''),
})
export type LogsSearch = z.infer<typeof logsSearchSchema>

/** Input of `GET /api/logs`: the search plus the AWS next token of the page to read. */
export const logsInputSchema = z.extend(logsSearchSchema, {
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(500))),
})
export type LogsInput = z.infer<typeof logsInputSchema>

/** Reads the page's search params leniently: anything invalid falls back to its default. */
export function toLogsSearch(params: Record<string, string | string[] | undefined>): LogsSearch {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
  const stream = logStreamKindSchema.safeParse(first(params.stream))
  const since = logSinceSchema.safeParse(first(params.since))
  const filter = filterSchema.safeParse(first(params.filter) ?? '')
  return {
    stream: stream.success ? stream.data : 'application',
    since: since.success ? since.data : '1h',
    filter: filter.success ? filter.data : '',
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

/** Log events for a search, paged with the AWS next token ("Load more"). */
export const logsQuery = (search: LogsSearch) =>
  infiniteQueryOptions({
    queryKey: queryKeys.logs.list(search),
    queryFn: ({ pageParam, signal }) => {
      const p = logsSearchParams(search)
      if (pageParam) p.set('cursor', pageParam)
      return apiGet(`/api/logs?${p.toString()}`, logPageSchema, signal)
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page: LogPage) => page.nextCursor ?? undefined,
  })
