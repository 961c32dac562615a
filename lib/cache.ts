import 'server-only'

import { AsyncLocalStorage } from 'node:async_hooks'

import { LRUCache } from 'lru-cache'

import type { AppError } from '@/lib/domain/errors'
import { logger } from '@/lib/logger'
import { countCacheRead, countCacheStale } from '@/lib/metrics'
import { processState } from '@/lib/process-state'
import type { Result } from '@/lib/result'

type Entry<T> = {
  value?: Result<T>
  /** When the last good value was read. */
  goodAt?: number
  good?: T
  expiresAt: number
  inflight?: Promise<Result<T>>
  /** When the last read (good or failed) finished. */
  loadedAt?: number
  /** Approximate bytes of the value (JSON length), for the cache's size bound. */
  size: number
  /** Configuration read by `cachedRevalidating`: kept by the sweep (only the size bound may drop it). */
  isPinned?: boolean
}

/** At most this many keys (image pages, log pages and filters are keyed by their parameters). */
export const MAX_CACHE_ENTRIES = 5000
/** At most this many bytes of values (approximated by their JSON length). */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024
/** An entry nobody read again for this long after it expired is dropped (its stale value has served its purpose). */
export const STALE_RETENTION_MS = 10 * 60_000
const SWEEP_EVERY_MS = 60_000

/** Bytes a value takes, approximately (computed once per load, not per read). */
function approximateSize(value: unknown): number {
  try {
    return Math.max(1, (JSON.stringify(value) ?? '').length)
  } catch {
    // Not serialisable (a cycle): count it as large rather than free.
    return 1024 * 1024
  }
}

/** Drops entries that expired more than STALE_RETENTION_MS ago and are not loading. */
export function sweepExpired(now: number = Date.now()): number {
  let dropped = 0
  for (const [key, entry] of entries.entries())
    if (!entry.inflight && !entry.isPinned && entry.expiresAt + STALE_RETENTION_MS < now) {
      entries.delete(key)
      dropped += 1
    }
  return dropped
}

// Process-wide: a write's `invalidate` in an API route must also drop what the pages read. Bounded in
// entries and bytes (least recently used first), and swept of long-expired entries once a minute.
const entries = processState('read-cache', () => {
  const cache = new LRUCache<string, Entry<unknown>>({
    max: MAX_CACHE_ENTRIES,
    maxSize: MAX_CACHE_BYTES,
    sizeCalculation: (entry) => entry.size,
  })
  setInterval(() => sweepExpired(), SWEEP_EVERY_MS).unref()
  return cache
})

type Freshness = { maxAgeMs: number; servesStale: boolean }
const maxAgeStore = new AsyncLocalStorage<Freshness>()

/**
 * Runs `fn` with a tighter freshness bound: reads inside it reuse cached values only when they were
 * read at most `maxAgeMs` ago (still coalesced). Troubleshooting uses it: on call, a re-run after a
 * fix must see AWS as it is now, not as it was one TTL ago. When such a read fails, the caller gets
 * the failure, not the older value: a check must reach no verdict rather than pass on old data.
 * `servesStale: true` keeps the older value (marked stale) instead, for pages that show it with a badge.
 */
export const withMaxAge = <T>(maxAgeMs: number, fn: () => Promise<T>, opts: { servesStale?: boolean } = {}): Promise<T> =>
  maxAgeStore.run({ maxAgeMs, servesStale: opts.servesStale ?? false }, fn)

/**
 * How old a value a hard refresh may still see. Browsers send `Cache-Control: no-cache` (and
 * `Pragma: no-cache`) on a hard reload (Ctrl-Shift-R): the page's reads then go to AWS unless a
 * value is younger than this, so on call "reload hard" means "show me AWS now", while any number
 * of people doing it still cause at most one call per resource per 2 s.
 */
export const HARD_REFRESH_MAX_AGE_MS = 2000

/** The freshness bound a request asks for (`Cache-Control`/`Pragma: no-cache` → HARD_REFRESH_MAX_AGE_MS), or undefined. */
export function requestedMaxAge(headers: Pick<Headers, 'get'>): number | undefined {
  const noCache = (v: string | null) => v !== null && /(^|[\s,])no-cache($|[\s,])/i.test(v)
  return noCache(headers.get('cache-control')) || noCache(headers.get('pragma')) ? HARD_REFRESH_MAX_AGE_MS : undefined
}

/** Returned by `cached` when a refresh failed but an earlier good value exists. */
export type Cached<T> = Result<T> & { stale?: boolean; readAt?: number; staleError?: AppError }

/**
 * The one server-side read cache: keyed by resource, short TTL, in-flight coalescing. Any number
 * of concurrent viewers cause at most one AWS call per key per TTL window. When a refresh fails
 * and an earlier good value exists, that value is returned marked `stale` (with the time it was read).
 *
 * `ttlMs` may depend on the value, e.g. shorter while a deployment or RDS transition is running.
 */
