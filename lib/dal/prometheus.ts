import 'server-only'

import { metricsText } from '@/lib/metrics'
import { ok, type Result } from '@/lib/result'

import { authorized } from './access'

/** The portal's own metrics in the Prometheus text format (they count the store's sessions). Role: viewer. */
export const getPrometheusText = authorized('viewer', async (): Promise<Result<{ contentType: string; body: string }>> =>
  ok(await metricsText()),
)
