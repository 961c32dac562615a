import 'server-only'

import { recordAudit } from '@/lib/audit/audit'
import { withMaxAge } from '@/lib/cache'
import { config } from '@/lib/config'
import { type Actor, hasRole, type Role } from '@/lib/domain/auth'
import { appError, type AppError } from '@/lib/domain/errors'
import { logger } from '@/lib/logger'
import { requestMeta } from '@/lib/request-meta'
import { err, ok, type Result } from '@/lib/result'
import '@/lib/zod-messages'

/** Audit targets: the resource kind and its configured name. */
export const targets = {
  service: () => `apprunner:${config().appRunnerService}`,
  database: () => `rds:${config().rdsInstance}`,
  environment: () => `environment:${config().appRunnerService}+${config().rdsInstance}`,
}

/** Lock names, one per AWS resource the portal changes. */
export const locks = { service: 'apprunner', database: 'rds', environment: 'environment' } as const

/** The actor's role allows the action, or `forbidden`. Routes authenticate; this is the authorisation every operation repeats. */
export function authorize(actor: Actor, role: Role): Result<Actor> {
  return hasRole(actor.role, role)
    ? ok(actor)
    : err(
        appError('forbidden', `This needs the ${role} role; ${actor.name} is ${actor.role}.`, {
          hint: 'Ask an admin for the operator role.',
        }),
      )
}

/** The first zod issue as an `invalid_input` error. */
export function invalidInput(issues: readonly { message: string; path: PropertyKey[] }[], hint?: string): AppError {
  const first = issues[0]
  const where = first && first.path.length ? `${first.path.map(String).join('.')}: ` : ''
  return appError('invalid_input', `${where}${first?.message ?? 'The request is not valid.'}`, hint ? { hint } : {})
}

/**
 * A guard's read: AWS state as it is now, never a value cached before this call (a read already
 * under way is joined, so concurrent guards and viewers still share one call), and a failure rather
 * than an older value. Other viewers' cached reads are left alone.
 */
export const fresh = <T>(read: () => Promise<Result<T>>): Promise<Result<T>> => withMaxAge(0, read)

/** The AWS request id a write's answer carries, when it carries one. */
export function requestIdOf(data: unknown): string | undefined {
  return typeof data === 'object' && data !== null && 'requestId' in data && typeof data.requestId === 'string' ? data.requestId : undefined
}

/**
 * Runs one operation and writes its audit entry whatever happens: success, an expected failure, or a
 * bug (recorded, then re-thrown), with the portal's request id and the client's address. `params`
 * holds only validated values and grows while the operation learns more (resolved SHA…); the raw
 * request body is never stored.
 */
export async function audited<T>(
  actor: Actor,
  action: string,
  target: string,
  params: Record<string, unknown>,
  run: () => Promise<Result<T>>,
): Promise<Result<T>> {
  const startedAt = new Date().toISOString()
  const meta = await requestMeta()
  let result: Result<T> | undefined
  try {
    result = await run()
    return result
  } finally {
    const error: AppError | null = result
      ? result.ok
        ? null
        : result.error
      : appError('aws_error', 'The portal failed unexpectedly while doing this; see the server log.')
    await safeRecord({
      actor,
      action,
      target,
      params,
      result: result?.ok ? 'ok' : 'error',
      error,
      requestId: result?.ok ? requestIdOf(result.data) : error?.requestId,
      ...meta,
      startedAt,
      endedAt: new Date().toISOString(),
    })
  }
}

/**
 * Writes an audit entry; a failure to write (full disk, unreadable data dir, PostgreSQL away) is logged to the
 * server log rather than turning an AWS change that already happened into an error response.
 */
export async function safeRecord(entry: Parameters<typeof recordAudit>[0]): Promise<number | null> {
  try {
    return await recordAudit(entry)
  } catch (e: unknown) {
    logger().error({ err: e, action: entry.action }, 'audit: could not write entry')
    return null
  }
}