export async function cached<T>(
  key: string,
  ttlMs: number | ((value: T) => number),
  load: () => Promise<Result<T>>,
  now: () => number = Date.now,
): Promise<Cached<T>> {
  const entry = entryFor<T>(key)
  const freshness = maxAgeStore.getStore()
  const isYoungEnough = freshness === undefined || (entry.loadedAt ?? 0) >= now() - freshness.maxAgeMs
  const servesStale = freshness?.servesStale ?? true
  if (entry.value && entry.expiresAt > now() && isYoungEnough) {
    countCacheRead(key, 'hit')
    return withStale(entry, servesStale, key)
  }
  countCacheRead(key, entry.inflight ? 'coalesced' : 'miss')
  await startLoad(key, entry, ttlMs, load, now)
  return withStale(entry, servesStale, key)
}

/**
 * Like `cached`, for configuration-class reads that other calls wait behind (the service ARN
 * resolved from its name, an immutable configuration revision). Once a good value exists, it is
 * returned at once even after its TTL; the expiry only starts one background reload, so no request
 * waits for this read again. A failed reload keeps the good value (retried after the failure
 * back-off); `invalidate` drops it, e.g. when AWS says the ARN no longer exists. `withMaxAge` does
 * not apply.
 */
export async function cachedRevalidating<T>(
  key: string,
  ttlMs: number,
  load: () => Promise<Result<T>>,
  now: () => number = Date.now,
): Promise<Cached<T>> {
  const entry = entryFor<T>(key)
  entry.isPinned = true
  // No withMaxAge bound here: configuration is not what a fresh read is after, and re-reading it
  // would put it back on the request path (AWS's not-found for a stale ARN invalidates it instead).
  if (entry.good === undefined) return maxAgeStore.exit(() => cached(key, ttlMs, load, now))
  countCacheRead(key, 'hit')
  if (entry.expiresAt <= now() && !entry.inflight) {
    // Nobody awaits this reload; a throw in `load` is a bug, reported instead of becoming an unhandled
    // rejection. Outside any withMaxAge bound: it is this entry's own refresh, not the caller's read.
    maxAgeStore
      .exit(() => startLoad(key, entry, ttlMs, load, now))
      .catch((e: unknown) => logger().error({ err: e, key }, 'background refresh failed'))
  }
  return { ok: true, data: entry.good, readAt: entry.goodAt }
}

function entryFor<T>(key: string): Entry<T> {
  const existing = entries.get(key) as Entry<T> | undefined
  if (existing) return existing
  const entry: Entry<T> = { expiresAt: 0, size: 1 }
  entries.set(key, entry as Entry<unknown>)
  return entry
}

/** Starts (or joins) the entry's one in-flight load and records its outcome. */
function startLoad<T>(
  key: string,
  entry: Entry<T>,
  ttlMs: number | ((value: T) => number),
  load: () => Promise<Result<T>>,
  now: () => number,
): Promise<Result<T>> {
  entry.inflight ??= load()
    .then((r) => {
      const t = now()
      entry.value = r
      entry.loadedAt = t
      if (r.ok) {
        entry.good = r.data
        entry.goodAt = t
        entry.expiresAt = t + (typeof ttlMs === 'function' ? ttlMs(r.data) : ttlMs)
      } else {
        // Failures are cached briefly so a burst of viewers during an outage makes one call, not hundreds.
        entry.expiresAt = t + Math.min(2000, typeof ttlMs === 'number' ? ttlMs : 2000)
      }
      entry.size = approximateSize(entry.good) + approximateSize(r.ok ? null : r.error)
      // Re-setting records the new size (and may evict older entries to stay within the bounds);
      // an entry already evicted or invalidated meanwhile is not put back.
      if (entries.peek(key) === entry) entries.set(key, entry as Entry<unknown>)
      return r
    })
    .catch((e: unknown) => {
      // A load that throws (a bug: loads return failed Results) is retried after the failure back-off, not on every read.
      entry.expiresAt = now() + 2000
      throw e
    })
    .finally(() => {
      entry.inflight = undefined
    })
  return entry.inflight
}

function withStale<T>(entry: Entry<T>, servesStale: boolean, key: string): Cached<T> {
  const v = entry.value
  if (!v) throw new Error('cache entry without value')
  if (v.ok) return { ...v, readAt: entry.goodAt }
  if (entry.good !== undefined && servesStale) countCacheStale(key)
  if (entry.good !== undefined && servesStale) return { ok: true, data: entry.good, stale: true, readAt: entry.goodAt, staleError: v.error }
  return v
}

/**
 * Whether `cachedRevalidating(key, …)` would answer without waiting for a load: a good value was read
 * (it is served even after its TTL), or a failure is still within its brief back-off. Looks without
 * touching the entry.
 */
export function answersAtOnce(key: string, now: number = Date.now()): boolean {
  const entry = entries.peek(key) as Entry<unknown> | undefined
  if (!entry) return false
  return entry.good !== undefined || (entry.value !== undefined && !entry.inflight && entry.expiresAt > now)
}

/** Drops cached values whose key starts with the prefix (after a mutation). */
export function invalidate(prefix: string): void {
  for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key)
}

/** How many entries and (approximate) bytes the cache holds now. */
export const cacheSize = (): { entries: number; bytes: number } => ({ entries: entries.size, bytes: entries.calculatedSize })

/** Empties the whole cache. For tests only: the cache is module-global state shared by every read. */
export function resetCacheForTests(): void {
  entries.clear()
}
