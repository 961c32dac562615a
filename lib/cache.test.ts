import { describe, expect, it, vi } from 'vitest'

import { appError } from '@/lib/domain/errors'
import { logger } from '@/lib/logger'
import { err, ok, type Result } from '@/lib/result'

import {
  answersAtOnce,
  cached,
  cachedRevalidating,
  cacheSize,
  HARD_REFRESH_MAX_AGE_MS,
  invalidate,
  MAX_CACHE_BYTES,
  MAX_CACHE_ENTRIES,
  requestedMaxAge,
  resetCacheForTests,
  STALE_RETENTION_MS,
  sweepExpired,
  withMaxAge,
} from './cache'

let n = 0
const uniqueKey = () => `test:${++n}`

function counter<T>(values: (() => ReturnType<typeof ok<T>> | ReturnType<typeof err<T>>)[]) {
  let calls = 0
  return {
    load: async () => values[Math.min(calls++, values.length - 1)]!(),
    calls: () => calls,
  }
}

describe('cached', () => {
  it('coalesces concurrent readers into one load and serves the value within the TTL', async () => {
    const key = uniqueKey()
    const src = counter([() => ok(1)])
    let t = 1000
    const now = () => t
    const results = await Promise.all(Array.from({ length: 50 }, () => cached(key, 10_000, src.load, now)))
    expect(src.calls()).toBe(1)
    expect(results.every((r) => r.ok && r.data === 1)).toBe(true)
    t += 9_000
    await cached(key, 10_000, src.load, now)
    expect(src.calls()).toBe(1)
    t += 2_000
    await cached(key, 10_000, src.load, now)
    expect(src.calls()).toBe(2)
  })

  it('keeps the last good value, marked stale with the reason, when a refresh fails', async () => {
    const key = uniqueKey()
    const failure = appError('aws_throttled', 'AWS throttled.')
    const src = counter<number>([() => ok(7), () => err(failure)])
    let t = 0
    const first = await cached(key, 1000, src.load, () => t)
    expect(first).toMatchObject({ ok: true, data: 7, readAt: 0 })
    t = 5000
    const second = await cached(key, 1000, src.load, () => t)
    expect(second).toMatchObject({ ok: true, data: 7, stale: true, readAt: 0, staleError: failure })
  })

  it('returns the error when nothing good was ever read', async () => {
    const key = uniqueKey()
    const failure = appError('aws_denied', 'Access denied.')
    const r = await cached(key, 1000, async () => err<number>(failure))
    expect(r).toEqual({ ok: false, error: failure })
  })

  it('re-reads inside withMaxAge when the cached value is older than the bound', async () => {
    const key = uniqueKey()
    const src = counter([() => ok('a'), () => ok('b')])
    let t = 0
    await cached(key, 30_000, src.load, () => t)
    t = 3_000
    const young = await withMaxAge(5_000, () => cached(key, 30_000, src.load, () => t))
    expect(young).toMatchObject({ data: 'a' })
    t = 8_000
    const old = await withMaxAge(5_000, () => cached(key, 30_000, src.load, () => t))
    expect(old).toMatchObject({ data: 'b' })
    expect(src.calls()).toBe(2)
  })

  it('inside withMaxAge, a failed refresh is the failure, not the older value (no check passes on old data)', async () => {
    const key = uniqueKey()
    const failure = appError('aws_throttled', 'AWS throttled.')
    const src = counter<string>([() => ok('a'), () => err(failure)])
    let t = 0
    await cached(key, 30_000, src.load, () => t)
    t = 8_000
    expect(await withMaxAge(5_000, () => cached(key, 30_000, src.load, () => t))).toEqual({ ok: false, error: failure })
    // Within the failure back-off, a strict read still gets the failure; a page outside it the stale value.
    expect(await withMaxAge(5_000, () => cached(key, 30_000, src.load, () => t))).toEqual({ ok: false, error: failure })
    expect(await cached(key, 30_000, src.load, () => t)).toMatchObject({ ok: true, data: 'a', stale: true, staleError: failure })
    expect(await withMaxAge(5_000, () => cached(key, 30_000, src.load, () => t), { servesStale: true })).toMatchObject({
      data: 'a',
      stale: true,
    })
    expect(src.calls()).toBe(2)
  })

  it('drops values by prefix on invalidate', async () => {
    const key = `${uniqueKey()}:x`
    const src = counter([() => ok(1), () => ok(2)])
    await cached(key, 60_000, src.load)
    invalidate(key.slice(0, -2))
    expect(await cached(key, 60_000, src.load)).toMatchObject({ data: 2 })
  })
})

