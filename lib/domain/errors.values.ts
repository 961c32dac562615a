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
] as const

/** HTTP status for each error code: caller mistakes are 4xx, AWS failures 502/503/504. Never 500. */
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

/**
 * Narrows an unknown value to an AppError without zod: the same answer as `appErrorSchema.safeParse`
 * (a non-array object with a known `code`, a string `message`, optional string `hint`/`awsCode`/
 * `requestId`), returned as a fresh object without any other keys; null otherwise.
 */
export function asAppError(value: unknown): AppError | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const code = 'code' in value ? value.code : undefined
  const message = 'message' in value ? value.message : undefined
  const hint = 'hint' in value ? value.hint : undefined
  const awsCode = 'awsCode' in value ? value.awsCode : undefined
  const requestId = 'requestId' in value ? value.requestId : undefined
  if (!isErrorCode(code) || typeof message !== 'string') return null
  if (!isOptionalString(hint) || !isOptionalString(awsCode) || !isOptionalString(requestId)) return null
  return {
    code,
    message,
    ...(hint === undefined ? {} : { hint }),
    ...(awsCode === undefined ? {} : { awsCode }),
    ...(requestId === undefined ? {} : { requestId }),
  }
}
