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
  /** The AWS error name (e.g. `ThrottlingException`), when AWS answered. */
  awsCode: z.optional(z.string()),
  requestId: z.optional(z.string()),
})
/** The one error shape: the API's error body, a failed Result, a panel's error. */
export type AppError = z.infer<typeof appErrorSchema>
