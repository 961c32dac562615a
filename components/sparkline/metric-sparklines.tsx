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
        if (shown.length === 0) return <p className="text-sm text-muted">No metrics for these resources yet.</p>
        const failed = sharedSeriesError(shown)
        if (failed) return <PanelError error={failed} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
        const domain = [Date.parse(m.start), Date.parse(m.end)] as const
        return (
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
        )
      }}
    </QueryView>
  )
}
