import type { Deployment } from '@/lib/domain/actions'
import { shortSha } from '@/lib/domain/sha.values'

/* The zod-free half of lib/domain/timeline (the browser needs it before zod has loaded). */

/** What changed, by kind; the order is also the tie-break when two changes share a timestamp. */
export const timelineKinds = ['deployment', 'database', 'alarm', 'image', 'schedule', 'action'] as const
export type TimelineKind = (typeof timelineKinds)[number]

/** Words for each kind, for filters and badges. */
export const timelineKindLabels = {
  deployment: 'Deployments',
  database: 'Database',
  alarm: 'Alarms',
  image: 'Images',
  schedule: 'Schedules',
  action: 'Portal actions',
} as const satisfies Record<TimelineKind, string>

/** One change of each kind, for badges. */
export const timelineKindNames = {
  deployment: 'Deployment',
  database: 'Database',
  alarm: 'Alarm',
  image: 'Image',
  schedule: 'Schedule',
  action: 'Portal action',
} as const satisfies Record<TimelineKind, string>

/** True for one of the timeline kinds. */
export const isTimelineKind = (value: unknown): value is TimelineKind =>
  typeof value === 'string' && (timelineKinds as readonly string[]).includes(value)

/**
 * How a change ended: a deployment `running`/`succeeded`/`failed`/`unknown`, a portal action
 * `succeeded`/`failed` or `refused` (the portal said no: role, a conflict, bad input, the rate limit).
 */
export const timelineOutcomes = ['running', 'succeeded', 'failed', 'refused', 'unknown'] as const
export type TimelineOutcome = (typeof timelineOutcomes)[number]

/** The windows offered as one click, shortest first (the API also takes any `<n>m|h|d` up to 14 days, or ISO times). */
export const timelinePresets = ['1h', '6h', '24h', '7d'] as const
export type TimelinePreset = (typeof timelinePresets)[number]

export const timelinePresetLabels = {
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
} as const satisfies Record<TimelinePreset, string>

export const isTimelinePreset = (value: unknown): value is TimelinePreset =>
  typeof value === 'string' && (timelinePresets as readonly string[]).includes(value)

/** The longest window one request may ask for (RDS keeps its events for 14 days). */
export const maxTimelineWindowMs = 14 * 86_400_000

/** How far before an alarm's transition "what changed before this" looks. */
export const beforeAlarmMs = 60 * 60_000

/** The `/timeline` URL of a window (ISO times or a relative `since` such as `1h`), optionally for some kinds. */
export function timelineHref(window: { since: string; until?: string | null }, kinds?: readonly TimelineKind[]): string {
  const p = new URLSearchParams({ since: window.since })
  if (window.until) p.set('until', window.until)
  if (kinds && kinds.length > 0 && kinds.length < timelineKinds.length) p.set('kinds', kinds.join(','))
  return `/timeline?${p.toString()}`
}

/** What changed in the hour before `atIso` (an alarm's transition): the `/timeline` URL. */
export function changedBeforeHref(atIso: string): string {
  const at = Date.parse(atIso)
  return timelineHref({ since: new Date(at - beforeAlarmMs).toISOString(), until: new Date(at).toISOString() })
}

/**
 * A CloudWatch Logs filter pattern for error lines: any of these terms (terms are case-sensitive).
 * Matches JSON lines with `"level":"error"` too, since a term is matched between punctuation.
 */
export const errorLinesPattern = '?ERROR ?Error ?error ?FATAL ?fatal ?Exception'

/** The `/logs` URL of the application log in [fromIso, untilIso], errors first. */
export function logsAtHref(fromIso: string, untilIso: string): string {
  const p = new URLSearchParams({ stream: 'application', since: fromIso, until: untilIso, errors: 'first' })
  return `/logs?${p.toString()}`
}

/** The logs around one moment: the 30 minutes before it and 5 after (what led up to it, and its first effects). */
export function logsAroundHref(atIso: string): string {
  const at = Date.parse(atIso)
  return logsAtHref(new Date(at - 30 * 60_000).toISOString(), new Date(at + 5 * 60_000).toISOString())
}

/** The logs of the hour before an alarm's transition (the alarm's own window). */
export function logsBeforeHref(atIso: string): string {
  const at = Date.parse(atIso)
  return logsAtHref(new Date(at - beforeAlarmMs).toISOString(), new Date(at).toISOString())
}

/** What a runtime operation did, in words ("Deploy 3f9c2a1", "Rollback to 3f9c2a1", "Service paused"). */
export function deploymentTitle(d: Pick<Deployment, 'kind' | 'type' | 'sha'>): string {
  const sha = d.sha ? shortSha(d.sha) : null
  if (d.kind === 'rollback') return sha ? `Rollback to ${sha}` : 'Rollback'
  if (d.kind === 'redeploy') return sha ? `Redeploy of ${sha}` : 'Redeploy'
  switch (d.type) {
    case 'PAUSE_SERVICE':
      return 'Service paused'
    case 'RESUME_SERVICE':
      return 'Service resumed'
    case 'CREATE_SERVICE':
      return sha ? `Service created with ${sha}` : 'Service created'
    case 'DELETE_SERVICE':
      return 'Service deleted'
    case 'START_DEPLOYMENT':
      return sha ? `Redeploy of ${sha}` : 'Redeploy'
    default:
      return sha ? `Deploy ${sha}` : 'Deployment'
  }
}
