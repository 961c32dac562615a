'use client'

import { metricRangeOptions } from '@/lib/domain/metrics.values'
import { metricRangeLabels } from '@/lib/queries/metrics'
import { cn } from '@/lib/utils'

import { setMetricRange, useMetricRange } from './use-metric-range'

/**
 * The metrics time range as a segmented control built from native radio buttons: Tab moves into
 * the group, arrow keys change the range, and the choice is kept in the URL (`?range=`).
 */
export function MetricRangePicker({ className }: { className?: string }) {
  const range = useMetricRange()
  return (
    <fieldset className={cn('inline-flex items-center gap-2', className)}>
      <legend className="sr-only">Time range</legend>
      <span aria-hidden className="text-xs text-muted">
        Range
      </span>
      <div className="inline-flex rounded-md border border-border bg-surface p-0.5">
        {metricRangeOptions.map((value) => (
          <label
            key={value}
            title={metricRangeLabels[value]}
            className={cn(
              'relative cursor-pointer rounded px-2.5 py-1 text-xs font-medium tabular-nums transition-colors',
              'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-focus',
              value === range ? 'bg-accent text-accent-fg' : 'text-muted hover:bg-surface-2 hover:text-fg',
            )}
          >
            <input
              type="radio"
              name="metric-range"
              value={value}
              checked={value === range}
              onChange={() => setMetricRange(value)}
              // Transparent over the whole segment, so pointer and keyboard both act on the radio itself.
              className="absolute inset-0 m-0 cursor-pointer appearance-none opacity-0"
            />
            {value}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
