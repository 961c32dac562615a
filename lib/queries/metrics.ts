import { queryOptions } from '@tanstack/react-query'

import type { MetricRange } from '@/lib/domain/metrics'
import { isMetricRange } from '@/lib/domain/metrics.values'
import { apiGet } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/metrics')

/** Metrics refresh about once per CloudWatch period. */
export const metricsRefreshMs = 60_000

/** The default range when the URL has none (or an unknown one). */
export const defaultMetricRange: MetricRange = '1h'

/** Labels for the range picker, in display order. */
export const metricRangeLabels = {
  '1h': '1 hour',
  '3h': '3 hours',
  '12h': '12 hours',
  '24h': '24 hours',
  '7d': '7 days',
} as const satisfies Record<MetricRange, string>

/** The `?range=` search param as a MetricRange (unknown or missing → the default). */
export function toMetricRange(value: unknown): MetricRange {
  const first: unknown = Array.isArray(value) ? value[0] : value
  return isMetricRange(first) ? first : defaultMetricRange
}

/** Every App Runner and RDS series for a range, from `GET /api/metrics`. */
export const metricsQuery = (range: MetricRange) =>
  queryOptions({
    queryKey: queryKeys.metrics.range(range),
    queryFn: ({ signal }) =>
      apiGet(
        `/api/metrics?range=${encodeURIComponent(range)}`,
        schemas().then((m) => m.metricsSchema),
        signal,
      ),
    refetchInterval: metricsRefreshMs,
  })
