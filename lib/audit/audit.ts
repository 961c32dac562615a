import 'server-only'

import { sql } from 'kysely'
import { z } from 'zod'

import {
  type AuditEntry,
  type AuditFilter,
  auditFilterSchema,
  type AuditPage,
  auditResultSchema,
  type AuditResult,
} from '@/lib/domain/actions'
import type { Actor } from '@/lib/domain/auth'
import { appError, type AppError } from '@/lib/domain/errors'
import { logger } from '@/lib/logger'
import { countMutation } from '@/lib/metrics'
import { redactText } from '@/lib/redact'
import { err, ok, type Result } from '@/lib/result'
import { store } from '@/lib/store/db'

/** One attempted action as the operations report it. */
export type AuditRecord = {
  actor: Pick<Actor, 'id' | 'name'>
  action: string
  target: string
  params?: Record<string, unknown>
  result: AuditResult
  error?: AppError | null
  /** The AWS request id of the call that decided the outcome. */
  requestId?: string | null
  /** The portal's request id and the client's address (lib/request-meta.ts). */
  portalRequestId?: string | null
  clientAddress?: string | null
  startedAt: string
  endedAt?: string | null
}

const paramsJson = (params: Record<string, unknown> | undefined): string => redactText(JSON.stringify(params ?? {}))

