import { describe, expect, it } from 'vitest'

import { createRateLimiter } from './rate-limit'

describe('createRateLimiter', () => {
  it('allows `limit` calls per window per key, then says how long to wait', () => {
    const rl = createRateLimiter({ limit: 3, windowMs: 60_000 })
    const t = 1_000_000
    expect([1, 2, 3].map(() => rl.take('ana', t).ok)).toEqual([true, true, true])
    expect(rl.take('ana', t)).toEqual({ ok: false, retryAfterSeconds: 20 })
    // Another identity has its own bucket.
    expect(rl.take('bob', t).ok).toBe(true)
  })

  it('refills continuously', () => {
    const rl = createRateLimiter({ limit: 2, windowMs: 60_000 })
    const t = 0
    rl.take('ana', t)
    rl.take('ana', t)
    expect(rl.take('ana', t + 29_000).ok).toBe(false)
    expect(rl.take('ana', t + 30_000).ok).toBe(true)
    expect(rl.take('ana', t + 30_000).ok).toBe(false)
    expect(rl.take('ana', t + 10 * 60_000)).toEqual({ ok: true, remaining: 1 })
  })

  it('reset clears every bucket', () => {
    const rl = createRateLimiter({ limit: 1, windowMs: 60_000 })
    rl.take('ana', 0)
    expect(rl.take('ana', 0).ok).toBe(false)
    rl.reset()
    expect(rl.take('ana', 0).ok).toBe(true)
  })
})
