import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod/mini'

import { isOperationActive, type OperationList, operationListSchema, type Service, serviceSchema } from '@/lib/domain/service'
import { apiGet, refreshBusyMs, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** Fast polling while App Runner is changing the service, slow otherwise. */
export const serviceRefreshMs = (service: Service | undefined): number =>
  service?.status === 'OPERATION_IN_PROGRESS' ? refreshBusyMs : refreshIdleMs

export const operationsRefreshMs = (list: OperationList | undefined): number =>
  list?.operations.some((o) => isOperationActive(o.status)) ? refreshBusyMs : refreshIdleMs

/** The App Runner service (`GET /api/service`). */
export const serviceQuery = () =>
  queryOptions({
    queryKey: queryKeys.service.detail(),
    queryFn: ({ signal }) => apiGet('/api/service', serviceSchema, signal),
    refetchInterval: (q) => serviceRefreshMs(q.state.data),
  })

/** The service's operations, newest first (`GET /api/operations`). */
export const operationsQuery = () =>
  queryOptions({
    queryKey: queryKeys.operations.list(),
    queryFn: ({ signal }) => apiGet('/api/operations', operationListSchema, signal),
    refetchInterval: (q) => operationsRefreshMs(q.state.data),
  })

/** The answer of the service URL's health endpoint, probed by the server. */
export const healthProbeSchema = z.object({
  url: z.nullable(z.string()),
  /** HTTP status, or null when nothing answered. */
  status: z.nullable(z.number()),
  ms: z.nullable(z.number()),
  error: z.optional(z.string()),
  /** `healthy` (2xx), `unhealthy` (other status), `unreachable` (no answer), `unknown` (no service URL). */
  verdict: z.enum(['healthy', 'unhealthy', 'unreachable', 'unknown']),
  fetchedAt: z.string(),
})
export type HealthProbeResult = z.infer<typeof healthProbeSchema>

/** The health verdict for a probe answer. */
export function healthVerdict(status: number | null, hasUrl: boolean): HealthProbeResult['verdict'] {
  if (!hasUrl) return 'unknown'
  if (status === null) return 'unreachable'
  return status >= 200 && status < 300 ? 'healthy' : 'unhealthy'
}

/** The service URL's health probe (`GET /api/service/health`). */
export const healthProbeQuery = () =>
  queryOptions({
    queryKey: queryKeys.service.health(),
    queryFn: ({ signal }) => apiGet('/api/service/health', healthProbeSchema, signal),
    refetchInterval: refreshIdleMs,
  })
