import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'
import { metricRangeOptions, metricSources } from '@/lib/domain/metrics.values'
import { notCreatedSchema } from '@/lib/domain/setup'

// The zod-free values live in metrics.values.ts; re-exported for server code.
export { metricRanges } from '@/lib/domain/metrics.values'

export const metricRangeSchema = z.enum(metricRangeOptions)
export type MetricRange = z.infer<typeof metricRangeSchema>

export const metricSeriesSchema = z.object({
  /** Stable id, e.g. `service.requests` (the runtime's, see serviceMetricKeys), `rds.cpu`. */
  id: z.string(),
  /** The runtime (`service`) or the database. */
  source: z.enum(metricSources),
  label: z.string(),
  namespace: z.string(),
  metricName: z.string(),
  stat: z.string(),
  unit: z.string(),
  /** Oldest first; `t` is ISO-8601. Empty with `error` when the series could not be read (never "no data" then). */
  points: z.array(z.object({ t: z.string(), v: z.number() })),
  /** Why this series could not be read: CloudWatch refused its query, or its source (e.g. the service's identity) failed. */
  error: z.optional(appErrorSchema),
})
export type MetricSeries = z.infer<typeof metricSeriesSchema>

/** How one source's series were read: each source (the runtime, the database) is read on its own. */
export const metricSourceStateSchema = z.object({
  /** When CloudWatch answered for this source; null when it could not be read (`error`) or its resource is not created yet (`notCreated`). */
  fetchedAt: z.nullable(z.string()),
  stale: z.optional(z.boolean()),
  staleError: z.optional(appErrorSchema),
  /** Why none of this source's series could be read. */
  error: z.optional(appErrorSchema),
})
export type MetricSourceState = z.infer<typeof metricSourceStateSchema>

export const metricsSchema = z.object({
  range: metricRangeSchema,
  periodSeconds: z.number(),
  start: z.string(),
  end: z.string(),
  series: z.array(metricSeriesSchema),
  /** Sources whose resource is not created yet (the runtime's service): they have no series at all. */
  notCreated: z.optional(z.array(notCreatedSchema)),
  /** Each source read on its own: one failing leaves the other's series intact. */
  sources: z.record(z.enum(metricSources), metricSourceStateSchema),
  fetchedAt: z.string(),
  stale: z.optional(z.boolean()),
  /** Why the last refresh failed, when `stale`. */
  staleError: z.optional(appErrorSchema),
})
export type Metrics = z.infer<typeof metricsSchema>

export const alarmStateSchema = z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA'])
export type AlarmState = z.infer<typeof alarmStateSchema>

export const alarmSchema = z.object({
  name: z.string(),
  arn: z.nullable(z.string()),
  description: z.nullable(z.string()),
  state: alarmStateSchema,
  reason: z.nullable(z.string()),
  /** When the alarm last changed state. */
  since: z.nullable(z.string()),
  namespace: z.nullable(z.string()),
  metricName: z.nullable(z.string()),
  statistic: z.nullable(z.string()),
  dimensions: z.array(z.object({ name: z.string(), value: z.string() })),
  threshold: z.nullable(z.number()),
  comparison: z.nullable(z.string()),
  periodSeconds: z.nullable(z.number()),
  evaluationPeriods: z.nullable(z.number()),
})
export type Alarm = z.infer<typeof alarmSchema>

export const alarmListSchema = z.object({
  alarms: z.array(alarmSchema),
  fetchedAt: z.string(),
  stale: z.optional(z.boolean()),
  staleError: z.optional(appErrorSchema),
})
export type AlarmList = z.infer<typeof alarmListSchema>

export const alarmHistoryItemSchema = z.object({
  alarmName: z.string(),
  time: z.string(),
  type: z.string(),
  summary: z.string(),
})
export type AlarmHistoryItem = z.infer<typeof alarmHistoryItemSchema>

/** `GET /api/alarms/<name>/history`: one alarm's state changes and actions, newest first. */
export const alarmHistorySchema = z.object({ items: z.array(alarmHistoryItemSchema) })
export type AlarmHistory = z.infer<typeof alarmHistorySchema>

/** Route input for `/api/alarms/<name>/history`: a CloudWatch alarm name (1–255 characters). */
export const alarmNameSchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(255))

/** One alarm state change (DescribeAlarmHistory `StateUpdate`): from → to and CloudWatch's reason. */
export type AlarmStateChange = {
  alarmName: string
  time: string
  from: AlarmState | null
  to: AlarmState | null
  reason: string | null
}
