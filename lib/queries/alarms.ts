import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'

import { alarmHistoryItemSchema, alarmListSchema } from '@/lib/domain/metrics'
import { apiGet } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** Alarm states change on evaluation periods of a minute or more; 30 s keeps the table close. */
export const alarmsRefreshMs = 30_000

/** Route input for `/api/alarms/<name>/history`: a CloudWatch alarm name (1–255 characters). */
export const alarmNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(255))

export const alarmHistorySchema = z.object({ items: z.array(alarmHistoryItemSchema) })
export type AlarmHistory = z.infer<typeof alarmHistorySchema>

/** Every alarm with its state, from `GET /api/alarms`. */
export const alarmsQuery = () =>
  queryOptions({
    queryKey: queryKeys.alarms.list(),
    queryFn: ({ signal }) => apiGet('/api/alarms', alarmListSchema, signal),
    refetchInterval: alarmsRefreshMs,
  })

/** One alarm's state changes and actions, newest first (loaded on demand). */
export const alarmHistoryQuery = (name: string) =>
  queryOptions({
    queryKey: [...queryKeys.alarms.all, 'history', name] as const,
    queryFn: ({ signal }) => apiGet(`/api/alarms/${encodeURIComponent(name)}/history`, alarmHistorySchema, signal),
    staleTime: 30_000,
  })
