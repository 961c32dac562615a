import 'server-only'

import type { AlarmHistoryItem as SdkAlarmHistoryItem, MetricAlarm, MetricDataResult } from '@aws-sdk/client-cloudwatch'

import { appError, type AppError } from '@/lib/domain/errors'
import {
  alarmStateSchema,
  type Alarm,
  type AlarmHistoryItem,
  type AlarmState,
  type AlarmStateChange,
  type MetricSeries,
} from '@/lib/domain/metrics'
import { serviceSeriesId, type MetricSource } from '@/lib/domain/metrics.values'
import { redactText } from '@/lib/redact'
import type { Result } from '@/lib/result'

import type { Runtime } from './runtime.types'
import { iso, mapWith, num, required } from './support'

/** One series the dashboard shows: which metric, which statistic, and its stable id. */
export type SeriesDef = {
  /** Stable domain id, e.g. `service.requests`, `rds.cpu`. */
  id: string
  source: MetricSource
  label: string
  namespace: string
  metricName: string
  stat: string
  unit: string
}

/** The database's series (metric names, stats and units per the RDS CloudWatch metrics page). */
export const databaseSeriesDefs = [
  { id: 'rds.cpu', label: 'Database CPU', metricName: 'CPUUtilization', stat: 'Average', unit: 'Percent' },
  { id: 'rds.connections', label: 'Connections', metricName: 'DatabaseConnections', stat: 'Average', unit: 'Count' },
  { id: 'rds.freeStorage', label: 'Free storage', metricName: 'FreeStorageSpace', stat: 'Minimum', unit: 'Bytes' },
  { id: 'rds.freeableMemory', label: 'Freeable memory', metricName: 'FreeableMemory', stat: 'Minimum', unit: 'Bytes' },
  { id: 'rds.readIops', label: 'Read IOPS', metricName: 'ReadIOPS', stat: 'Average', unit: 'Count/Second' },
  { id: 'rds.writeIops', label: 'Write IOPS', metricName: 'WriteIOPS', stat: 'Average', unit: 'Count/Second' },
].map((d): SeriesDef => ({ ...d, source: 'database', namespace: 'AWS/RDS' }))

/** Every series the metrics panels show: the runtime's first, then the database's (each source is one GetMetricData call). */
export function seriesDefsFor(runtimeMetrics: Pick<Runtime, 'metrics'>['metrics']): SeriesDef[] {
  const service = runtimeMetrics.series.map((d): SeriesDef => ({
    id: serviceSeriesId(d.key),
    source: 'service',
    label: d.label,
    namespace: runtimeMetrics.namespace,
    metricName: d.metricName,
    stat: d.stat,
    unit: d.unit,
  }))
  return [...service, ...databaseSeriesDefs]
}

/** GetMetricData query id for a series: ids must start with a lower-case letter and hold only [A-Za-z0-9_]. */
export const queryId = (seriesId: string): string => `m_${seriesId.replace(/[^A-Za-z0-9]/g, '_')}`

/**
 * A query CloudWatch refused inside a successful GetMetricData answer (`StatusCode` `Forbidden` or
 * `InternalError`, with `Messages`): that series alone failed. `PartialData` is not a failure (more
 * pages follow). https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html
 */
