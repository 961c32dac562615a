import { z } from 'zod/mini'

import { orNotCreated } from '@/lib/domain/setup'

import { appErrorSchema } from '@/lib/domain/errors'
import { logFilterMaxLength, logSinceOptions, logStreamKindOptions } from '@/lib/domain/logs.values'

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

/** `GET /api/logs`: a page, or the not-created state of the service or its log group. */
export const logPageOrNotCreatedSchema = orNotCreated(logPageSchema)

export const logSinceSchema = z.enum(logSinceOptions)
export type LogSince = z.infer<typeof logSinceSchema>

/** A CloudWatch filter pattern ('' = none). */
export const logFilterSchema = z
  .string()
  .check(z.trim(), z.maxLength(logFilterMaxLength, `A filter pattern has at most ${logFilterMaxLength} characters.`))

/** What a logs view shows: which stream, how far back, and the CloudWatch filter pattern ('' = none). */
export const logsSearchSchema = z.object({
  stream: z._default(logStreamKindSchema, 'application'),
  since: z._default(logSinceSchema, '1h'),
  filter: z._default(logFilterSchema, ''),
})
export type LogsSearch = z.infer<typeof logsSearchSchema>

/** An ISO-8601 time with its zone (`2026-03-02T14:00:00Z`), as a window's start or end. */
export const logTimeSchema = z.iso.datetime({ offset: true })

/**
 * Input of `GET /api/logs`: the search plus the AWS next token of the page to read. `since` may also
 * be an ISO time, and `until` (ISO) ends the window there instead of now: the logs at a given time.
 */
export const logsInputSchema = z.extend(logsSearchSchema, {
  since: z._default(z.union([logSinceSchema, logTimeSchema]), '1h'),
  until: z.optional(logTimeSchema),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(500))),
})
export type LogsInput = z.infer<typeof logsInputSchema>
