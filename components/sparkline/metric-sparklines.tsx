'use client'

import { useQuery } from '@tanstack/react-query'

import { useChangeMarkers } from '@/components/charts/use-change-markers'
import { sharedSeriesError } from '@/components/metrics/series-error'
import { PanelError } from '@/components/panel/panel-error'
import { QueryView } from '@/components/panel/query-view'
import { Skeleton } from '@/components/ui/skeleton'
import { Sparkline } from '@/components/sparkline/sparkline'
import type { MetricRange, MetricSeries } from '@/lib/domain/metrics'
import { formatBytes, formatCompact } from '@/lib/format'
import { metricsQuery } from '@/lib/queries/metrics'

const unitSuffix = (s: MetricSeries): string | undefined =>
  s.unit === 'Percent' ? '%' : s.unit === 'Milliseconds' ? 'ms' : s.unit === 'Count/Second' ? '/s' : undefined

export function MetricSparklinesSkeleton({ count = 6 }: { count?: number }) {
  return (
    <div role="status" aria-label="Loading" className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-6">
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} className="h-14" />
      ))}
    </div>
  )
}

/** Small inline-SVG charts for the chosen series (by id, in order), from the shared metrics query. */
export function MetricSparklines({ range, seriesIds }: { range: MetricRange; seriesIds: readonly string[] }) {
  const query = useQuery(metricsQuery(range))
  const markers = useChangeMarkers(range)
  return (
    <QueryView query={query} skeleton={<MetricSparklinesSkeleton count={seriesIds.length} />}>
      {(m) => {
        const shown = seriesIds.flatMap((id) => m.series.filter((s) => s.id === id))
        // A source that is not created yet (the service) has no series: say so rather than draw nothing.
        const absent = (m.notCreated ?? []).map((n) => (
          <p key={n.resource} className="text-sm text-muted">
            {n.resource} is not created yet: no metrics.
          </p>
        ))
        if (shown.length === 0)
          return absent.length > 0 ? <>{absent}</> : <p className="text-sm text-muted">No metrics for these resources yet.</p>
        // Every chart shown failed for one reason (its source could not be read): one error, not a grid of them.
        const failed = sharedSeriesError(shown)
        if (failed) return <PanelError error={failed} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
        const domain = [Date.parse(m.start), Date.parse(m.end)] as const
        return (
          <div className="space-y-2">
            {absent}
            <div className="grid grid-cols-2 gap-4 sm:grid-cols-3 xl:grid-cols-6">
              {shown.map((s) => (
                <Sparkline
                  key={s.id}
                  id={s.id}
                  label={s.label}
                  points={s.points}
                  error={s.error}
                  unit={unitSuffix(s)}
                  format={s.unit === 'Bytes' ? formatBytes : formatCompact}
                  domain={domain}
                  markers={markers}
                />
              ))}
            </div>
          </div>
        )
      }}
    </QueryView>
  )
}
