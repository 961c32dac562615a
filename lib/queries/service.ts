import { queryOptions } from '@tanstack/react-query'

import type { OperationList, Service } from '@/lib/domain/service'
import { isOperationActive } from '@/lib/domain/service.values'
import { apiGet, refreshBusyMs, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

export type { HealthProbeResult } from '@/lib/domain/health'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/service')

/** Fast polling while the runtime is changing the service, slow otherwise. */
export const serviceRefreshMs = (service: Service | undefined): number =>
  service?.status === 'OPERATION_IN_PROGRESS' ? refreshBusyMs : refreshIdleMs

export const operationsRefreshMs = (list: OperationList | undefined): number =>
  list?.operations.some((o) => isOperationActive(o.status)) ? refreshBusyMs : refreshIdleMs

/** The service the runtime runs (`GET /api/service`). */
export const serviceQuery = () =>
  queryOptions({
    queryKey: queryKeys.service.detail(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/service',
        schemas().then((m) => m.serviceSchema),
        signal,
      ),
    refetchInterval: (q) => serviceRefreshMs(q.state.data),
  })

/** The service's operations, newest first (`GET /api/operations`). */
export const operationsQuery = () =>
  queryOptions({
    queryKey: queryKeys.operations.list(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/operations',
        schemas().then((m) => m.operationListSchema),
        signal,
      ),
    refetchInterval: (q) => operationsRefreshMs(q.state.data),
  })

/** The service URL's health probe (`GET /api/service/health`). */
export const healthProbeQuery = () =>
  queryOptions({
    queryKey: queryKeys.service.health(),
    queryFn: ({ signal }) =>
      apiGet(
        '/api/service/health',
        import('@/lib/domain/health').then((m) => m.healthProbeSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })
