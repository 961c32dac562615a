import { formatCompact } from '@/lib/format'
import { cn } from '@/lib/utils'

type Point = { t: string; v: number }

/** SVG path for points scaled into width × height (pure; exported for tests). */
export function sparklinePath(values: readonly number[], width: number, height: number, pad = 2): string {
  if (values.length === 0) return ''
  const min = Math.min(...values)
  const max = Math.max(...values)
  const span = max - min || 1
  const step = values.length > 1 ? (width - pad * 2) / (values.length - 1) : 0
  return values
    .map((v, i) => {
      const x = pad + i * step
      const y = max === min ? height / 2 : pad + (height - pad * 2) * (1 - (v - min) / span)
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`
    })
    .join(' ')
}

/**
 * A tiny line chart drawn as inline SVG (no chart library on the overview). The accessible name
 * carries the latest, minimum and maximum so the chart is never the only carrier of the number.
 */
export function Sparkline({
  label,
  points,
  unit,
  format = formatCompact,
  className,
  width = 160,
  height = 36,
}: {
  label: string
  points: readonly Point[]
  unit?: string
  format?: (v: number) => string
  className?: string
  width?: number
  height?: number
}) {
  const values = points.map((p) => p.v)
  const latest = values.at(-1)
  const suffix = unit ? ` ${unit}` : ''
  const summary =
    latest === undefined
      ? `${label}: no data`
      : `${label}: latest ${format(latest)}${suffix}, min ${format(Math.min(...values))}, max ${format(Math.max(...values))}`
  return (
    <figure className={cn('min-w-0', className)}>
      <figcaption className="flex items-baseline justify-between gap-2 text-xs text-muted">
        <span className="truncate">{label}</span>
        <span className="shrink-0 font-mono text-sm whitespace-nowrap text-fg tabular-nums">
          {latest === undefined ? '—' : `${format(latest)}${suffix}`}
        </span>
      </figcaption>
      {values.length === 0 ? (
        <div className="mt-1 flex h-9 items-center text-xs text-muted">No datapoints</div>
      ) : (
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="none"
          className="mt-1 h-9 w-full text-accent"
        >
          <title>{summary}</title>
          <path
            d={sparklinePath(values, width, height)}
            fill="none"
            stroke="currentColor"
            strokeWidth={1.5}
            vectorEffect="non-scaling-stroke"
          />
        </svg>
      )}
    </figure>
  )
}
