import 'server-only'

import { logger } from '@/lib/logger'
import { processState } from '@/lib/process-state'
import { store } from '@/lib/store/db'
import { pruneBuckets, type RateDecision, type RateLimit, takeToken } from '@/lib/store/rate-limits'

/**
 * Rate limiting per identity (token buckets). The buckets live in the store (lib/store/rate-limits.ts),
 * so replicas sharing a PostgreSQL database share each identity's budget; a process-local bucket
 * (`createRateLimiter`) stands in while the store cannot be reached.
 */

export type { RateDecision } from '@/lib/store/rate-limits'

/** A process-local limiter: takes are synchronous and seen by this process only. */
export type RateLimiter = {
  /** Takes one unit for `key`; `ok: false` with the wait when the bucket is empty. */
  take(key: string, now?: number): RateDecision
  reset(): void
}

type Bucket = { tokens: number; updatedAt: number }

const MAX_KEYS = 10_000

/** A token bucket per key: `limit` requests per `windowMs`, refilled continuously. */
export function createRateLimiter({ limit, windowMs }: { limit: number; windowMs: number }): RateLimiter {
  const buckets = new Map<string, Bucket>()
  const ratePerMs = limit / windowMs

  const refill = (b: Bucket, now: number) => {
    b.tokens = Math.min(limit, b.tokens + Math.max(0, now - b.updatedAt) * ratePerMs)
    b.updatedAt = now
  }

  const prune = (now: number) => {
    for (const [key, b] of buckets) {
      refill(b, now)
      if (b.tokens >= limit) buckets.delete(key)
    }
  }

  return {
    take(key, now = Date.now()) {
      let b = buckets.get(key)
      if (!b) {
        if (buckets.size >= MAX_KEYS) prune(now)
        b = { tokens: limit, updatedAt: now }
        buckets.set(key, b)
      }
      refill(b, now)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return { ok: true, remaining: Math.floor(b.tokens) }
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / ratePerMs / 1000)) }
    },
    reset() {
      buckets.clear()
    },
  }
}

/** A limiter whose buckets the store keeps: one budget per key across every replica. */
export type SharedRateLimiter = { take(key: string, now?: number): Promise<RateDecision> }

type Shared = { spec: string; limiter: SharedRateLimiter }

/**
 * The process-wide limiter called `name` (`mutation`, …) allowing `limit` takes per `windowMs` and key.
 * Keys are stored as `<name>:<key>`. When the store fails, this process's own bucket decides (logged).
 */
export function sharedRateLimiter(name: string, { limit, windowMs }: RateLimit): SharedRateLimiter {
  const limiters = processState('rate-limiters', () => new Map<string, Shared>())
  const spec = `${limit}/${windowMs}`
  const existing = limiters.get(name)
  if (existing?.spec === spec) return existing.limiter
  const local = createRateLimiter({ limit, windowMs })
  let prunedAt = 0
  const limiter: SharedRateLimiter = {
    async take(key, now = Date.now()) {
      try {
        const s = await store()
        if (now - prunedAt > windowMs) {
          prunedAt = now
          void pruneBuckets(s, windowMs, now).catch((e: unknown) => logger().warn({ err: e }, 'rate limit: pruning old buckets failed'))
        }
        return await takeToken(s, `${name}:${key}`, { limit, windowMs }, now)
      } catch (e: unknown) {
        logger().warn({ err: e, limiter: name }, 'rate limit: the store cannot be used; this process counts on its own')
        return local.take(key, now)
      }
    },
  }
  limiters.set(name, { spec, limiter })
  return limiter
}

/** The limiter for mutations: `limitPerMinute` per identity, shared by every replica on the same store. */
export const mutationLimiter = (limitPerMinute: number): SharedRateLimiter =>
  sharedRateLimiter('mutation', { limit: limitPerMinute, windowMs: 60_000 })

/**
 * The limiter for requests that read AWS or the portal's database: `limitPerMinute` per identity,
 * counted once per request (lib/dal/access.ts), shared by every replica on the same store — so one
 * identity cannot turn the portal into a way of hammering AWS or its database.
 */
export const readLimiter = (limitPerMinute: number): SharedRateLimiter =>
  sharedRateLimiter('read', { limit: limitPerMinute, windowMs: 60_000 })
