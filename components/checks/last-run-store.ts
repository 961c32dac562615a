import { useEffect, useState, useSyncExternalStore } from 'react'

import type { CheckResult, LastRun } from '@/lib/domain/checks'

/* The last complete run, kept in the browser so it is there after a reload (and at 3 a.m.). */

const KEY = 'appfactory.checks.lastRun'
const listeners = new Set<() => void>()

/** For useSyncExternalStore: follows writes from this tab and from other tabs. */
export function subscribeLastRun(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

/** The raw stored text (a stable primitive snapshot); null when nothing is stored or storage is blocked. */
export function readLastRunText(): string | null {
  try {
    return window.localStorage.getItem(KEY)
  } catch {
    // Storage disabled (private mode, policy): behave as if nothing was stored.
    return null
  }
}

/**
 * Parses stored text with `lastRunSchema` (loaded on demand, which keeps zod out of the page's
 * first-load JavaScript); anything unreadable (an older format, tampering) counts as no last run.
 */
export async function parseLastRun(text: string | null): Promise<LastRun | null> {
  if (!text) return null
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return null
  }
  const { lastRunSchema } = await import('@/lib/domain/checks')
  const parsed = lastRunSchema.safeParse(json)
  return parsed.success ? parsed.data : null
}

/**
 * The stored last run, following writes from this and other tabs. Null until the stored text is
 * parsed: the server renders it as "no run yet" too, so hydration shows the same.
 */
export function useLastRun(): LastRun | null {
  const text = useSyncExternalStore(subscribeLastRun, readLastRunText, () => null)
  const [run, setRun] = useState<LastRun | null>(null)
  useEffect(() => {
    let isCurrent = true
    parseLastRun(text).then(
      (r) => {
        if (isCurrent) setRun(r)
      },
      // The schema chunk did not load (a redeployed portal): behave as if nothing was stored.
      () => {
        if (isCurrent) setRun(null)
      },
    )
    return () => {
      isCurrent = false
    }
  }, [text])
  return run
}

/** Stores a finished run and notifies subscribers. */
export function saveLastRun(ranAt: string, results: CheckResult[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify({ ranAt, results } satisfies LastRun))
  } catch {
    // Quota or policy: the run is still shown, just not kept.
  }
  for (const l of listeners) l()
}
