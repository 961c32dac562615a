'use client'

import Link from 'next/link'
import type { CSSProperties } from 'react'

import { cn } from '@/lib/utils'

import { type ChartMarker, markerPosition } from './markers'

const toneLine = {
  ok: 'bg-tone-ok',
  bad: 'bg-tone-bad',
  busy: 'bg-tone-busy',
  idle: 'bg-tone-idle',
  info: 'bg-tone-info',
} as const satisfies Record<ChartMarker['tone'], string>

/**
 * Vertical markers over a chart's plot area (`box`, positioned by the caller): one line per change
 * with a handle at the top that is a link (keyboard-reachable; its name says what changed, who, how it
 * ended and when). Hovering or focusing shows the same as a tooltip; activating opens the change.
 */
export function ChangeMarkers({
  markers,
  start,
  end,
  box,
  chartLabel,
}: {
  markers: readonly ChartMarker[]
  start: number
  end: number
  /** Where the plot area is inside the (relatively positioned) chart container. */
  box: CSSProperties
  chartLabel: string
}) {
  const placed = markers.flatMap((m) => {
    const x = markerPosition(m.at, start, end)
    return x === null ? [] : [{ m, x }]
  })
  if (placed.length === 0) return null
  return (
    <ul aria-label={`Changes on ${chartLabel}`} className="pointer-events-none absolute" style={box} data-testid="change-markers">
      {placed.map(({ m, x }) => (
        <li key={m.id} className="group absolute inset-y-0" style={{ left: `${x * 100}%` }} data-at={m.at} data-tone={m.tone}>
          <span aria-hidden className={cn('absolute inset-y-0 w-0.5 -translate-x-1/2 opacity-80', toneLine[m.tone])} />
          <Link
            href={m.href}
            aria-label={m.label}
            className="pointer-events-auto absolute top-0 flex size-6 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full focus-visible:outline-2 focus-visible:outline-focus"
          >
            <span aria-hidden className={cn('size-2.5 rounded-full ring-2 ring-surface', toneLine[m.tone])} />
          </Link>
          <span
            aria-hidden
            className={cn(
              'absolute top-3 z-20 hidden w-max max-w-60 rounded-md border border-border bg-surface px-2 py-1 text-xs text-fg shadow-md group-focus-within:block group-hover:block',
              x > 0.6 ? 'right-1' : 'left-1',
            )}
          >
            {m.lines.map((l, i) => (
              <span key={i} className={cn('block', i === 0 && 'font-medium')}>
                {l}
              </span>
            ))}
          </span>
        </li>
      ))}
    </ul>
  )
}
