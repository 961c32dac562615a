'use client'

import { useSyncExternalStore } from 'react'

import { formatRelative, formatUtc } from '@/lib/format'

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

/**
 * A timestamp shown relative ("5 min ago") with the exact UTC time as tooltip, or exact with
 * `mode="exact"`. Server and client clocks differ by a little, so the text may differ at hydration.
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
  if (!iso) return <span className={className}>—</span>
  const exact = formatUtc(iso)
  const relative = formatRelative(iso, current)
  const text = mode === 'exact' ? exact : mode === 'both' ? `${relative} (${exact})` : relative
  return (
    <time dateTime={iso} title={exact} className={className} suppressHydrationWarning>
      {text}
    </time>
  )
}

const noop = () => () => {}

/** False while hydrating (and on the server), true after: for client-only details such as "refreshing" dots. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  )
}
