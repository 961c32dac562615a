import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'
import { logStreamKindOptions } from '@/lib/domain/logs.values'

export const logStreamKindSchema = z.enum(logStreamKindOptions)
export type LogStreamKind = z.infer<typeof logStreamKindSchema>

export const logEventSchema = z.object({
  eventId: z.string(),
  timestamp: z.string(),
  stream: z.string(),
  /** The message with secrets redacted. */
  message: z.string(),
  /** Parsed fields when the message is a JSON object. */
  fields: z.nullable(z.record(z.string(), z.unknown())),
})
export type LogEvent = z.infer<typeof logEventSchema>

export const logPageSchema = z.object({
  logGroup: z.string(),
  events: z.array(logEventSchema),
  nextCursor: z.nullable(z.string()),
  fetchedAt: z.string(),
  stale: z.optional(z.boolean()),
  /** Why the last refresh failed, when `stale`. */
  staleError: z.optional(appErrorSchema),
})
export type LogPage = z.infer<typeof logPageSchema>
