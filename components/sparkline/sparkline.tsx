import { ChangeMarkers } from '@/components/charts/change-markers'
import type { ChartMarker } from '@/components/charts/markers'
import type { AppError } from '@/lib/domain/errors'
import { formatCompact } from '@/lib/format'
import { cn } from '@/lib/utils'

type Point = { t: string; v: number }

/**
 * SVG path for points scaled into width × height (pure; exported for tests): evenly spaced, or at
 * `xs` (each point's place across the width, 0–1) when given.
 */
export function sparklinePath(values: readonly number[], width: number, height: number, pad = 2, xs?: readonly number[]): string {
  if (values.length === 0) return ''
  const min = Math.min(...values)
  const max = Math.max(...values)
  const span = max - min || 1
  const step = values.length > 1 ? (width - pad * 2) / (values.length - 1) : 0
  return values
    .map((v, i) => {
      const x = xs ? pad + (xs[i] ?? 0) * (width - pad * 2) : pad + i * step
      const y = max === min ? height / 2 : pad + (height - pad * 2) * (1 - (v - min) / span)
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`
    })
    .join(' ')
}

/**
 * A tiny line chart drawn as inline SVG (no chart library on the overview). The accessible name
 * carries the latest, minimum and maximum so the chart is never the only carrier of the number.
 * A series that could not be read says so (with why, on hover) instead of "no datapoints".
 */
export function Sparkline({
  id,
  label,
  points,
  error,
  unit,
  format = formatCompact,
  className,
  width = 160,
  height = 36,
  domain,
  markers = [],
}: {
  /** The series id (`data-series`, for finding it on the page). */
  id?: string
  label: string
  points: readonly Point[]
  error?: AppError
  unit?: string
  format?: (v: number) => string
  className?: string
  width?: number
  height?: number
  /** The time window drawn (epoch ms): points sit at their time, and change markers can be placed. */
  domain?: readonly [number, number]
  /** Changes to mark (deployments, database stops/starts); needs `domain`. */
  markers?: readonly ChartMarker[]
}) {
  const values = points.map((p) => p.v)
  const xs =
    domain && domain[1] > domain[0]
      ? points.map((p) => Math.min(1, Math.max(0, (Date.parse(p.t) - domain[0]) / (domain[1] - domain[0]))))
      : undefined
  const padPct = `${(2 / width) * 100}%`
  const latest = values.at(-1)
  const suffix = unit ? ` ${unit}` : ''
  const summary =
    latest === undefined
      ? `${label}: no data`
      : `${label}: latest ${format(latest)}${suffix}, min ${format(Math.min(...values))}, max ${format(Math.max(...values))}`
  if (error)
    return (
      <figure className={cn('min-w-0', className)} data-series={id}>
        <figcaption className="truncate text-xs text-muted">{label}</figcaption>
        <p role="alert" className="mt-1 line-clamp-2 text-xs text-tone-bad" title={error.message}>
          Could not be read ({error.awsCode ?? error.code}
          {error.httpStatus !== undefined ? `, HTTP ${error.httpStatus}` : ''})
        </p>
      </figure>
    )
  return (
    <figure className={cn('min-w-0', className)} data-series={id}>
      <figcaption className="flex items-baseline justify-between gap-2 text-xs text-muted">
        <span className="truncate">{label}</span>
        <span className="shrink-0 font-mono text-sm whitespace-nowrap text-fg tabular-nums">
          {latest === undefined ? '—' : `${format(latest)}${suffix}`}
        </span>
      </figcaption>
      {values.length === 0 ? (
        <div className="mt-1 flex h-9 items-center text-xs text-muted">No datapoints</div>
      ) : (
        <div className="relative mt-1">
          <svg
            role="img"
            aria-label={summary}
            viewBox={`0 0 ${width} ${height}`}
            preserveAspectRatio="none"
            className="block h-9 w-full text-accent"
          >
            <title>{summary}</title>
            <path
              d={sparklinePath(values, width, height, 2, xs)}
              fill="none"
              stroke="currentColor"
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
            />
          </svg>
          {domain && markers.length > 0 ? (
            <ChangeMarkers
              markers={markers}
              start={domain[0]}
              end={domain[1]}
              box={{ left: padPct, right: padPct, top: 0, bottom: 0 }}
              chartLabel={label}
            />
          ) : null}
        </div>
      )}
    </figure>
  )
}
