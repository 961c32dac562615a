import 'server-only'

/** Builders for CheckResult, shared by every check's evaluate(). Pure. */
import { credentialErrorNames } from '@/lib/aws/errors'
import type { CheckResult, CheckStatus } from '@/lib/domain/checks'
import type { AppError } from '@/lib/domain/errors'
import type { Result } from '@/lib/result'

export type Evidence = CheckResult['evidence']
export type Fix = NonNullable<CheckResult['fix']>
export type Meta = { id: string; title: string }

/** Builds a result; a passing result carries no fix. */
export function result(meta: Meta, status: CheckStatus, summary: string, evidence: Evidence, fix: Fix | null, now: Date): CheckResult {
  return { id: meta.id, title: meta.title, status, summary, evidence, fix: status === 'pass' ? null : fix, ranAt: now.toISOString() }
}

/**
 * The `error` result for a check whose evidence could not be read: AWS code, request id, and for
 * AccessDenied the IAM action the portal lacks. Never a pass, never a throw.
 */
export function errorResult(meta: Meta, e: AppError, now: Date, evidence: Evidence = []): CheckResult {
  const action = e.code === 'aws_denied' ? e.iamAction : undefined
  const facts: Evidence = [
    ...evidence,
    { label: 'Error', value: e.message },
    ...(e.awsCode ? [{ label: 'AWS error code', value: e.awsCode }] : []),
    ...(action ? [{ label: 'IAM action the portal lacks', value: action }] : []),
    ...(e.httpStatus !== undefined ? [{ label: 'HTTP status', value: String(e.httpStatus) }] : []),
    ...(e.requestId ? [{ label: 'Request id', value: e.requestId }] : []),
  ]
  const steps = [
    `The check could not read what it needs, so it reached no verdict${e.retryable ? ' — retry in a moment' : ''}.`,
    ...(e.hint ? [e.hint] : []),
  ]
  return {
    ...result(
      meta,
      'error',
      e.message,
      facts,
      { steps, docs: action ? 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html' : undefined },
      now,
    ),
    awsCode: e.awsCode,
  }
}

/** The first failure among several reads, if any. */
export function firstError(results: readonly Result<unknown>[]): AppError | undefined {
  for (const r of results) if (!r.ok) return r.error
  return undefined
}

/** Formats a list for evidence ("a, b" or "none"). */
export const list = (items: readonly string[], none = 'none'): string => (items.length > 0 ? items.join(', ') : none)

/** "in 3 days" / "in 5 hours" / "2 days ago" between two instants. */
export function relative(from: Date, to: Date): string {
  const ms = to.getTime() - from.getTime()
  const abs = Math.abs(ms)
  const [n, unit] = abs >= 86_400_000 ? [abs / 86_400_000, 'day'] : abs >= 3_600_000 ? [abs / 3_600_000, 'hour'] : [abs / 60_000, 'minute']
  const rounded = Math.max(1, Math.round(n))
  const text = `${rounded} ${unit}${rounded === 1 ? '' : 's'}`
  return ms >= 0 ? `in ${text}` : `${text} ago`
}

/** The `npm run checks` exit code: 1 when a check failed, else 2 when one reached no verdict, else 0. */
export function exitCodeFor(results: readonly { status: CheckStatus }[]): 0 | 1 | 2 {
  if (results.some((r) => r.status === 'fail')) return 1
  if (results.some((r) => r.status === 'error')) return 2
  return 0
}

/**
 * When AWS refused the portal's credentials, every check ends in the same error: that one message
 * (for `npm run checks` to print instead of a table of identical errors), else undefined.
 */
export function credentialsRefusal(results: readonly CheckResult[]): string | undefined {
  return results.find((r) => r.status === 'error' && r.awsCode !== undefined && credentialErrorNames.has(r.awsCode))?.summary
}
