'use client'

import { memo, useEffect, useMemo } from 'react'
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, usePlotArea, XAxis, YAxis } from 'recharts'

import { formatInZone } from '@/lib/format'

import { formatTick, formatValue } from './format'

export type ChartThreshold = { value: number; label: string; isBreached: boolean }

export type TimeSeriesCanvasProps = {
  label: string
  unit: string
  points: readonly { t: string; v: number }[]
  thresholds: readonly ChartThreshold[]
  /** Visible window in ms since the epoch; defaults to the data's extent. */
  domain?: readonly [number, number]
  height: number
  /** Told where the plot area is inside the drawing (pixels), so change markers can sit over it. */
  onPlotArea?: (area: PlotBox) => void
}

/** The plot area inside the drawing, in pixels from its top-left corner. */
export type PlotBox = { x: number; y: number; width: number; height: number }

/** Reports the plot area whenever it moves (resizes, a wider axis label). Renders nothing. */
function PlotAreaProbe({ onChange }: { onChange: (area: PlotBox) => void }) {
  const area = usePlotArea()
  // Whole pixels: sub-pixel changes (the auto-sized y axis measuring its labels) are not a move.
  const x = area && Math.round(area.x)
  const y = area && Math.round(area.y)
  const width = area && Math.round(area.width)
  const height = area && Math.round(area.height)
  useEffect(() => {
    if (x !== undefined && y !== undefined && width !== undefined && height !== undefined) onChange({ x, y, width, height })
  }, [x, y, width, height, onChange])
  return null
}

/**
 * The recharts drawing itself. Loaded with `next/dynamic` (`ssr: false`) by `TimeSeriesChart`, so
 * recharts ships only with the pages that draw charts, and axis and tooltip times are in the viewer's zone.
 * Memoised: the chart around it re-renders when the plot area is reported (for its change markers), and
 * redrawing here then would measure the axis again and report again, without end.
 */
export const TimeSeriesCanvas = memo(function TimeSeriesCanvas({
  label,
  unit,
  points,
  thresholds,
  domain,
  height,
  onPlotArea,
}: TimeSeriesCanvasProps) {
  // Never server-rendered (see above), so the viewer's zone is known from the first render.
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const data = useMemo(() => points.map((p) => ({ t: Date.parse(p.t), v: p.v })), [points])
  const span = domain ? (domain[1] - domain[0]) / 1000 : data.length > 1 ? ((data.at(-1)?.t ?? 0) - (data[0]?.t ?? 0)) / 1000 : 3600
  const xDomain: [number | string, number | string] = domain ? [domain[0], domain[1]] : ['dataMin', 'dataMax']
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--color-border)" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={xDomain}
          tickFormatter={(t: number) => formatTick(new Date(t).toISOString(), span, zone)}
          stroke="var(--color-border)"
          tick={{ fill: 'var(--color-muted)', fontSize: 11 }}
          minTickGap={40}
        />
        <YAxis
          // As wide as its longest tick label: a phone-wide chart keeps most of its width for the data.
          width="auto"
          domain={[0, 'auto']}
          // A no-break space keeps "16.8 GiB" on one line (recharts wraps tick text at spaces).
          tickFormatter={(v: number) => formatValue(v, unit).replace(' ', '\u00a0')}
          stroke="var(--color-border)"
          tick={{ fill: 'var(--color-muted)', fontSize: 11 }}
        />
        <Tooltip
          contentStyle={{
            background: 'var(--color-surface)',
            color: 'var(--color-fg)',
            border: '1px solid var(--color-border)',
            borderRadius: 6,
            fontSize: 12,
          }}
          labelFormatter={(t) => (typeof t === 'number' ? formatInZone(new Date(t).toISOString(), zone) : String(t))}
          formatter={(v) => [typeof v === 'number' ? formatValue(v, unit) : String(v), label]}
        />
        {thresholds.map((th) => (
          <ReferenceLine
            key={th.label}
            y={th.value}
            ifOverflow="extendDomain"
            stroke={th.isBreached ? 'var(--color-tone-bad)' : 'var(--color-tone-warn)'}
            strokeDasharray="6 4"
            label={{
              value: `${th.label}: ${formatValue(th.value, unit)}`,
              position: 'insideTopRight',
              fill: 'var(--color-fg)',
              fontSize: 11,
            }}
          />
        ))}
        <Line type="monotone" dataKey="v" name={label} stroke="var(--color-accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
        {onPlotArea ? <PlotAreaProbe onChange={onPlotArea} /> : null}
      </LineChart>
    </ResponsiveContainer>
  )
})
