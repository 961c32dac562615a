import 'server-only'

import type { Cached } from '@/lib/cache'
import { type AppError, appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

/**
 * How long each kind of AWS read is served from the cache (milliseconds). One table so the
 * refresh budget is visible in one place: status reads poll fast only while something changes.
 */
export const ttl = {
  /** App Runner service / operations, RDS instance while nothing is changing. */
  status: 10_000,
  /** The same status reads while a deployment, pause/resume or RDS stop/start is running. */
  statusTransitional: 1_000,
  /** The App Runner service ARN resolved from its name: it only changes if the service is re-created. */
  serviceArn: 10 * 60_000,
  /** Auto-scaling configuration and VPC connector: configuration that rarely changes. */
  configuration: 5 * 60_000,
  images: 15_000,
  findings: 60_000,
  repository: 5 * 60_000,
  dbEvents: 30_000,
  metrics: 30_000,
  alarms: 15_000,
  alarmHistory: 30_000,
  logs: 10_000,
  /** CloudTrail's record of who started each operation (CloudTrail itself delivers events minutes late). */
  trail: 30_000,
} as const satisfies Record<string, number>

/** What every cached read adds to its domain object: when AWS answered, and whether that answer is old. */
export type Freshness = { fetchedAt: string; stale: boolean; staleError?: AppError }

/**
 * Turns a cache answer into the module's Result: `fetchedAt` is when the value was read from AWS
 * (not when it was served), `stale` says a refresh failed and an older good value is shown.
 */
export function fresh<T extends object>(c: Cached<T>): Result<T & Freshness> {
  if (!c.ok) return err(c.error)
  return ok({
    ...c.data,
    fetchedAt: new Date(c.readAt ?? Date.now()).toISOString(),
    stale: c.stale === true,
    ...(c.stale && c.staleError ? { staleError: c.staleError } : {}),
  })
}

/** Drops the cache bookkeeping (stale, readAt) from a cache answer whose type carries no freshness. */
export function plain<T>(c: Cached<T>): Result<T> {
  return c.ok ? ok(c.data) : err(c.error)
}

/** Thrown inside a mapper when AWS left out a field the portal needs; caught by `mapWith`. */
class MissingField extends Error {
  override name = 'MissingField'
  constructor(readonly field: string) {
    super(`AWS answered without ${field}.`)
  }
}

/** The value, or a MissingField failure naming it (only inside `mapWith`). */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null || (typeof value === 'string' && value === '')) throw new MissingField(field)
  return value
}

/**
 * Runs a mapper body and turns a missing required field into an `aws_error` Result, so mappers stay
 * pure and readable (a sequence of `required(...)`) while their callers still get a value, not a throw.
 */
export function mapWith<T>(body: () => T): Result<T> {
  try {
    return ok(body())
  } catch (e: unknown) {
    if (e instanceof MissingField) {
      return err(
        appError('aws_error', e.message, {
          hint: 'AWS (or the endpoint the portal talks to) sent an incomplete answer. Retry; if it persists, report it.',
        }),
      )
    }
    throw e
  }
}

/** Maps every item, failing on the first item that cannot be mapped. */
export function mapAll<I, O>(items: readonly I[], toX: (item: I) => Result<O>): Result<O[]> {
  const out: O[] = []
  for (const item of items) {
    const r = toX(item)
    if (!r.ok) return r
    out.push(r.data)
  }
  return ok(out)
}

/** ISO-8601 of an SDK timestamp (Date) or epoch milliseconds (CloudWatch Logs); null when absent or invalid. */
export function iso(value: Date | number | undefined | null): string | null {
  if (value === undefined || value === null) return null
  const d = typeof value === 'number' ? new Date(value) : value
  const t = d.getTime()
  return Number.isFinite(t) ? d.toISOString() : null
}

/** Narrows an AWS string to one of our union's members, or the deliberate fallback. */
export function narrow<const U extends string, F extends string>(
  value: string | undefined | null,
  members: readonly U[],
  fallback: F,
): U | F {
  return value !== undefined && value !== null && (members as readonly string[]).includes(value) ? (value as U) : fallback
}

/** A numeric value or null (AWS sends some numbers as strings, e.g. App Runner's Port). */
export const num = (value: number | undefined | null): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** Opaque page cursor: base64url of a small JSON object. */
export function encodeCursor(value: Record<string, number | string>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')
}

/** Decodes a cursor made by `encodeCursor`; null when it is not one. */
export function decodeCursor(cursor: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch {
    // Not base64 JSON: the caller reports invalid_input.
    return null
  }
}

/** The invalid_input error for a cursor the portal did not issue. */
export const badCursor = () => appError('invalid_input', 'The page cursor is not valid.', { hint: 'Reload the list from its first page.' })

/**
 * A time window to read (the timeline's): `key` names it in the read cache, so every viewer asking for
 * the same window shares one read; `bounds(now)` is the range read when the cache loads it.
 */
export type ReadWindow = { key: string; bounds: (now: number) => { from: number; to: number } }

/** Part of a window a bounded read did not reach (more items than its page budget), epoch ms. */
export type Unread = { from: number; to: number }