/** Writes one audit entry and returns its id. Throws only if the store itself is unusable (full disk, database away). */
export async function recordAudit(r: AuditRecord): Promise<number> {
  const { db } = await store()
  const row = await db
    .insertInto('audit')
    .values({
      actor_id: r.actor.id,
      actor_name: r.actor.name,
      action: r.action,
      target: r.target,
      params: paramsJson(r.params),
      result: r.result,
      error_code: r.error?.code ?? null,
      error_message: r.error ? redactText(r.error.message) : null,
      request_id: r.requestId ?? r.error?.requestId ?? null,
      portal_request_id: r.portalRequestId ?? null,
      client_address: r.clientAddress ?? null,
      started_at: r.startedAt,
      ended_at: r.endedAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (r.result !== 'pending') countMutation(r.action, r.result)
  return Number(row.id)
}

/** Completes a `pending` entry (a background job) with its result and end time. */
export async function completeAudit(
  id: number,
  r: {
    result: Exclude<AuditResult, 'pending'>
    error?: AppError | null
    requestId?: string | null
    endedAt: string
    params?: Record<string, unknown>
  },
): Promise<void> {
  const { db } = await store()
  const requestId = r.requestId ?? r.error?.requestId ?? null
  const row = await db
    .updateTable('audit')
    .set({
      result: r.result,
      error_code: r.error?.code ?? null,
      error_message: r.error ? redactText(r.error.message) : null,
      ended_at: r.endedAt,
      ...(requestId !== null ? { request_id: requestId } : {}),
      ...(r.params ? { params: paramsJson(r.params) } : {}),
    })
    .where('id', '=', id)
    .returning('action')
    .executeTakeFirst()
  if (row) countMutation(row.action, r.result)
}

const rowSchema = z.object({
  id: z.number(),
  actor_id: z.string(),
  actor_name: z.string(),
  action: z.string(),
  target: z.string(),
  params: z.string(),
  result: auditResultSchema,
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  request_id: z.string().nullable(),
  portal_request_id: z.string().nullable().optional(),
  client_address: z.string().nullable().optional(),
  started_at: z.string(),
  ended_at: z.string().nullable(),
})

function parseParams(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {}
  } catch {
    // Written by recordAudit as JSON; an unreadable value is shown as no parameters rather than failing the page.
    return {}
  }
}

const toEntry = (row: z.infer<typeof rowSchema>): AuditEntry => ({
  id: row.id,
  actorId: row.actor_id,
  actorName: row.actor_name,
  action: row.action,
  target: row.target,
  params: parseParams(row.params),
  result: row.result,
  errorCode: row.error_code,
  errorMessage: row.error_message,
  requestId: row.request_id,
  portalRequestId: row.portal_request_id ?? null,
  clientAddress: row.client_address ?? null,
  startedAt: row.started_at,
  endedAt: row.ended_at,
})

/**
 * Audit entries newest first. `actor` matches the actor id or name, `action` an action or its
 * prefix (`deployment` matches `deployment.redeploy`); `before` pages by id.
 */
export async function listAudit(filter: AuditFilter = {}): Promise<AuditPage> {
  const f = auditFilterSchema.parse(filter)
  const { db } = await store()
  let q = db.selectFrom('audit').selectAll()
  const actor = f.actor
  if (actor) q = q.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_name', '=', actor)]))
  const action = f.action
  if (action) {
    // `deployment` also matches `deployment.redeploy`; LIKE wildcards in the filter are literal.
    const prefix = `${action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`
    q = q.where((eb) => eb.or([eb('action', '=', action), eb('action', 'like', sql<string>`${prefix} ESCAPE '\\'`)]))
  }
  if (f.result) q = q.where('result', '=', f.result)
  if (f.before) q = q.where('id', '<', f.before)
  const rows = z.array(rowSchema).parse(
    await q
      .orderBy('id', 'desc')
      .limit(f.limit + 1)
      .execute(),
  )
  const page = rows.slice(0, f.limit).map(toEntry)
  const last = page.at(-1)
  return { entries: page, nextBefore: rows.length > f.limit && last ? last.id : null }
}

/**
 * Audit entries started in [fromIso, toIso], newest first, at most `limit`; `truncated` when there were
 * more. Times are stored as ISO-8601 UTC, so they compare as text. Throws when the store cannot be read.
 */
export async function listAuditBetween(
  fromIso: string,
  toIso: string,
  limit: number,
): Promise<{ entries: AuditEntry[]; truncated: boolean }> {
  const { db } = await store()
  const rows = z.array(rowSchema).parse(
    await db
      .selectFrom('audit')
      .selectAll()
      .where('started_at', '>=', fromIso)
      .where('started_at', '<=', toIso)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute(),
  )
  return { entries: rows.slice(0, limit).map(toEntry), truncated: rows.length > limit }
}

/** Distinct actions and actors seen, for the audit page's filter choices. */
export async function listAuditFacets(): Promise<{ actions: string[]; actors: { id: string; name: string }[] }> {
  const { db } = await store()
  const [actions, actors] = await Promise.all([
    db.selectFrom('audit').select('action').distinct().orderBy('action').execute(),
    db
      .selectFrom('audit')
      .select((eb) => ['actor_id as id', eb.fn.max('actor_name').as('name')])
      .groupBy('actor_id')
      .orderBy('actor_id')
      .execute(),
  ])
  return {
    actions: z.array(z.string()).parse(actions.map((r) => r.action)),
    actors: z.array(z.object({ id: z.string(), name: z.string() })).parse(actors),
  }
}

const storeUnavailable = appError('store_unavailable', "The audit log cannot be read: the portal's database is not reachable.", {
  hint: 'Retry in a moment; if it persists, check PORTAL_DATABASE_URL (or PORTAL_DATA_DIR) and the server log.',
})

/** `listAudit` for untrusted input (URL search params): `invalid_input` or `store_unavailable` instead of a throw. */
export async function queryAudit(input: Record<string, string | undefined>): Promise<Result<AuditPage>> {
  // An empty filter field (a submitted form) means "no filter".
  const parsed = auditFilterSchema.safeParse(
    Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v.trim() !== '')),
  )
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    return err(
      appError('invalid_input', `${first?.path.map(String).join('.') ?? 'filter'}: ${first?.message ?? 'not valid'}`, {
        hint: 'Filters: actor, action, result (ok|error|pending), limit (1–500), before (an entry id).',
      }),
    )
  }
  try {
    return ok(await listAudit(parsed.data))
  } catch (e: unknown) {
    logger().error({ err: e }, 'audit: the store cannot be read')
    return err(storeUnavailable)
  }
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)
  // A leading =, +, -, @, tab or carriage return would run as a formula in a spreadsheet (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Audit entries as CSV (RFC 4180), header first. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const cols = [
    'id',
    'startedAt',
    'endedAt',
    'actorId',
    'actorName',
    'action',
    'target',
    'result',
    'errorCode',
    'errorMessage',
    'requestId',
    'portalRequestId',
    'clientAddress',
    'params',
  ] as const
  const lines = entries.map((e) => cols.map((c) => csvCell(e[c])).join(','))
  return [cols.join(','), ...lines].join('\r\n') + '\r\n'
}
