import type { HealthProbeResult } from '@/lib/domain/health'

/* The zod-free half of lib/domain/health (the browser needs it before zod has loaded). */

/** The health verdict for a probe answer: 2xx healthy, another status unhealthy, no answer unreachable. */
export function healthVerdict(status: number | null, hasUrl: boolean): HealthProbeResult['verdict'] {
  if (!hasUrl) return 'unknown'
  if (status === null) return 'unreachable'
  return status >= 200 && status < 300 ? 'healthy' : 'unhealthy'
}
