import 'server-only'

import { environmentJobSchema, type EnvironmentJob } from '@/lib/domain/actions'

import type { Store } from './db'

/**
 * Sleep/wake jobs in the store: the replica running a job writes it at every step and every few
 * seconds while a step waits, so a page served by any replica shows its progress, and a job whose
 * runner went away (the replica was stopped or crashed) is told apart from one still running.
 */

/** A job as its runner last wrote it: by which process (`host:pid`) and when (epoch ms). */
export type StoredJob = { job: EnvironmentJob; owner: string; updatedAt: number }

/** Writes the job (insert or replace) as `owner` at `now`. */
export async function saveJob(store: Store, job: EnvironmentJob, owner: string, now = Date.now()): Promise<void> {
  const json = JSON.stringify(job)
  await store.db
    .insertInto('environment_jobs')
    .values({ id: job.id, kind: job.kind, status: job.status, job: json, owner, started_at: job.startedAt, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ status: job.status, job: json, owner, updated_at: now }))
    .execute()
}

type Row = { job: string; owner: string; updated_at: number | string }

/** A row written by an older or foreign portal that this one cannot read is treated as absent. */
function toStored(row: Row | undefined): StoredJob | null {
  if (!row) return null
  let value: unknown
  try {
    value = JSON.parse(row.job)
  } catch {
    return null
  }
  const job = environmentJobSchema.safeParse(value)
  return job.success ? { job: job.data, owner: row.owner, updatedAt: Number(row.updated_at) } : null
}

/** One job, or null. */
export async function getStoredJob(store: Store, id: string): Promise<StoredJob | null> {
  const row = await store.db.selectFrom('environment_jobs').select(['job', 'owner', 'updated_at']).where('id', '=', id).executeTakeFirst()
  return toStored(row)
}

/** The most recently started job, or null. */
export async function latestStoredJob(store: Store): Promise<StoredJob | null> {
  const row = await store.db
    .selectFrom('environment_jobs')
    .select(['job', 'owner', 'updated_at'])
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return toStored(row)
}

/** Keeps the `keep` most recently started jobs; returns how many older ones it removed. */
export async function pruneJobs(store: Store, keep: number): Promise<number> {
  const r = await store.db
    .deleteFrom('environment_jobs')
    .where('id', 'not in', (eb) =>
      eb.selectFrom('environment_jobs').select('id').orderBy('started_at', 'desc').orderBy('id', 'desc').limit(keep),
    )
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
