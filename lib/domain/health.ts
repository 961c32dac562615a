import { z } from 'zod/mini'

import { orNotCreated } from '@/lib/domain/setup'

/** The answer of the service URL's health endpoint, probed by the server (`GET /api/service/health`). */
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

/** `GET /api/service/health`: the probe, or the service's not-created state (nothing to probe). */
export const healthProbeOrNotCreatedSchema = orNotCreated(healthProbeSchema)
