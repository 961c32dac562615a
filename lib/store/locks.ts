import 'server-only'

import { randomUUID } from 'node:crypto'
import os from 'node:os'

import type { Store } from './db'

/**
 * Resource locks as lease rows, the same on SQLite and PostgreSQL: a row per held resource with an
 * expiry the holder keeps pushing forward while it works. Taking a lock is one transaction — drop
 * the resources' expired rows, insert a row for each, and give up (roll back) unless every insert
 * went in — so two replicas asking at once get one winner, and a replica that crashed, was killed
 * or lost its network holds nothing once its lease has run out.
 */

/** Who holds a resource, as a conflict message shows it. */
export type LockHolder = { resource: string; label: string; owner: string; since: string; expiresAt: number }

/** A granted lock: renew it while working, release it when done. */
export type Lease = { holderId: string; resources: readonly string[]; label: string; since: string }

/** This process, as the `owner` column names it. */
export const lockOwner = `${os.hostname()}:${process.pid}`

class Taken extends Error {}

/**
 * Takes every named resource for `leaseMs`, or none: returns the lease, or the current holder of a
 * resource that is taken (null holder when it was released between the attempt and the look-up).
 */
export async function tryAcquire(
  store: Store,
  resources: readonly string[],
  label: string,
  leaseMs: number,
  now = Date.now(),
): Promise<{ ok: true; lease: Lease } | { ok: false; holder: LockHolder | null }> {
  // One order for every caller, so two transactions inserting overlapping sets cannot deadlock.
  const sorted = [...new Set(resources)].sort()
  const lease: Lease = { holderId: randomUUID(), resources: sorted, label, since: new Date(now).toISOString() }
  try {
    await store.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('locks').where('resource', 'in', sorted).where('expires_at', '<=', now).execute()
      const inserted = await tx
        .insertInto('locks')
        .values(
          sorted.map((resource) => ({
            resource,
            holder_id: lease.holderId,
            label,
            owner: lockOwner,
            since: lease.since,
            expires_at: now + leaseMs,
          })),
        )
        // A row another holder committed (or is committing: PostgreSQL waits for it) stays; ours is not written.
        .onConflict((oc) => oc.column('resource').doNothing())
        .returning('resource')
        .execute()
      if (inserted.length !== sorted.length) throw new Taken()
    })
  } catch (e: unknown) {
    if (!(e instanceof Taken)) throw e
    return { ok: false, holder: await currentHolder(store, sorted, now) }
  }
  return { ok: true, lease }
}

/** Pushes the lease's expiry to `now + leaseMs`; false when its rows are gone (it expired and another holder took over). */
export async function renew(store: Store, lease: Lease, leaseMs: number, now = Date.now()): Promise<boolean> {
  const r = await store.db
    .updateTable('locks')
    .set({ expires_at: now + leaseMs })
    .where('holder_id', '=', lease.holderId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === lease.resources.length
}

/** Drops the lease's rows (only its own: a row another holder took after expiry stays). */
export async function release(store: Store, lease: Lease): Promise<void> {
  await store.db.deleteFrom('locks').where('holder_id', '=', lease.holderId).execute()
}

/** The live holder of the first of `resources` that is held, or null. */
export async function currentHolder(store: Store, resources: readonly string[], now = Date.now()): Promise<LockHolder | null> {
  const row = await store.db
    .selectFrom('locks')
    .select(['resource', 'label', 'owner', 'since', 'expires_at'])
    .where('resource', 'in', [...resources])
    .where('expires_at', '>', now)
    .orderBy('resource')
    .executeTakeFirst()
  return row ? { resource: row.resource, label: row.label, owner: row.owner, since: row.since, expiresAt: Number(row.expires_at) } : null
}