describe('cachedRevalidating', () => {
  /** A load whose answers the test releases one by one. */
  function gated<T>() {
    const pending: ((v: T) => void)[] = []
    return {
      load: () => new Promise<ReturnType<typeof ok<T>>>((resolve) => pending.push((v) => resolve(ok(v)))),
      release: (v: T) => pending.shift()?.(v),
      waiting: () => pending.length,
    }
  }

  it('waits for the first read, then answers at once after the TTL while one background reload refreshes the value', async () => {
    const key = uniqueKey()
    const src = gated<string>()
    let t = 0
    const first = cachedRevalidating(key, 1000, src.load, () => t)
    src.release('arn-1')
    expect(await first).toMatchObject({ ok: true, data: 'arn-1' })

    t = 5000
    const expired = await Promise.all([1, 2, 3].map(() => cachedRevalidating(key, 1000, src.load, () => t)))
    expect(expired.every((r) => r.ok && r.data === 'arn-1')).toBe(true)
    expect(src.waiting()).toBe(1)
    src.release('arn-2')
    await new Promise((r) => setTimeout(r, 0))
    expect(await cachedRevalidating(key, 1000, src.load, () => t)).toMatchObject({ data: 'arn-2', readAt: 5000 })
  })

  it('keeps the good value when a background reload fails, and is not marked stale', async () => {
    const key = uniqueKey()
    const src = counter<string>([() => ok('arn-1'), () => err(appError('aws_throttled', 'AWS throttled.'))])
    let t = 0
    await cachedRevalidating(key, 1000, src.load, () => t)
    t = 5000
    await cachedRevalidating(key, 1000, src.load, () => t)
    await new Promise((r) => setTimeout(r, 0))
    const r = await cachedRevalidating(key, 1000, src.load, () => t)
    expect(r).toEqual({ ok: true, data: 'arn-1', readAt: 0 })
    expect(src.calls()).toBe(2)
  })

  it('retries a background reload that throws only after the failure back-off, and keeps the value', async () => {
    const key = uniqueKey()
    let calls = 0
    const load = async () => {
      calls += 1
      if (calls > 1) throw new Error('bug in a loader')
      return ok('arn-1')
    }
    const logged = vi.spyOn(logger(), 'error').mockImplementation(() => undefined)
    let t = 0
    await cachedRevalidating(key, 1000, load, () => t)
    t = 5000
    for (let i = 0; i < 5; i++) {
      expect(await cachedRevalidating(key, 1000, load, () => t)).toMatchObject({ ok: true, data: 'arn-1' })
      await new Promise((r) => setTimeout(r, 0))
    }
    expect(calls).toBe(2)
    expect(logged).toHaveBeenCalledTimes(1)
    t = 7500
    await cachedRevalidating(key, 1000, load, () => t)
    await new Promise((r) => setTimeout(r, 0))
    expect(calls).toBe(3)
    logged.mockRestore()
  })

  it('returns the error while nothing good was read, and reads again after invalidate', async () => {
    const key = `${uniqueKey()}:arn`
    const failure = appError('not_found', 'No such service.')
    const src = counter<string>([() => err(failure), () => ok('arn-1'), () => ok('arn-2')])
    expect(await cachedRevalidating(key, 60_000, src.load, () => 0)).toEqual({ ok: false, error: failure })
    expect(await cachedRevalidating(key, 60_000, src.load, () => 5000)).toMatchObject({ data: 'arn-1' })
    invalidate(key)
    expect(await cachedRevalidating(key, 60_000, src.load, () => 6000)).toMatchObject({ data: 'arn-2' })
  })

  it('answersAtOnce: not while the first read runs, a failure only within its back-off, a good value even after its TTL', async () => {
    const key = `${uniqueKey()}:trail`
    let finish: (r: Result<string>) => void = () => undefined
    const pending = cachedRevalidating<string>(
      key,
      1000,
      () => new Promise<Result<string>>((resolve) => (finish = resolve)),
      () => 0,
    )
    expect(answersAtOnce(key, 0)).toBe(false)
    finish(err(appError('aws_denied', 'Not allowed.')))
    await pending
    // A failure is kept for min(TTL, 2 s): answered at once until then, read again after.
    expect(answersAtOnce(key, 500)).toBe(true)
    expect(answersAtOnce(key, 5000)).toBe(false)
    await cachedRevalidating(
      key,
      1000,
      async () => ok('events'),
      () => 5000,
    )
    expect(answersAtOnce(key, 60_000)).toBe(true)
  })
})

