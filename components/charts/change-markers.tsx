'use client'

import Link from 'next/link'
import { type CSSProperties, useEffect, useState } from 'react'

import { cn } from '@/lib/utils'

import { type ChartMarker, groupMarkers, groupSummary, markerPosition } from './markers'

/** A handle's width (the 24 px minimum target): handles closer than this are drawn as one. */
const HANDLE_PX = 24

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
 * Changes closer together than a handle's width (many deployments in a few minutes, a narrow
 * sparkline) share one handle that names them all and opens the timeline of those minutes, so
 * targets never overlap.
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
  // The list's own width (ResizeObserver reports it once drawn, and on every resize) decides which handles would overlap.
  const [list, setList] = useState<HTMLUListElement | null>(null)
  const [width, setWidth] = useState(0)
  useEffect(() => {
    if (!list || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => setWidth(list.clientWidth))
    observer.observe(list)
    return () => observer.disconnect()
  }, [list])
  const placed = markers.flatMap((m) => {
    const x = markerPosition(m.at, start, end)
    return x === null ? [] : [{ m, x }]
  })
  if (placed.length === 0) return null
  const groups = groupMarkers(placed, width > 0 ? HANDLE_PX / width : 0)
  return (
    <ul
      ref={setList}
      aria-label={`Changes on ${chartLabel}`}
      className="pointer-events-none absolute"
      style={box}
      data-testid="change-markers"
    >
      {groups.map(({ x, markers: inGroup }) => {
        const one = inGroup.length === 1 ? inGroup[0] : undefined
        const summary = one ?? groupSummary(inGroup)
        const lines = one ? one.lines : inGroup.map((m) => m.lines.slice(0, 2).join(' · '))
        return (
          <li
            key={inGroup.map((m) => m.id).join(' ')}
            className="group absolute inset-y-0"
            style={{ left: `${x * 100}%` }}
            data-at={inGroup[0]?.at}
            data-tone={summary.tone}
            data-count={inGroup.length}
          >
            <span aria-hidden className={cn('absolute inset-y-0 w-0.5 -translate-x-1/2 opacity-80', toneLine[summary.tone])} />
            <Link
              href={summary.href}
              aria-label={summary.label}
              className="pointer-events-auto absolute top-0 flex size-6 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full focus-visible:outline-2 focus-visible:outline-focus"
            >
              <span aria-hidden className={cn('size-2.5 rounded-full ring-2 ring-surface', toneLine[summary.tone])} />
            </Link>
            <span
              aria-hidden
              className={cn(
                'absolute top-3 z-20 hidden w-max max-w-60 rounded-md border border-border bg-surface px-2 py-1 text-xs text-fg shadow-md group-focus-within:block group-hover:block',
                x > 0.6 ? 'right-1' : 'left-1',
              )}
            >
              {lines.map((l, i) => (
                <span key={i} className={cn('block', one && i === 0 && 'font-medium')}>
                  {l}
                </span>
              ))}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
