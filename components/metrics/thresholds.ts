import type { Alarm, AlarmState, MetricSeries } from '@/lib/domain/metrics'

export type Threshold = { value: number; label: string; state: AlarmState; comparison: string | null }

/** The alarm thresholds to draw on a series' chart: alarms on the same namespace and metric name. */
export function thresholdsFor(series: Pick<MetricSeries, 'namespace' | 'metricName'>, alarms: readonly Alarm[]): Threshold[] {
  return alarms.flatMap((a) =>
    a.threshold !== null && a.namespace === series.namespace && a.metricName === series.metricName
      ? [{ value: a.threshold, label: a.name, state: a.state, comparison: a.comparison }]
      : [],
  )
}

const comparisonSymbols: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
}

// Alarms carry no unit; these are the units CloudWatch reports for the AppFactory metrics.
const metricUnits: Record<string, string> = {
  CPUUtilization: 'Percent',
  MemoryUtilization: 'Percent',
  FreeStorageSpace: 'Bytes',
  FreeableMemory: 'Bytes',
  RequestLatency: 'Milliseconds',
  ReadLatency: 'Seconds',
  WriteLatency: 'Seconds',
}

/** The unit of an alarm's metric: from a loaded series of the same metric, else a known default, else `Count`. */
export function alarmUnit(alarm: Pick<Alarm, 'namespace' | 'metricName'>, series: readonly MetricSeries[] = []): string {
  const match = series.find((s) => s.namespace === alarm.namespace && s.metricName === alarm.metricName)
  return match?.unit ?? (alarm.metricName ? metricUnits[alarm.metricName] : undefined) ?? 'Count'
}

/** "CPUUtilization > 80%" — the alarm's condition in words, or null when it has no threshold. */
export function describeCondition(
  alarm: Pick<Alarm, 'metricName' | 'comparison' | 'threshold' | 'statistic'>,
  formatted: string,
): string | null {
  if (alarm.threshold === null) return null
  const op = (alarm.comparison && comparisonSymbols[alarm.comparison]) ?? alarm.comparison ?? '?'
  const stat = alarm.statistic ? `${alarm.statistic} ` : ''
  return `${stat}${alarm.metricName ?? 'metric'} ${op} ${formatted}`
}
