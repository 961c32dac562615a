import { z } from 'zod/mini'

import { checkResultSchema, type CheckResult } from '@/lib/domain/checks'

/** The last complete run, kept in the browser so it is there after a reload (and at 3 a.m.). */
export const lastRunSchema = z.object({ ranAt: z.string(), results: z.array(checkResultSchema) })
export type LastRun = z.infer<typeof lastRunSchema>

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

/** Parses stored text; anything unreadable (an older format, tampering) counts as no last run. */
export function parseLastRun(text: string | null): LastRun | null {
  if (!text) return null
  try {
    const parsed = lastRunSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
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
