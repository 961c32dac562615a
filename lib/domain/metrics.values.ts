import type { MetricRange } from '@/lib/domain/metrics'

/* The zod-free half of lib/domain/metrics (the browser needs it before zod has loaded). */

/** The metrics time ranges, shortest first. */
export const metricRangeOptions = ['1h', '3h', '12h', '24h', '7d'] as const

/** Window length and datapoint period for each range (period keeps each series ≤ ~360 points). */
export const metricRanges = {
  '1h': { seconds: 3600, periodSeconds: 60 },
  '3h': { seconds: 3 * 3600, periodSeconds: 60 },
  '12h': { seconds: 12 * 3600, periodSeconds: 300 },
  '24h': { seconds: 24 * 3600, periodSeconds: 300 },
  '7d': { seconds: 7 * 86400, periodSeconds: 3600 },
} as const satisfies Record<MetricRange, { seconds: number; periodSeconds: number }>

/** True for one of the metrics time ranges. */
export const isMetricRange = (value: unknown): value is MetricRange =>
  typeof value === 'string' && (metricRangeOptions as readonly string[]).includes(value)

/**
 * The runtime's metrics under portal names, whatever the runtime calls them in CloudWatch: a series
 * `service.<key>` is the same measurement on App Runner or any other runtime (lib/aws/runtime.ts).
 */
export const serviceMetricKeys = [
  'requests',
  '2xx',
  '4xx',
  '5xx',
  'latency',
  'latencyP99',
  'cpu',
  'memory',
  'instances',
  'instancesMax',
  'concurrency',
] as const
export type ServiceMetricKey = (typeof serviceMetricKeys)[number]

/** The series id of one of the runtime's metrics. */
export const serviceSeriesId = (key: ServiceMetricKey): `service.${ServiceMetricKey}` => `service.${key}`

/** Where a series comes from: the runtime that runs the app, or its database. */
export const metricSources = ['service', 'database'] as const
export type MetricSource = (typeof metricSources)[number]
