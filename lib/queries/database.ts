import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'

import { type Database, databaseSchema, dbEventSchema, isDbTransitioning } from '@/lib/domain/database'
import { apiGet, refreshBusyMs, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** Fast polling while RDS moves the instance between states (stopping, starting, …). */
export const databaseRefreshMs = (db: Database | undefined): number => (db && isDbTransitioning(db.status) ? refreshBusyMs : refreshIdleMs)

/** The RDS instance (`GET /api/database`). */
export const databaseQuery = () =>
  queryOptions({
    queryKey: queryKeys.database.detail(),
    queryFn: ({ signal }) => apiGet('/api/database', databaseSchema, signal),
    refetchInterval: (q) => databaseRefreshMs(q.state.data),
  })

export const dbEventListSchema = z.object({ events: z.array(dbEventSchema), fetchedAt: z.string() })
export type DbEventList = z.infer<typeof dbEventListSchema>

/** Recent RDS events for the instance, newest first (`GET /api/database/events`). */
export const databaseEventsQuery = () =>
  queryOptions({
    queryKey: queryKeys.database.events(),
    queryFn: ({ signal }) => apiGet('/api/database/events', dbEventListSchema, signal),
    refetchInterval: refreshIdleMs,
  })