describe('requestedMaxAge', () => {
  it.each([
    [{ 'cache-control': 'no-cache' }, HARD_REFRESH_MAX_AGE_MS],
    [{ pragma: 'no-cache' }, HARD_REFRESH_MAX_AGE_MS],
    [{ 'cache-control': 'max-age=0, no-cache' }, HARD_REFRESH_MAX_AGE_MS],
    [{ 'cache-control': 'max-age=0' }, undefined],
    [{ 'cache-control': 'no-cache-please' }, undefined],
    [{}, undefined],
  ])('%o → %s', (h, expected) => {
    expect(requestedMaxAge(new Headers(h))).toBe(expected)
  })

  it('makes a hard refresh read AWS, but not configuration kept by cachedRevalidating', async () => {
    const data = uniqueKey()
    const arn = uniqueKey()
    const src = counter([() => ok('v1'), () => ok('v2')])
    const cfg = counter([() => ok('arn-1'), () => ok('arn-2')])
    let t = 0
    await cached(data, 30_000, src.load, () => t)
    await cachedRevalidating(arn, 600_000, cfg.load, () => t)
    t = 5_000
    const maxAge = requestedMaxAge(new Headers({ 'cache-control': 'no-cache' }))
    const [d, c] = await withMaxAge(
      maxAge ?? 0,
      () => Promise.all([cached(data, 30_000, src.load, () => t), cachedRevalidating(arn, 600_000, cfg.load, () => t)]),
      {
        servesStale: true,
      },
    )
    expect(d).toMatchObject({ data: 'v2' })
    expect(c).toMatchObject({ data: 'arn-1' })
    expect(cfg.calls()).toBe(1)
  })
})

describe('bounds', () => {
  it('holds at most MAX_CACHE_ENTRIES keys, dropping the least recently used', async () => {
    resetCacheForTests()
    const first = counter([() => ok('first')])
    await cached('bound:first', 60_000, first.load)
    for (let i = 0; i < MAX_CACHE_ENTRIES + 10; i++) await cached(`bound:${i}`, 60_000, async () => ok(i))
    expect(cacheSize().entries).toBe(MAX_CACHE_ENTRIES)
    // The first key was the least recently used: it was dropped, so reading it loads again.
    await cached('bound:first', 60_000, first.load)
    expect(first.calls()).toBe(2)
    resetCacheForTests()
  })

  it('holds at most MAX_CACHE_BYTES of values', async () => {
    resetCacheForTests()
    const big = 'x'.repeat(MAX_CACHE_BYTES / 3)
    for (let i = 0; i < 5; i++) await cached(`bytes:${i}`, 60_000, async () => ok(big))
    expect(cacheSize().bytes).toBeLessThanOrEqual(MAX_CACHE_BYTES)
    expect(cacheSize().entries).toBeLessThan(5)
    resetCacheForTests()
  })

  it('sweeps entries expired for longer than STALE_RETENTION_MS, but keeps configuration and fresh entries', async () => {
    resetCacheForTests()
    const t = 1_000_000
    await cached(
      'sweep:old',
      1_000,
      async () => ok('old'),
      () => t,
    )
    await cached(
      'sweep:fresh',
      60 * 60_000,
      async () => ok('fresh'),
      () => t,
    )
    await cachedRevalidating(
      'sweep:config',
      1_000,
      async () => ok('arn'),
      () => t,
    )
    expect(sweepExpired(t + 1_000 + STALE_RETENTION_MS - 1)).toBe(0)
    expect(sweepExpired(t + 1_000 + STALE_RETENTION_MS + 1)).toBe(1)
    expect(cacheSize().entries).toBe(2)
    resetCacheForTests()
  })
})
