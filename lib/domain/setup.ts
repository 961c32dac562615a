import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'
import { setupStepIds, setupStepStatuses } from '@/lib/domain/setup.values'

// The zod-free values live in setup.values.ts; re-exported for server code.
export { isNotCreated, notCreated, setupStepIds, setupStepTitles, type NotCreated, type SetupStepId } from '@/lib/domain/setup.values'

export const setupStepIdSchema = z.enum(setupStepIds)

/** A resource the setup has not created yet (a state, not an error): what, and the step that creates it. */
export const notCreatedSchema = z.object({
  state: z.literal('not_created'),
  resource: z.string(),
  step: setupStepIdSchema,
})

/** A read whose subject may not exist yet: the thing, or its not-created state. */
export const orNotCreated = <T extends z.ZodMiniType>(schema: T) => z.union([schema, notCreatedSchema])

/** One command of a step's action, shown in a copyable block. */
export const setupCommandSchema = z.object({
  /** What it does, in a line. */
  title: z.string(),
  /** Exact shell text (AWS CLI), filled in with live values; `<placeholders>` only for what the reader supplies. */
  command: z.string(),
})

/** What to do for a step: in words, then commands, a table of values, a link. */
export const setupActionSchema = z.object({
  summary: z.string(),
  steps: z.array(z.string()),
  commands: z.array(setupCommandSchema),
  /** A table of names and values to enter somewhere (the GitHub repository secrets). */
  table: z.optional(z.array(z.object({ name: z.string(), value: z.string(), purpose: z.string() }))),
  /** What to expect when AWS refuses, and the way around it. */
  caveat: z.optional(z.object({ title: z.string(), text: z.string(), commands: z.array(setupCommandSchema) })),
  docs: z.optional(z.string()),
})
export type SetupAction = z.infer<typeof setupActionSchema>

export const setupStepSchema = z.object({
  id: setupStepIdSchema,
  title: z.string(),
  status: z.enum(setupStepStatuses),
  /** One line: where the step stands. */
  summary: z.string(),
  /** What AWS says, label → value (secrets never included). */
  evidence: z.array(z.object({ label: z.string(), value: z.string() })),
  /** What to do next; null when the step is done and nothing is left. */
  action: z.nullable(setupActionSchema),
  /** The earlier step this one waits for, when blocked. */
  blockedBy: z.optional(setupStepIdSchema),
  /** A long AWS change under way: when it began and how long it usually takes. */
  progress: z.optional(z.object({ startedAt: z.nullable(z.string()), typicalMinutes: z.object({ low: z.number(), high: z.number() }) })),
  /** Why the step's status is `unknown`: the read that failed. */
  error: z.optional(appErrorSchema),
})
export type SetupStep = z.infer<typeof setupStepSchema>

/** `GET /api/setup`: the setup's steps in order, read live. */
export const setupSchema = z.object({ steps: z.array(setupStepSchema), fetchedAt: z.string() })
export type Setup = z.infer<typeof setupSchema>

/** One alarm the setup plans, as PutMetricAlarm will create it (the preview). */
export const plannedAlarmSchema = z.object({
  name: z.string(),
  /** Which of the document's four it is. */
  label: z.string(),
  description: z.string(),
  namespace: z.string(),
  metricName: z.string(),
  dimensions: z.array(z.object({ name: z.string(), value: z.string() })),
  statistic: z.string(),
  periodSeconds: z.number(),
  evaluationPeriods: z.number(),
  threshold: z.number(),
  comparison: z.string(),
  treatMissingData: z.string(),
  /** The SNS topic notified on ALARM and OK (PORTAL_ALARM_TOPIC_ARN), or none. */
  topicArn: z.nullable(z.string()),
  /** Where it stands: `exists` (by name, or an alarm on the same metric), `ready` to create, or `waiting` for its subject. */
  state: z.enum(['exists', 'ready', 'waiting']),
  /** The existing alarm that covers it, or why it has to wait. */
  note: z.nullable(z.string()),
})
export type PlannedAlarm = z.infer<typeof plannedAlarmSchema>

/** `GET /api/setup/alarms`: the four planned alarms, previewed. */
export const plannedAlarmListSchema = z.object({ alarms: z.array(plannedAlarmSchema), fetchedAt: z.string() })
export type PlannedAlarmList = z.infer<typeof plannedAlarmListSchema>

/** `POST /api/setup/alarms`: what the click did. `unchanged` already existed; `waiting` cannot be created yet. */
export const createAlarmsResultSchema = z.object({
  created: z.array(z.string()),
  unchanged: z.array(z.string()),
  waiting: z.array(z.object({ name: z.string(), reason: z.string() })),
})
export type CreateAlarmsResult = z.infer<typeof createAlarmsResultSchema>
