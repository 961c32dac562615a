'use client'

import { useSyncExternalStore } from 'react'

import { formatInZone, formatRelative, formatUtc } from '@/lib/format'

const TICK_MS = 15_000
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | undefined
let now = Date.now()

function subscribe(listener: () => void) {
  listeners.add(listener)
  if (!timer) {
    // The module may have loaded long ago (or the tab slept): start from the real time.
    now = Date.now()
    timer = setInterval(() => {
      now = Date.now()
      for (const l of listeners) l()
    }, TICK_MS)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

/** Server render and hydration: the current second (a module-level value would be as old as the server process). */
const serverNow = () => Math.floor(Date.now() / 1000) * 1000

/** The current time, refreshed every 15 s for every component that shows relative times. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now, serverNow)
}

const noop = () => () => {}
const viewerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

/**
 * The viewer's time zone (from the browser). Null on the server and while hydrating, where times
 * are shown in UTC exactly as the server rendered them; React then re-renders with the zone, so the
 * viewer sees local times and hydration never meets a different text.
 */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(noop, viewerTimeZone, () => null)
}

/** Formats exact times for the viewer: their zone in the browser, UTC on the server and while hydrating. */
export function useExactTime(): (iso: string | null | undefined) => string {
  const zone = useViewerTimeZone()
  return (iso) => (zone ? formatInZone(iso, zone) : formatUtc(iso))
}

/**
 * A timestamp shown relative ("5 min ago") with the exact time in the viewer's zone as tooltip, or
 * exact with `mode="exact"`. Server and client clocks differ by a little, so the relative text may
 * differ at hydration (hence `suppressHydrationWarning`); the exact text never does (see `useViewerTimeZone`).
 */
export function Time({
  iso,
  mode = 'relative',
  className,
}: {
  iso: string | null | undefined
  mode?: 'relative' | 'exact' | 'both'
  className?: string
}) {
  const current = useNow()
  const formatExact = useExactTime()
  if (!iso) return <span className={className}>—</span>
  const exact = formatExact(iso)
  const relative = formatRelative(iso, current)
  const text = mode === 'exact' ? exact : mode === 'both' ? `${relative} (${exact})` : relative
  return (
    <time dateTime={iso} title={exact} className={className} suppressHydrationWarning>
      {text}
    </time>
  )
}

/** False while hydrating (and on the server), true after: for client-only details such as "refreshing" dots. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  )
}
