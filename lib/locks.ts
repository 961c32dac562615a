import 'server-only'

import { config } from '@/lib/config'
import { appError, type AppError } from '@/lib/domain/errors'
import { logger } from '@/lib/logger'
import { err, type Result } from '@/lib/result'
import { store } from '@/lib/store/db'
import { type Lease, type LockHolder, release, renew, tryAcquire } from '@/lib/store/locks'

/**
 * Per-resource locks for mutations: while one request holds `apprunner` (or `rds`, or
 * `environment`), a second one gets a `conflict` at once instead of waiting, so double clicks, two
 * browsers and two replicas cause exactly one AWS mutation. The locks are lease rows in the store
 * (lib/store/locks.ts), shared by every process on the same database; the holder renews its lease
 * every third of PORTAL_LOCK_LEASE_MS while it works, so a replica that dies holding a lock blocks
 * the others for one lease at most.
 */

const conflict = (resources: readonly string[], holder: LockHolder | null): AppError =>
  appError(
    'conflict',
    `Another change to ${holder?.resource ?? resources.join(', ')} is in progress (${holder?.label ?? 'just finished'}, since ${holder?.since ?? 'just now'}).`,
    { hint: 'Wait for it to finish, then retry.' },
  )

/** The store could not be asked: refuse the change rather than risk two at once. */
const unavailable = (e: unknown): AppError => {
  logger().error({ err: e }, 'locks: the store cannot be used')
  return appError('store_unavailable', "The portal's database cannot be reached, so the change was not started.", {
    hint: 'Nothing was changed. Retry in a moment; if it persists, check PORTAL_DATABASE_URL (or PORTAL_DATA_DIR) and the server log.',
  })
}

/** Takes the resources and keeps renewing the lease; `release` stops renewing and drops the rows. */
async function acquire(
  resources: readonly string[],
  label: string,
): Promise<{ ok: true; release: () => Promise<void> } | { ok: false; error: AppError }> {
  const leaseMs = config().lockLeaseMs
  let s: Awaited<ReturnType<typeof store>>
  let lease: Lease
  try {
    s = await store()
    const r = await tryAcquire(s, resources, label, leaseMs)
    if (!r.ok) return { ok: false, error: conflict(resources, r.holder) }
    lease = r.lease
  } catch (e: unknown) {
    return { ok: false, error: unavailable(e) }
  }
  const heartbeat = setInterval(
    () => {
      renew(s, lease, leaseMs)
        .then((held) => {
          if (!held)
            logger().error({ resources: lease.resources, label }, 'locks: a lease expired while its work still ran (the process stalled)')
        })
        .catch((e: unknown) =>
          logger().warn({ err: e, resources: lease.resources }, 'locks: could not renew a lease; it expires unless the next renewal works'),
        )
    },
    Math.max(250, Math.floor(leaseMs / 3)),
  )
  heartbeat.unref()
  let released = false
  return {
    ok: true,
    release: async () => {
      if (released) return
      released = true
      clearInterval(heartbeat)
      // A release that fails leaves the rows to expire: the lock frees itself one lease later.
      await release(s, lease).catch((e: unknown) =>
        logger().warn({ err: e, resources: lease.resources }, 'locks: release failed; the lease will expire'),
      )
    },
  }
}

/**
 * Runs `fn` while holding every named resource; when any is held already, returns a `conflict`
 * naming the holder without running `fn`. All-or-nothing, so no partial lock is ever left behind.
 */
export async function withLocks<T>(resources: readonly string[], label: string, fn: () => Promise<Result<T>>): Promise<Result<T>> {
  const held = await acquire(resources, label)
  if (!held.ok) return err(held.error)
  try {
    return await fn()
  } finally {
    await held.release()
  }
}

/** Runs `fn` while holding one resource; `conflict` when it is held. */
export function withLock<T>(resource: string, fn: () => Promise<Result<T>>, label = resource): Promise<Result<T>> {
  return withLocks([resource], label, fn)
}

/**
 * Takes the resources for a background job and returns the release function, or the `conflict`
 * (or `store_unavailable`) error. Used by environment sleep/wake, whose work continues after the
 * HTTP response; the lease is renewed until `release` is called.
 */
export async function acquireLocks(resources: readonly string[], label: string): Promise<Result<() => Promise<void>>> {
  const held = await acquire(resources, label)
  return held.ok ? { ok: true, data: held.release } : err(held.error)
}
