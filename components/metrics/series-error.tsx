'use client'

import { ErrorFacts } from '@/components/panel/error-facts'
import type { AppError } from '@/lib/domain/errors'
import type { MetricSeries } from '@/lib/domain/metrics'
import { cn } from '@/lib/utils'

/**
 * The error every series shares when their whole source failed (e.g. the service's identity could
 * not be read), so the panel shows it once instead of on each chart; undefined otherwise.
 */
export function sharedSeriesError(series: readonly MetricSeries[]): AppError | undefined {
  const first = series[0]?.error
  if (!first) return undefined
  return series.every((s) => s.error?.message === first.message && s.error.code === first.code) ? first : undefined
}

/** One chart's place when its series could not be read: which series, what failed, never "no data". */
export function SeriesErrorCard({
  series,
  error,
  className,
}: {
  series: Pick<MetricSeries, 'id' | 'label'>
  error: AppError
  className?: string
}) {
  const headingId = `chart-${series.id}-title`
  return (
    <figure
      aria-labelledby={headingId}
      data-series={series.id}
      className={cn('flex min-h-[180px] flex-col gap-2 rounded-lg border border-tone-bad/40 bg-tone-bad/5 p-3', className)}
    >
      <figcaption id={headingId} className="text-sm font-medium">
        {series.label}
      </figcaption>
      <div role="alert" className="space-y-1 text-sm">
        <p className="text-tone-bad">Could not be read: {error.message}</p>
        {error.hint ? <p className="text-xs">{error.hint}</p> : null}
        <ErrorFacts error={error} />
      </div>
    </figure>
  )
}
