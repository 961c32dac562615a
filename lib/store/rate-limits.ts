import 'server-only'

import { sql } from 'kysely'

import type { Store } from './db'

/** A rate limiter's answer: go ahead (with what is left), or wait. */
export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number }

/** `limit` takes per `windowMs`, refilled continuously (a token bucket). */
export type RateLimit = { limit: number; windowMs: number }

/**
 * Takes one token from `key`'s bucket in the store: one upsert that refills the bucket for the time
 * since its last use, takes a token when there is one, and reports which — atomic on SQLite and on
 * PostgreSQL alike, so replicas sharing a database share every identity's budget.
 */
export async function takeToken(store: Store, key: string, { limit, windowMs }: RateLimit, now = Date.now()): Promise<RateDecision> {
  const ratePerMs = limit / windowMs
  // Parameters are cast: PostgreSQL would otherwise type them from the bigint column beside them.
  const cap = sql<number>`CAST(${limit} AS double precision)`
  const grown = sql<number>`rate_limits.tokens + (CAST(${now} AS double precision) - rate_limits.updated_at) * CAST(${ratePerMs} AS double precision)`
  const refilled = sql<number>`(CASE WHEN ${grown} > ${cap} THEN ${cap} ELSE ${grown} END)`
  const row = await store.db
    .insertInto('rate_limits')
    .values({ key, tokens: limit - 1, updated_at: now, allowed: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        tokens: sql<number>`CASE WHEN ${refilled} >= 1 THEN ${refilled} - 1 ELSE ${refilled} END`,
        allowed: sql<number>`CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END`,
        updated_at: now,
      }),
    )
    .returning(['tokens', 'allowed'])
    .executeTakeFirstOrThrow()
  const tokens = Number(row.tokens)
  if (Number(row.allowed) === 1) return { ok: true, remaining: Math.floor(tokens) }
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000)) }
}

/** Drops buckets untouched for `windowMs` (they would be full again, the same as no row). */
export async function pruneBuckets(store: Store, windowMs: number, now = Date.now()): Promise<void> {
  await store.db
    .deleteFrom('rate_limits')
    .where('updated_at', '<', now - windowMs)
    .execute()
}

/** Empties every bucket (tests). */
export async function resetBuckets(store: Store): Promise<void> {
  await store.db.deleteFrom('rate_limits').execute()
}
