import { z } from 'zod'

import { scheduleActions, scheduleKinds, type OverrideMode, type ScheduleAction, type ScheduleKind } from '@/lib/domain/schedules'

/*
 * What the portal writes into each EventBridge schedule's Description (schedules cannot be tagged): which
 * portal schedule it belongs to and what it does, who made it and why. JSON, so any reason survives the
 * round trip; at most 512 characters, as the service allows.
 */

export const DESCRIPTION_MAX = 512

export type ScheduleMeta = {
  action: ScheduleAction
  kind: ScheduleKind
  part: 'service' | 'database'
  by: string
  reason: string | null
  /** Overrides: awake or asleep until the one-time run. */
  override?: OverrideMode
}

const metaSchema = z.object({
  portal: z.literal(1),
  action: z.enum(scheduleActions),
  kind: z.enum(scheduleKinds),
  part: z.enum(['service', 'database']),
  by: z.string(),
  reason: z.string().nullable().optional(),
  override: z.enum(['awake', 'asleep']).optional(),
})

/** The Description text for a part (the reason is shortened to fit). */
export function encodeDescription(meta: ScheduleMeta): string {
  const base = {
    portal: 1,
    action: meta.action,
    kind: meta.kind,
    part: meta.part,
    by: meta.by.slice(0, 120),
    ...(meta.override ? { override: meta.override } : {}),
  }
  let reason = meta.reason
  for (;;) {
    const text = JSON.stringify(reason ? { ...base, reason } : base)
    if (text.length <= DESCRIPTION_MAX || !reason) return text
    reason = `${reason.slice(0, Math.max(0, reason.length - (text.length - DESCRIPTION_MAX) - 1))}…`
  }
}

/** The portal's meta of a schedule, or null for a description it did not write. */
export function decodeDescription(text: string | null): ScheduleMeta | null {
  if (!text) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return null
  }
  const m = metaSchema.safeParse(parsed)
  if (!m.success) return null
  return {
    action: m.data.action,
    kind: m.data.kind,
    part: m.data.part,
    by: m.data.by,
    reason: m.data.reason ?? null,
    override: m.data.override,
  }
}
