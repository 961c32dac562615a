import { queryOptions } from '@tanstack/react-query'

import type { Database } from '@/lib/domain/database'
import { isDbTransitioning } from '@/lib/domain/database.values'
import { apiGet, refreshBusyMs, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/database')

/** Fast polling while RDS moves the instance between states (stopping, starting, …). */
export const databaseRefreshMs = (db: Database | undefined): number => (db && isDbTransitioning(db.status) ? refreshBusyMs : refreshIdleMs)

/** The RDS instance (`GET /api/database`). */
export const databaseQuery = () =>
  queryOptions({
    queryKey: queryKeys.database.detail(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/database',
        schemas().then((m) => m.databaseSchema),
        signal,
      ),
    refetchInterval: (q) => databaseRefreshMs(q.state.data),
  })

/** Recent RDS events for the instance, newest first (`GET /api/database/events`). */
export const databaseEventsQuery = () =>
  queryOptions({
    queryKey: queryKeys.database.events(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/database/events',
        schemas().then((m) => m.dbEventListSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })

/** The network path from the service to the database (`GET /api/database/network`). */
export const networkPathQuery = () =>
  queryOptions({
    queryKey: queryKeys.database.network(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/database/network',
        import('@/lib/domain/network').then((m) => m.networkPathSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })
