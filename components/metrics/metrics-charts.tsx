'use client'

import { keepPreviousData, useQuery } from '@tanstack/react-query'

import type { Metrics } from '@/lib/domain/metrics'
import type { MetricSource } from '@/lib/domain/metrics.values'
import { alarmsQuery } from '@/lib/queries/alarms'
import { metricRangeLabels, metricsQuery } from '@/lib/queries/metrics'

import { TimeSeriesChart, TimeSeriesChartSkeleton } from '@/components/charts/time-series-chart'
import { useChangeMarkers } from '@/components/charts/use-change-markers'
import { PanelError } from '@/components/panel/panel-error'
import { QueryView } from '@/components/panel/query-view'
import { NotCreatedNotice } from '@/components/setup/not-created-notice'
import { EmptyState } from '@/components/ui/table'

import { SeriesErrorCard, sharedSeriesError } from './series-error'
import { thresholdsFor } from './thresholds'
import { useMetricRange } from './use-metric-range'

/**
 * The charts of one source (the service, the database) for the range in the URL, from the shared
 * metrics query; alarm thresholds are drawn when alarms load. Each source is read on its own: when
 * this one failed the panel says why, and a series CloudWatch refused shows its error in its own place.
 */
export function MetricsCharts({ source, emptyText }: { source: MetricSource; emptyText: string }) {
  const range = useMetricRange()
  const metrics = useQuery({ ...metricsQuery(range), placeholderData: keepPreviousData })
  const alarms = useQuery(alarmsQuery())
  const markers = useChangeMarkers(range)
  const alarmList = alarms.data?.alarms ?? []
  return (
    <QueryView
      query={metrics}
      skeleton={<MetricsChartsSkeleton />}
      toolbar={
        metrics.isPlaceholderData ? (
          <span role="status" className="text-xs text-muted">
            Loading {metricRangeLabels[range]}…
          </span>
        ) : null
      }
    >
      {(data: Metrics) => {
        const series = data.series.filter((s) => s.source === source)
        const absent = source === 'service' ? data.notCreated?.[0] : undefined
        if (absent) return <NotCreatedNotice value={absent} detail="Its metrics start when it runs." />
        if (series.length === 0) return <EmptyState>{emptyText}</EmptyState>
        const failed = sharedSeriesError(series)
        if (failed) return <PanelError error={failed} onRetry={() => void metrics.refetch()} isRetrying={metrics.isFetching} />
        return (
          <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" aria-busy={metrics.isPlaceholderData}>
            {series.map((s) =>
              s.error ? (
                <SeriesErrorCard key={s.id} series={s} error={s.error} />
              ) : (
                <TimeSeriesChart
                  key={s.id}
                  id={s.id}
                  label={s.label}
                  unit={s.unit}
                  points={s.points}
                  start={data.start}
                  end={data.end}
                  markers={markers}
                  thresholds={thresholdsFor(s, alarmList).map((t) => ({ value: t.value, label: t.label, isBreached: t.state === 'ALARM' }))}
                />
              ),
            )}
          </div>
        )
      }}
    </QueryView>
  )
}

/** Placeholder matching a panel of four charts. */
export function MetricsChartsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <div role="status" aria-label="Loading charts" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      {Array.from({ length: count }, (_, i) => (
        <TimeSeriesChartSkeleton key={i} />
      ))}
    </div>
  )
}
