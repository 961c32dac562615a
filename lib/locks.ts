import 'server-only'

import { appError } from '@/lib/domain/errors'
import { err, type Result } from '@/lib/result'
import { processState } from '@/lib/process-state'

/**
 * In-process per-resource locks for mutations: while one request holds `apprunner` (or `rds`, or
 * `environment`), a second one gets a `conflict` at once instead of waiting, so double clicks and two
 * browsers cause exactly one AWS mutation.
 *
 * This is correct because the portal runs as one Node process. A deployment with several instances
 * would need a shared lock instead (e.g. a row in the SQLite/Postgres database taken with
 * `INSERT … ON CONFLICT DO NOTHING` and an expiry), since these locks only see one process.
 */

type Holder = { label: string; since: string }

// Process-wide: every route bundle of the server shares one lock table.
const held = (): Map<string, Holder> => processState('locks', () => new Map<string, Holder>())

/**
 * Runs `fn` while holding every named resource; when any is held already, returns a `conflict`
 * naming the holder without running `fn`. All-or-nothing, so no partial lock is ever left behind.
 */
export async function withLocks<T>(resources: readonly string[], label: string, fn: () => Promise<Result<T>>): Promise<Result<T>> {
  const map = held()
  const busy = resources.find((r) => map.has(r))
  if (busy !== undefined) {
    const holder = map.get(busy)
    return err(
      appError(
        'conflict',
        `Another change to ${busy} is in progress (${holder?.label ?? 'unknown'}, since ${holder?.since ?? 'just now'}).`,
        {
          hint: 'Wait for it to finish, then retry.',
        },
      ),
    )
  }
  const holder = { label, since: new Date().toISOString() }
  for (const r of resources) map.set(r, holder)
  try {
    return await fn()
  } finally {
    for (const r of resources) if (map.get(r) === holder) map.delete(r)
  }
}

/** Runs `fn` while holding one resource; `conflict` when it is held. */
export function withLock<T>(resource: string, fn: () => Promise<Result<T>>, label = resource): Promise<Result<T>> {
  return withLocks([resource], label, fn)
}

/**
 * Takes the resources for a background job and returns the release function, or null when any is
 * held. Used by environment sleep/wake, whose work continues after the HTTP response.
 */
export function acquireLocks(resources: readonly string[], label: string): (() => void) | null {
  const map = held()
  if (resources.some((r) => map.has(r))) return null
  const holder = { label, since: new Date().toISOString() }
  for (const r of resources) map.set(r, holder)
  return () => {
    for (const r of resources) if (map.get(r) === holder) map.delete(r)
  }
}
