import { z } from 'zod/mini'

import { errorCodes } from '@/lib/domain/errors.values'

// The zod-free values (codes, status table, builder, narrowing) live in errors.values.ts; re-exported for server code.
export { appError, errorStatus } from '@/lib/domain/errors.values'

/** Every error the portal reports, to users and to API callers alike (closed union). */
export const errorCodeSchema = z.enum(errorCodes)
export type ErrorCode = z.infer<typeof errorCodeSchema>

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  /** What happened, in plain words. */
  message: z.string(),
  /** What to do about it. */
  hint: z.optional(z.string()),
  /** The AWS error name (e.g. `ThrottlingException`), when AWS answered with one. */
  awsCode: z.optional(z.string()),
  /** The AWS request id, whenever the answer carried one. */
  requestId: z.optional(z.string()),
  /** The HTTP status of the answer that failed (AWS's, or whatever answered at its endpoint). */
  httpStatus: z.optional(z.int()),
  /** For a denial: the IAM action the portal's identity lacks (for checks and fix texts). */
  iamAction: z.optional(z.string()),
  /** True when the same request may pass if repeated (throttling, AWS 5xx, timeouts); retry advice is given only then. */
  retryable: z.optional(z.boolean()),
})
/** The one error shape: the API's error body, a failed Result, a panel's error. */
export type AppError = z.infer<typeof appErrorSchema>
