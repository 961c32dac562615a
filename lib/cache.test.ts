import { describe, expect, it } from 'vitest'

import { appError } from '@/lib/domain/errors'
import { err, ok } from '@/lib/result'

import { cached, invalidate, withMaxAge } from './cache'

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

  it('drops values by prefix on invalidate', async () => {
    const key = `${uniqueKey()}:x`
    const src = counter([() => ok(1), () => ok(2)])
    await cached(key, 60_000, src.load)
    invalidate(key.slice(0, -2))
    expect(await cached(key, 60_000, src.load)).toMatchObject({ data: 2 })
  })
})
