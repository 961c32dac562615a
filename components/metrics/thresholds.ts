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

export type SeriesGroup = { id: string; title: string; series: MetricSeries[] }

const groupTitles: Record<string, string> = { 'AWS/AppRunner': 'App Runner', 'AWS/RDS': 'RDS' }

/** Groups series by namespace (App Runner first, then RDS, then anything else), keeping their order. */
export function groupSeries(series: readonly MetricSeries[]): SeriesGroup[] {
  const groups = new Map<string, SeriesGroup>()
  for (const s of series) {
    const g = groups.get(s.namespace) ?? { id: s.namespace, title: groupTitles[s.namespace] ?? s.namespace, series: [] }
    g.series.push(s)
    groups.set(s.namespace, g)
  }
  const rank = (id: string) => {
    const i = Object.keys(groupTitles).indexOf(id)
    return i === -1 ? Number.MAX_SAFE_INTEGER : i
  }
  return [...groups.values()].sort((a, b) => rank(a.id) - rank(b.id))
}
