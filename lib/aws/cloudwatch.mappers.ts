import 'server-only'

import type { AlarmHistoryItem as SdkAlarmHistoryItem, MetricAlarm, MetricDataResult } from '@aws-sdk/client-cloudwatch'

import type { Alarm, AlarmHistoryItem, MetricSeries } from '@/lib/domain/metrics'
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

/** Every series the metrics panels show, fetched in one GetMetricData call: the runtime's first, then the database's. */
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
 * The results for one series (across every GetMetricData page) → MetricSeries, points oldest first.
 * A series with no datapoints is an empty list, not an error (e.g. no traffic, or the DB is stopped).
 */
export function toMetricSeries(def: SeriesDef, results: readonly MetricDataResult[]): MetricSeries {
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
  return { id: seriesId, source, label, namespace, metricName, stat, unit, points }
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
