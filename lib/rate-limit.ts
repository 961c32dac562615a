import { processSlot } from '@/lib/process-state'

/**
 * In-process rate limiting per identity (token bucket): mutations, and requests that read. One portal process serves
 * the team; a multi-replica deployment would need a shared store, which the portal does not have.
 */

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number }

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

const shared = processSlot<{ limit: number; limiter: RateLimiter }>('mutation-limiter')

/** The process-wide limiter for mutations (`limitPerMinute` per identity); shared across Next bundles. */
export function mutationLimiter(limitPerMinute: number): RateLimiter {
  if (shared.current?.limit !== limitPerMinute)
    shared.current = { limit: limitPerMinute, limiter: createRateLimiter({ limit: limitPerMinute, windowMs: 60_000 }) }
  return shared.current.limiter
}

const sharedReads = processSlot<{ limit: number; limiter: RateLimiter }>('read-limiter')

/**
 * The process-wide limiter for requests that read AWS or the portal's database (`limitPerMinute`
 * per identity, counted once per request), so one identity cannot turn the portal into a way of
 * hammering AWS or its database.
 */
export function readLimiter(limitPerMinute: number): RateLimiter {
  if (sharedReads.current?.limit !== limitPerMinute)
    sharedReads.current = { limit: limitPerMinute, limiter: createRateLimiter({ limit: limitPerMinute, windowMs: 60_000 }) }
  return sharedReads.current.limiter
}
