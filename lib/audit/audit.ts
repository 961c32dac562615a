import 'server-only'

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
import { redactText } from '@/lib/redact'
import { err, ok, type Result } from '@/lib/result'

import { db } from './db'

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

/** Writes one audit entry and returns its id. Throws only if the database itself is unusable (a bug or a full disk). */
export function recordAudit(r: AuditRecord): number {
  const info = db()
    .prepare(
      `INSERT INTO audit (actor_id, actor_name, action, target, params, result, error_code, error_message, request_id,
         portal_request_id, client_address, started_at, ended_at)
       VALUES (@actorId, @actorName, @action, @target, @params, @result, @errorCode, @errorMessage, @requestId,
         @portalRequestId, @clientAddress, @startedAt, @endedAt)`,
    )
    .run({
      actorId: r.actor.id,
      actorName: r.actor.name,
      action: r.action,
      target: r.target,
      params: paramsJson(r.params),
      result: r.result,
      errorCode: r.error?.code ?? null,
      errorMessage: r.error ? redactText(r.error.message) : null,
      requestId: r.requestId ?? r.error?.requestId ?? null,
      portalRequestId: r.portalRequestId ?? null,
      clientAddress: r.clientAddress ?? null,
      startedAt: r.startedAt,
      endedAt: r.endedAt ?? null,
    })
  return Number(info.lastInsertRowid)
}

/** Completes a `pending` entry (a background job) with its result and end time. */
export function completeAudit(
  id: number,
  r: {
    result: Exclude<AuditResult, 'pending'>
    error?: AppError | null
    requestId?: string | null
    endedAt: string
    params?: Record<string, unknown>
  },
): void {
  db()
    .prepare(
      `UPDATE audit SET result = @result, error_code = @errorCode, error_message = @errorMessage,
         request_id = COALESCE(@requestId, request_id), ended_at = @endedAt, params = COALESCE(@params, params)
       WHERE id = @id`,
    )
    .run({
      id,
      result: r.result,
      errorCode: r.error?.code ?? null,
      errorMessage: r.error ? redactText(r.error.message) : null,
      requestId: r.requestId ?? r.error?.requestId ?? null,
      endedAt: r.endedAt,
      params: r.params ? paramsJson(r.params) : null,
    })
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
export function listAudit(filter: AuditFilter = {}): AuditPage {
  const f = auditFilterSchema.parse(filter)
  const where: string[] = []
  const args: Record<string, string | number> = { limit: f.limit + 1 }
  if (f.actor) {
    where.push('(actor_id = @actor OR actor_name = @actor)')
    args.actor = f.actor
  }
  if (f.action) {
    where.push("(action = @action OR action LIKE @actionPrefix ESCAPE '\\')")
    args.action = f.action
    args.actionPrefix = `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`
  }
  if (f.result) {
    where.push('result = @result')
    args.result = f.result
  }
  if (f.before) {
    where.push('id < @before')
    args.before = f.before
  }
  const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`
  const rows = z.array(rowSchema).parse(db().prepare(sql).all(args))
  const page = rows.slice(0, f.limit).map(toEntry)
  const last = page.at(-1)
  return { entries: page, nextBefore: rows.length > f.limit && last ? last.id : null }
}

/** Distinct actions and actors seen, for the audit page's filter choices. */
export function listAuditFacets(): { actions: string[]; actors: { id: string; name: string }[] } {
  const actions = z.array(z.string()).parse(db().prepare('SELECT DISTINCT action FROM audit ORDER BY action').pluck().all())
  const actors = z
    .array(z.object({ id: z.string(), name: z.string() }))
    .parse(db().prepare('SELECT actor_id AS id, MAX(actor_name) AS name FROM audit GROUP BY actor_id ORDER BY actor_id').all())
  return { actions, actors }
}

/** `listAudit` for untrusted input (URL search params): `invalid_input` instead of a throw. */
export function queryAudit(input: Record<string, string | undefined>): Result<AuditPage> {
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
  return ok(listAudit(parsed.data))
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
