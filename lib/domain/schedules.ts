import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'
import { scheduleActions } from '@/lib/domain/schedules.values'

// The zod-free values (actions, schedules in words) live in schedules.values.ts; re-exported for server code.
export { scheduleActions } from '@/lib/domain/schedules.values'

/*
 * Client-safe shapes of the portal's schedules. A schedule as people see it (`Schedule`) is one or two
 * EventBridge Scheduler schedules in the portal's schedule group (`parts`): a sleep pauses the service
 * and stops the database at the same time; a wake starts the database and resumes the service later (a
 * second schedule offset by the database's start time), since a schedule cannot wait.
 */

export const scheduleActionSchema = z.enum(scheduleActions)
export type ScheduleAction = z.infer<typeof scheduleActionSchema>

/** `recurring` (cron/rate), `one-time` (at), `keep-stopped` (an hourly stop of the database until a date), `override` (awake/asleep until). */
export const scheduleKinds = ['recurring', 'one-time', 'keep-stopped', 'override'] as const
export const scheduleKindSchema = z.enum(scheduleKinds)
export type ScheduleKind = z.infer<typeof scheduleKindSchema>

export const scheduleStateSchema = z.enum(['enabled', 'disabled'])
export type ScheduleState = z.infer<typeof scheduleStateSchema>

export const overrideModeSchema = z.enum(['awake', 'asleep'])
export type OverrideMode = z.infer<typeof overrideModeSchema>

/** What one EventBridge schedule of a portal schedule does. */
export const schedulePartSchema = z.object({
  /** The EventBridge schedule's name (`<schedule>.app`, `<schedule>.db`). */
  awsName: z.string(),
  target: z.enum(['service', 'database']),
  operation: z.enum(['pause', 'resume', 'stop', 'start']),
  expression: z.string(),
  state: scheduleStateSchema,
  nextRunAt: z.nullable(z.string()),
  /** Runs before this are skipped (an override holds them back). */
  startsAt: z.nullable(z.string()),
})
export type SchedulePart = z.infer<typeof schedulePartSchema>

export const scheduleSchema = z.object({
  name: z.string(),
  action: scheduleActionSchema,
  /** The expression people gave (for a wake: when the database starts). */
  expression: z.string(),
  timezone: z.string(),
  /** EndDate (ISO): no runs from then on. */
  until: z.nullable(z.string()),
  state: scheduleStateSchema,
  nextRunAt: z.nullable(z.string()),
  kind: scheduleKindSchema,
  /** Who made it and why, in words. */
  description: z.string(),
  reason: z.nullable(z.string()),
  createdBy: z.nullable(z.string()),
  createdAt: z.nullable(z.string()),
  updatedAt: z.nullable(z.string()),
  /** Runs before this are skipped because an override holds them back (ISO), or null. */
  skippedUntil: z.nullable(z.string()),
  /** For overrides: awake or asleep until when. */
  override: z.nullable(z.object({ mode: overrideModeSchema, until: z.string() })),
  parts: z.array(schedulePartSchema),
  /** What is wrong with it as found in AWS (a part deleted in the console, a description the portal cannot read). */
  issues: z.array(z.string()),
})
export type Schedule = z.infer<typeof scheduleSchema>

/** One minute in which the scheduler invoked targets, from the AWS/Scheduler metrics. */
export const scheduleRunSchema = z.object({
  at: z.string(),
  attempts: z.number(),
  errors: z.number(),
  /** The portal schedules due in that minute (empty when none was: a schedule since deleted, or made elsewhere). */
  schedules: z.array(z.string()),
})
export type ScheduleRun = z.infer<typeof scheduleRunSchema>

export const scheduleListSchema = z.object({
  schedules: z.array(scheduleSchema),
  /** The EventBridge Scheduler group the portal keeps its schedules in. */
  group: z.string(),
  /** The short form for the overview: "sleeps at 20:00 · wakes at 07:00" (in each schedule's time zone). */
  summary: z.nullable(z.string()),
  /** Overrides in force now. */
  activeOverrides: z.array(z.object({ name: z.string(), mode: overrideModeSchema, until: z.string() })),
  fetchedAt: z.string(),
  stale: z.optional(z.boolean()),
  staleError: z.optional(appErrorSchema),
})
export type ScheduleList = z.infer<typeof scheduleListSchema>

export const scheduleRunListSchema = z.object({
  runs: z.array(scheduleRunSchema),
  from: z.string(),
  to: z.string(),
  fetchedAt: z.string(),
})
export type ScheduleRunList = z.infer<typeof scheduleRunListSchema>

// ---------------------------------------------------------------- inputs

const isoDateTime = z.iso.datetime({ offset: true, message: 'a date and time in ISO 8601 with its offset, e.g. 2027-01-04T07:00:00Z' })
const reasonSchema = z.string().check(z.trim(), z.maxLength(200, 'Keep the reason under 200 characters.'))
/** A schedule's name: lower-case letters, digits and dashes (the EventBridge names add `.app` / `.db`). */
export const scheduleNameSchema = z.string().check(
  z.regex(/^[a-z0-9][a-z0-9-]{0,58}$/, 'lower-case letters, digits and dashes, at most 59, starting with a letter or digit'),
  // The API's own paths under /api/schedules/.
  z.refine((n) => n !== 'runs' && n !== 'overrides', 'runs and overrides are reserved'),
)

/** `POST /api/schedules`. */
export const createScheduleInputSchema = z.strictObject({
  action: scheduleActionSchema,
  expression: z.string().check(z.trim(), z.minLength(1, 'Give an expression: at(…), cron(…) or rate(…).'), z.maxLength(256)),
  timezone: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
  until: z.optional(isoDateTime),
  reason: z.optional(reasonSchema),
  name: z.optional(scheduleNameSchema),
})
export type CreateScheduleInput = z.infer<typeof createScheduleInputSchema>

/** `PATCH /api/schedules/<name>`: any of state, expression (with its time zone), until (null removes it). */
export const updateScheduleInputSchema = z.strictObject({
  state: z.optional(scheduleStateSchema),
  expression: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(256))),
  timezone: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
  until: z.optional(z.nullable(isoDateTime)),
  reason: z.optional(reasonSchema),
})
export type UpdateScheduleInput = z.infer<typeof updateScheduleInputSchema>

/** `POST /api/schedules/overrides`: stay awake (or asleep) until a time; the regular runs before it are skipped. */
export const overrideInputSchema = z.strictObject({
  mode: overrideModeSchema,
  until: isoDateTime,
  timezone: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
  reason: z.optional(reasonSchema),
})
export type OverrideInput = z.infer<typeof overrideInputSchema>

/** `POST /api/schedules` / overrides answer. */
export const scheduleResultSchema = z.object({ schedule: scheduleSchema })
export type ScheduleResult = z.infer<typeof scheduleResultSchema>

// ---------------------------------------------------------------- as read from AWS (server side)

/** An EventBridge Scheduler schedule as the portal reads and writes it (times ISO). */
export type ScheduleRecord = {
  name: string
  expression: string
  timezone: string | null
  startDate: string | null
  endDate: string | null
  state: 'ENABLED' | 'DISABLED'
  description: string | null
  actionAfterCompletion: 'NONE' | 'DELETE'
  target: { arn: string; roleArn: string; input: string | null; maximumRetryAttempts: number | null }
  createdAt: string | null
  updatedAt: string | null
}

/** `DELETE /api/schedules/<name>`. */
export const scheduleDeletedSchema = z.object({ deleted: z.string(), released: z.array(z.string()) })
export type ScheduleDeleted = z.infer<typeof scheduleDeletedSchema>
