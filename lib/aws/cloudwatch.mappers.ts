import 'server-only'

import type { AlarmHistoryItem as SdkAlarmHistoryItem, MetricAlarm, MetricDataResult } from '@aws-sdk/client-cloudwatch'

import { type Alarm, type AlarmHistoryItem, type MetricSeries } from '@/lib/domain/metrics'
import { redactText } from '@/lib/redact'
import type { Result } from '@/lib/result'

import { iso, mapWith, num, required } from './support'

/** One series the dashboard shows: which metric, which statistic, and its stable id. */
export type SeriesDef = {
  /** Stable domain id, e.g. `apprunner.requests`. */
  id: string
  label: string
  namespace: 'AWS/AppRunner' | 'AWS/RDS'
  metricName: string
  stat: string
  unit: string
}

/**
 * Every series the metrics panels show, fetched in one GetMetricData call. Metric names, stats and
 * units per https://docs.aws.amazon.com/apprunner/latest/dg/monitor-cw.html and the RDS metrics page.
 */
export const seriesDefs = [
  { id: 'apprunner.requests', label: 'Requests', namespace: 'AWS/AppRunner', metricName: 'Requests', stat: 'Sum', unit: 'Count' },
  { id: 'apprunner.2xx', label: '2xx responses', namespace: 'AWS/AppRunner', metricName: '2xxStatusResponses', stat: 'Sum', unit: 'Count' },
  { id: 'apprunner.4xx', label: '4xx responses', namespace: 'AWS/AppRunner', metricName: '4xxStatusResponses', stat: 'Sum', unit: 'Count' },
  { id: 'apprunner.5xx', label: '5xx responses', namespace: 'AWS/AppRunner', metricName: '5xxStatusResponses', stat: 'Sum', unit: 'Count' },
  {
    id: 'apprunner.latency',
    label: 'Latency (avg)',
    namespace: 'AWS/AppRunner',
    metricName: 'RequestLatency',
    stat: 'Average',
    unit: 'Milliseconds',
  },
  {
    id: 'apprunner.latencyP99',
    label: 'Latency (p99)',
    namespace: 'AWS/AppRunner',
    metricName: 'RequestLatency',
    stat: 'p99',
    unit: 'Milliseconds',
  },
  { id: 'apprunner.cpu', label: 'CPU', namespace: 'AWS/AppRunner', metricName: 'CPUUtilization', stat: 'Average', unit: 'Percent' },
  {
    id: 'apprunner.memory',
    label: 'Memory',
    namespace: 'AWS/AppRunner',
    metricName: 'MemoryUtilization',
    stat: 'Average',
    unit: 'Percent',
  },
  {
    id: 'apprunner.instances',
    label: 'Active instances (avg)',
    namespace: 'AWS/AppRunner',
    metricName: 'ActiveInstances',
    stat: 'Average',
    unit: 'Count',
  },
  {
    id: 'apprunner.instancesMax',
    label: 'Active instances (max)',
    namespace: 'AWS/AppRunner',
    metricName: 'ActiveInstances',
    stat: 'Maximum',
    unit: 'Count',
  },
  {
    id: 'apprunner.concurrency',
    label: 'Concurrency (max)',
    namespace: 'AWS/AppRunner',
    metricName: 'Concurrency',
    stat: 'Maximum',
    unit: 'Count',
  },
  { id: 'rds.cpu', label: 'Database CPU', namespace: 'AWS/RDS', metricName: 'CPUUtilization', stat: 'Average', unit: 'Percent' },
  { id: 'rds.connections', label: 'Connections', namespace: 'AWS/RDS', metricName: 'DatabaseConnections', stat: 'Average', unit: 'Count' },
  { id: 'rds.freeStorage', label: 'Free storage', namespace: 'AWS/RDS', metricName: 'FreeStorageSpace', stat: 'Minimum', unit: 'Bytes' },
  {
    id: 'rds.freeableMemory',
    label: 'Freeable memory',
    namespace: 'AWS/RDS',
    metricName: 'FreeableMemory',
    stat: 'Minimum',
    unit: 'Bytes',
  },
  { id: 'rds.readIops', label: 'Read IOPS', namespace: 'AWS/RDS', metricName: 'ReadIOPS', stat: 'Average', unit: 'Count/Second' },
  { id: 'rds.writeIops', label: 'Write IOPS', namespace: 'AWS/RDS', metricName: 'WriteIOPS', stat: 'Average', unit: 'Count/Second' },
] as const satisfies readonly SeriesDef[]

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
  return { id: def.id, label: def.label, namespace: def.namespace, metricName: def.metricName, stat: def.stat, unit: def.unit, points }
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
