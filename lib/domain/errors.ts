import { z } from 'zod/mini'

/** Every error the portal reports, to users and to API callers alike (closed union). */
export const errorCodeSchema = z.enum([
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'aws_denied',
  'aws_error',
  'aws_throttled',
  'aws_unreachable',
  'aws_timeout',
])
export type ErrorCode = z.infer<typeof errorCodeSchema>

/** HTTP status for each error code: caller mistakes are 4xx, AWS failures 502/503/504. Never 500. */
export const errorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  aws_denied: 502,
  aws_error: 502,
  aws_throttled: 503,
  aws_unreachable: 503,
  aws_timeout: 504,
} as const satisfies Record<ErrorCode, number>

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  /** What happened, in plain words. */
  message: z.string(),
  /** What to do about it. */
  hint: z.optional(z.string()),
  /** The AWS error name (e.g. `ThrottlingException`), when AWS answered. */
  awsCode: z.optional(z.string()),
  requestId: z.optional(z.string()),
})
/** The one error shape: the API's error body, a failed Result, a panel's error. */
export type AppError = z.infer<typeof appErrorSchema>

/** The JSON body of every API error response. */
export const errorBodySchema = z.object({ error: appErrorSchema })

/** Builds an AppError. */
export const appError = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): AppError => ({
  code,
  message,
  ...extra,
})
