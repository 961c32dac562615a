import { queryOptions } from '@tanstack/react-query'

import { apiGet } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/metrics')

/** Alarm states change on evaluation periods of a minute or more; 30 s keeps the table close. */
export const alarmsRefreshMs = 30_000

/** Every alarm with its state, from `GET /api/alarms`. */
export const alarmsQuery = () =>
  queryOptions({
    queryKey: queryKeys.alarms.list(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/alarms',
        schemas().then((m) => m.alarmListSchema),
        signal,
      ),
    refetchInterval: alarmsRefreshMs,
  })

/** One alarm's state changes and actions, newest first (loaded on demand). */
export const alarmHistoryQuery = (name: string) =>
  queryOptions({
    queryKey: [...queryKeys.alarms.all, 'history', name] as const,
    queryFn: ({ signal }) =>
      apiGet(
        `/api/alarms/${encodeURIComponent(name)}/history`,
        schemas().then((m) => m.alarmHistorySchema),
        signal,
      ),
    staleTime: 30_000,
  })
