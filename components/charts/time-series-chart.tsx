'use client'

import dynamic from 'next/dynamic'
import { useCallback, useId, useMemo, useState } from 'react'

import { cn } from '@/lib/utils'

import { Skeleton } from '@/components/ui/skeleton'
import { Button } from '@/components/ui/button'
import { Time } from '@/components/ui/time'

import { ChangeMarkers } from './change-markers'
import { describeChart, formatValue, summarize } from './format'
import type { ChartMarker } from './markers'
import type { ChartThreshold, PlotBox } from './time-series-canvas'

export type { ChartThreshold } from './time-series-canvas'

const CHART_HEIGHT = 180
const noThresholds: readonly ChartThreshold[] = []

const TimeSeriesCanvas = dynamic(() => import('./time-series-canvas').then((m) => m.TimeSeriesCanvas), {
  ssr: false,
  loading: () => <ChartAreaSkeleton />,
})

function ChartAreaSkeleton() {
  return <Skeleton className="h-[180px] w-full" />
}

export type TimeSeriesChartProps = {
  /** Stable id, used for element ids. */
  id: string
  label: string
  /** CloudWatch unit (`Percent`, `Milliseconds`, `Bytes`, `Count`, …). */
  unit: string
  /** Oldest first, `t` ISO-8601. */
  points: readonly { t: string; v: number }[]
  thresholds?: readonly ChartThreshold[]
  /** Visible window as ISO strings (the requested range), so sparse series keep their scale. */
  start?: string
  end?: string
  /** Changes to mark on the time axis (deployments, database stops/starts); see ./change-markers. */
  markers?: readonly ChartMarker[]
  className?: string
}

/**
 * A line chart of one series with alarm threshold lines. The drawing has an accessible name that
 * summarises latest/min/max; "Show data" reveals the same points as a table.
 */
export function TimeSeriesChart({
  id,
  label,
  unit,
  points,
  thresholds = noThresholds,
  start,
  end,
  markers = [],
  className,
}: TimeSeriesChartProps) {
  const [isTableShown, setTableShown] = useState(false)
  const [plot, setPlot] = useState<PlotBox | null>(null)
  const tableId = `${useId()}-table`
  const summary = summarize(points)
  const startMs = start ? Date.parse(start) : NaN
  const endMs = end ? Date.parse(end) : NaN
  // Stable identities, so the memoised drawing only redraws when the data or the window change.
  const domain = useMemo(
    () => (Number.isFinite(startMs) && Number.isFinite(endMs) ? ([startMs, endMs] as const) : undefined),
    [startMs, endMs],
  )
  const handlePlotArea = useCallback(
    (a: PlotBox) => setPlot((p) => (p && p.x === a.x && p.y === a.y && p.width === a.width && p.height === a.height ? p : a)),
    [],
  )
  const headingId = `chart-${id}-title`

  return (
    <figure
      aria-labelledby={headingId}
      className={cn('flex flex-col gap-2 rounded-lg border border-border bg-surface p-3', className)}
      data-series={id}
    >
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="flex items-baseline gap-2">
          <span id={headingId} className="text-sm font-medium">
            {label}
          </span>
          <span className="text-sm text-muted tabular-nums">{summary ? formatValue(summary.latest, unit) : 'no data'}</span>
        </span>
        <Button variant="ghost" size="sm" aria-expanded={isTableShown} aria-controls={tableId} onClick={() => setTableShown((v) => !v)}>
          {isTableShown ? 'Hide data' : 'Show data'}
          <span className="sr-only"> for {label}</span>
        </Button>
      </figcaption>
      <div className="relative">
        <div role="img" aria-label={describeChart(label, unit, points, thresholds)}>
          {points.length === 0 ? (
            <div className="flex items-center justify-center text-sm text-muted" style={{ height: CHART_HEIGHT }}>
              No datapoints in this range
            </div>
          ) : (
            // The drawing is decorative to assistive tech: the aria-label above and the data table carry it.
            <div aria-hidden>
              <TimeSeriesCanvas
                label={label}
                unit={unit}
                points={points}
                thresholds={thresholds}
                domain={domain}
                height={CHART_HEIGHT}
                onPlotArea={markers.length > 0 ? handlePlotArea : undefined}
              />
            </div>
          )}
        </div>
        {plot && domain && markers.length > 0 ? (
          <ChangeMarkers
            markers={markers}
            start={domain[0]}
            end={domain[1]}
            box={{ left: plot.x, top: plot.y, width: plot.width, height: plot.height }}
            chartLabel={label}
          />
        ) : null}
      </div>
      <div id={tableId} hidden={!isTableShown} className="max-h-64 overflow-auto">
        {isTableShown && <SeriesTable label={label} unit={unit} points={points} thresholds={thresholds} />}
      </div>
    </figure>
  )
}

function SeriesTable({
  label,
  unit,
  points,
  thresholds,
}: Pick<TimeSeriesChartProps, 'label' | 'unit' | 'points'> & { thresholds: readonly ChartThreshold[] }) {
  const rows = [...points].reverse()
  return (
    <table className="w-full text-left text-xs tabular-nums">
      <caption className="sr-only">
        {label}, newest first
        {thresholds.length > 0 ? ` (thresholds: ${thresholds.map((t) => `${t.label} ${formatValue(t.value, unit)}`).join(', ')})` : ''}
      </caption>
      <thead className="sticky top-0 bg-surface">
        <tr>
          <th scope="col" className="py-1 pr-4 font-medium">
            Time
          </th>
          <th scope="col" className="py-1 font-medium">
            Value
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={2} className="py-1 text-muted">
              No datapoints in this range
            </td>
          </tr>
        ) : (
          rows.map((p) => (
            <tr key={p.t} className="border-t border-border">
              <td className="py-0.5 pr-4">
                <Time iso={p.t} mode="exact" />
              </td>
              <td className="py-0.5">{formatValue(p.v, unit)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  )
}

/** Placeholder with the chart's final size. */
export function TimeSeriesChartSkeleton() {
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-3" aria-hidden>
      <Skeleton className="h-5 w-40" />
      <ChartAreaSkeleton />
    </div>
  )
}
