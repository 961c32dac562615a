import type { AppError, ErrorCode } from '@/lib/domain/errors'

/*
 * The zod-free half of lib/domain/errors: what the browser needs before its first fetch (a panel
 * renders a server-side error during hydration). The schemas stay in errors.ts and load on demand.
 */

/** Every error the portal reports, to users and to API callers alike (closed union). */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'aws_denied',
  'aws_error',
  'aws_throttled',
  'aws_unreachable',
  'aws_timeout',
  'store_unavailable',
  'internal',
  'portal_unreachable',
] as const

/**
 * HTTP status for each error code: caller mistakes are 4xx, AWS failures 502/503/504, the portal's
 * own fault 500 (always with this JSON body, never a bare 500).
 */
export const errorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  aws_denied: 502,
  aws_error: 502,
  aws_throttled: 503,
  aws_unreachable: 503,
  aws_timeout: 504,
  /** The portal's own database (SQLite file or PostgreSQL) cannot be used: nothing was changed. */
  store_unavailable: 503,
  /** The portal's own fault (a bug, or an answer it could not make sense of): not AWS's. */
  internal: 500,
  /** The browser could not reach the portal (network, the server is down, a script of the page did not load); made in the browser only. */
  portal_unreachable: 503,
} as const satisfies Record<ErrorCode, number>

/** Builds an AppError. */
export const appError = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): AppError => ({
  code,
  message,
  ...extra,
})

/** True for one of the portal's error codes. */
export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (errorCodes as readonly string[]).includes(value)

const isOptionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string'
const isOptionalNumber = (value: unknown): value is number | undefined =>
  value === undefined || (typeof value === 'number' && Number.isInteger(value))
const isOptionalBoolean = (value: unknown): value is boolean | undefined => value === undefined || typeof value === 'boolean'

const field = (value: object, key: string): unknown => (key in value ? (value as Record<string, unknown>)[key] : undefined)

/**
 * Narrows an unknown value to an AppError without zod: the same answer as `appErrorSchema.safeParse`
 * (a non-array object with a known `code`, a string `message`, optional string `hint`/`awsCode`/
 * `requestId`/`iamAction`, integer `httpStatus`, boolean `retryable`), returned as a fresh object
 * without any other keys; null otherwise.
 */
export function asAppError(value: unknown): AppError | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const code = field(value, 'code')
  const message = field(value, 'message')
  if (!isErrorCode(code) || typeof message !== 'string') return null
  const strings = ['hint', 'awsCode', 'requestId', 'iamAction'] as const
  const out: AppError = { code, message }
  for (const key of strings) {
    const v = field(value, key)
    if (!isOptionalString(v)) return null
    if (v !== undefined) out[key] = v
  }
  const httpStatus = field(value, 'httpStatus')
  const retryable = field(value, 'retryable')
  if (!isOptionalNumber(httpStatus) || !isOptionalBoolean(retryable)) return null
  if (httpStatus !== undefined) out.httpStatus = httpStatus
  if (retryable !== undefined) out.retryable = retryable
  return out
}