export function queryError(def: SeriesDef, results: readonly MetricDataResult[], requestId: string | undefined): AppError | undefined {
  const id = queryId(def.id)
  const refused = results.find((r) => r.Id === id && (r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError'))
  if (!refused?.StatusCode) return undefined
  const said = (refused.Messages ?? [])
    .map((m) => m.Value ?? m.Code)
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => redactText(v))
    .join(' ')
  const what = `CloudWatch refused the query for ${def.label} (${def.namespace} ${def.metricName}, ${def.stat}) with ${refused.StatusCode}${said ? `: ${said}` : '.'}`
  const extra = { awsCode: refused.StatusCode, ...(requestId ? { requestId } : {}) }
  return refused.StatusCode === 'Forbidden'
    ? appError('aws_denied', what, {
        ...extra,
        iamAction: 'cloudwatch:GetMetricData',
        retryable: false,
        hint: `The portal's identity may not read this metric's data. Check its IAM policy (iam/portal-policy.json) for cloudwatch:GetMetricData.`,
      })
    : appError('aws_error', what, {
        ...extra,
        retryable: true,
        hint: 'A fault inside CloudWatch for this query alone; it usually passes. Retry in a moment.',
      })
}

/**
 * The results for one series (across every GetMetricData page) → MetricSeries, points oldest first.
 * A series with no datapoints is an empty list (e.g. no traffic, or the DB is stopped); a refused
 * query carries its `error` instead, so "no data" is never shown for a read that failed.
 */
export function toMetricSeries(def: SeriesDef, results: readonly MetricDataResult[], requestId?: string): MetricSeries {
  const id = queryId(def.id)
  const points: { t: string; v: number }[] = []
  for (const r of results) {
    if (r.Id !== id) continue
    const values = r.Values ?? []
    ;(r.Timestamps ?? []).forEach((ts, i) => {
      const t = iso(ts)
      const v = values[i]
      if (t !== null && typeof v === 'number' && Number.isFinite(v)) points.push({ t, v })
    })
  }
  points.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
  const { id: seriesId, source, label, namespace, metricName, stat, unit } = def
  const error = queryError(def, results, requestId)
  return { id: seriesId, source, label, namespace, metricName, stat, unit, points: error ? [] : points, ...(error ? { error } : {}) }
}

/** A series whose source could not be read at all: no points, the source's error. */
export function failedSeries(def: SeriesDef, error: AppError): MetricSeries {
  const { id, source, label, namespace, metricName, stat, unit } = def
  return { id, source, label, namespace, metricName, stat, unit, points: [], error }
}

/**
 * DescribeAlarms MetricAlarm → Alarm. An unknown state maps to INSUFFICIENT_DATA (CloudWatch's own
 * "cannot tell" state) rather than OK, so nothing unknown looks healthy.
 */
export function toAlarm(a: MetricAlarm): Result<Alarm> {
  return mapWith(() => ({
    name: required(a.AlarmName, 'AlarmName'),
    arn: a.AlarmArn ?? null,
    description: a.AlarmDescription ?? null,
    state: a.StateValue === 'OK' || a.StateValue === 'ALARM' ? a.StateValue : 'INSUFFICIENT_DATA',
    reason: a.StateReason ? redactText(a.StateReason) : null,
    since: iso(a.StateTransitionedTimestamp) ?? iso(a.StateUpdatedTimestamp),
    namespace: a.Namespace ?? null,
    metricName: a.MetricName ?? null,
    statistic: a.Statistic ?? a.ExtendedStatistic ?? null,
    dimensions: (a.Dimensions ?? []).flatMap((d) => (d.Name && d.Value !== undefined ? [{ name: d.Name, value: d.Value }] : [])),
    threshold: num(a.Threshold),
    comparison: a.ComparisonOperator ?? null,
    periodSeconds: num(a.Period),
    evaluationPeriods: num(a.EvaluationPeriods),
  }))
}

/** DescribeAlarmHistory item → AlarmHistoryItem. */
export function toAlarmHistoryItem(h: SdkAlarmHistoryItem): Result<AlarmHistoryItem> {
  return mapWith(() => ({
    alarmName: required(h.AlarmName, 'AlarmName'),
    time: required(iso(h.Timestamp), 'history Timestamp'),
    type: h.HistoryItemType ?? 'UNKNOWN',
    summary: redactText(h.HistorySummary ?? ''),
  }))
}

const stateOf = (v: unknown): AlarmState | null => {
  const parsed = alarmStateSchema.safeParse(v)
  return parsed.success ? parsed.data : null
}

/** `{"oldState": {"stateValue", "stateReason"}, "newState": {…}}`, the HistoryData of a StateUpdate; tolerant of anything else. */
function stateData(text: string | undefined): { from: AlarmState | null; to: AlarmState | null; reason: string | null } {
  let data: unknown = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    // Not JSON: the summary still says from → to.
    data = null
  }
  const part = (key: string): Record<string, unknown> => {
    const v = typeof data === 'object' && data !== null && key in data ? (data as Record<string, unknown>)[key] : null
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}
  }
  const reason = part('newState').stateReason
  return {
    from: stateOf(part('oldState').stateValue),
    to: stateOf(part('newState').stateValue),
    reason: typeof reason === 'string' ? reason : null,
  }
}

/** DescribeAlarmHistory `StateUpdate` item → AlarmStateChange (states from HistoryData, else from the summary; reason redacted). */
export function toAlarmStateChange(h: SdkAlarmHistoryItem): Result<AlarmStateChange> {
  return mapWith(() => {
    const data = stateData(h.HistoryData)
    const summary = h.HistorySummary?.match(/from (\w+) to (\w+)/)
    return {
      alarmName: required(h.AlarmName, 'AlarmName'),
      time: required(iso(h.Timestamp), 'history Timestamp'),
      from: data.from ?? stateOf(summary?.[1]),
      to: data.to ?? stateOf(summary?.[2]),
      reason: data.reason === null ? null : redactText(data.reason),
    }
  })
}
