import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'
import { timelineKinds, timelineOutcomes } from '@/lib/domain/timeline.values'

// The zod-free values live in timeline.values.ts; re-exported for server code.
export { timelineKinds, type TimelineKind, type TimelineOutcome } from '@/lib/domain/timeline.values'

export const timelineKindSchema = z.enum(timelineKinds)
export const timelineOutcomeSchema = z.enum(timelineOutcomes)

/** One change: when, what kind, what (title, detail), who, which commit, how it ended, and where its detail is. */
export const timelineEventSchema = z.object({
  /** Stable within its source (`deployment:<operationId>`, `alarm:<name>:<time>`…). */
  id: z.string(),
  at: z.string(),
  kind: timelineKindSchema,
  title: z.string(),
  detail: z.nullable(z.string()),
  actorName: z.optional(z.string()),
  sha: z.optional(z.string()),
  outcome: z.optional(timelineOutcomeSchema),
  /** The portal page with this change's detail (the operation, the alarm, the image, the logs at that time). */
  link: z.string(),
  /** When it ended, for changes that take time (a deployment). */
  endedAt: z.optional(z.string()),
  /** The state an alarm entered (`ALARM`, `OK`, `INSUFFICIENT_DATA`). */
  state: z.optional(z.string()),
  /** For database changes: `stop` or `start` (the instance stopped, started, was restarted), shown as chart markers. */
  power: z.optional(z.enum(['stop', 'start'])),
})
export type TimelineEvent = z.infer<typeof timelineEventSchema>

/** A source that could not be read: the timeline is incomplete, and says so. */
export const timelineMissingSchema = z.object({
  /** `apprunner`, `cloudwatch`, `rds`, `ecr`, `audit`, `scheduler`. */
  source: z.string(),
  label: z.string(),
  error: appErrorSchema,
})
export type TimelineMissing = z.infer<typeof timelineMissingSchema>

/** Part of the window a source did not read (more changes than its page budget): open that range to see them. */
export const timelineMoreSchema = z.object({
  source: z.string(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
})
export type TimelineMore = z.infer<typeof timelineMoreSchema>

/** `GET /api/timeline`: the window read, its changes newest first, the sources missing and the parts not read. */
export const timelineSchema = z.object({
  since: z.string(),
  until: z.string(),
  events: z.array(timelineEventSchema),
  missing: z.array(timelineMissingSchema),
  more: z.array(timelineMoreSchema),
  fetchedAt: z.string(),
})
export type Timeline = z.infer<typeof timelineSchema>
