import { instantOf, nextRun, parseExpression } from '@/lib/domain/schedule-expression'
import type { OverrideMode, Schedule, ScheduleAction, SchedulePart, ScheduleRecord } from '@/lib/domain/schedules'

import { decodeDescription, type ScheduleMeta } from './description'

/*
 * The portal's schedules as people see them, from the EventBridge schedules in the portal's group:
 * parts grouped by name (`<schedule>.app`, `<schedule>.db`), what each does read from its target and
 * Description, when each runs next (the service never says; computed here, in the schedule's time
 * zone), which overrides hold runs back, and what is wrong with a schedule someone changed in the
 * console. Pure.
 */

const OPERATIONS: Record<string, SchedulePart['operation']> = {
  pauseService: 'pause',
  resumeService: 'resume',
  stopDBInstance: 'stop',
  startDBInstance: 'start',
}
const ACTION_OF: Record<SchedulePart['operation'], ScheduleAction> = {
  pause: 'sleep',
  resume: 'wake',
  stop: 'stop-database',
  start: 'start-database',
}

/** The portal schedule a part belongs to: its name without `.app` / `.db`. */
export const baseName = (awsName: string) => awsName.replace(/\.(app|db)$/, '')

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso))

/** When a part runs next after `now` (null when disabled, finished or its expression is not readable). */
export function partNextRun(r: ScheduleRecord, now: number): number | null {
  if (r.state !== 'ENABLED') return null
  const e = parseExpression(r.expression)
  if ('error' in e) return null
  // A rate counts from its StartDate, else from when it was last written (as the service counts).
  const anchor = ms(r.updatedAt) ?? ms(r.createdAt) ?? now
  return nextRun(e, r.timezone ?? 'UTC', now, { anchor, start: ms(r.startDate), end: ms(r.endDate) })
}

function toPart(r: ScheduleRecord, meta: ScheduleMeta | null, now: number): SchedulePart {
  const operation = OPERATIONS[r.target.arn.split(':').pop() ?? ''] ?? 'stop'
  const target = meta?.part ?? (r.target.arn.includes(':rds:') ? 'database' : 'service')
  const next = partNextRun(r, now)
  const start = ms(r.startDate)
  return {
    awsName: r.name,
    target,
    operation,
    expression: r.expression,
    state: r.state === 'ENABLED' ? 'enabled' : 'disabled',
    nextRunAt: next === null ? null : new Date(next).toISOString(),
    startsAt: start !== null && start > now ? new Date(start).toISOString() : null,
  }
}

const EXPECTED: Record<ScheduleAction, SchedulePart['target'][]> = {
  sleep: ['service', 'database'],
  wake: ['database', 'service'],
  'stop-database': ['database'],
  'start-database': ['database'],
}

function toSchedule(name: string, records: ScheduleRecord[], now: number): Schedule {
  const metas = records.map((r) => decodeDescription(r.description))
  const meta = metas.find((m) => m !== null) ?? null
  const parts = records.map((r, i) => toPart(r, metas[i] ?? null, now))
  const action: ScheduleAction = meta?.action ?? ACTION_OF[parts[0]?.operation ?? 'stop']
  // The part the schedule is known by: when a wake starts the database, when a sleep pauses the service.
  const primaryIndex = Math.max(
    0,
    parts.findIndex((p) => p.target === (action === 'sleep' ? 'service' : 'database')),
  )
  const primary = records[primaryIndex] ?? records[0]!
  const primaryPart = parts[primaryIndex] ?? parts[0]!
  const issues: string[] = []
  if (!meta) issues.push('Not made by the portal: its description does not say what it is for.')
  for (const want of EXPECTED[action])
    if (!parts.some((p) => p.target === want))
      issues.push(
        `The ${want === 'service' ? 'service' : 'database'} part (${name}.${want === 'service' ? 'app' : 'db'}) is missing: it was deleted outside the portal.`,
      )
  const states = new Set(parts.map((p) => p.state))
  if (states.size > 1) issues.push('Only some of its parts are enabled.')
  const e = parseExpression(primary.expression)
  const kind = meta?.kind ?? ('kind' in e && e.kind === 'at' ? 'one-time' : 'recurring')
  const tz = primary.timezone ?? 'UTC'
  let override: { mode: OverrideMode; until: string } | null = null
  if (meta?.override && 'kind' in e && e.kind === 'at') {
    const t = instantOf(e.wall, tz)
    if (t !== undefined) override = { mode: meta.override, until: new Date(t).toISOString() }
  }
  const by = meta?.by ?? null
  const reason = meta?.reason ?? null
  const times = (pick: (r: ScheduleRecord) => string | null) =>
    records
      .map(pick)
      .filter((t): t is string => t !== null)
      .sort()
  return {
    name,
    action,
    expression: primary.expression,
    timezone: tz,
    until: primary.endDate,
    state: states.has('enabled') ? 'enabled' : 'disabled',
    nextRunAt: primaryPart.nextRunAt,
    kind,
    description: meta ? `${reason ?? 'No reason given'} — ${by ?? 'unknown'}` : 'Made outside the portal',
    reason,
    createdBy: by,
    createdAt: times((r) => r.createdAt)[0] ?? null,
    updatedAt: times((r) => r.updatedAt).pop() ?? null,
    skippedUntil: primaryPart.startsAt,
    override,
    parts,
    issues,
  }
}

/** "20:00" for a cron expression that runs at one minute of one hour, else null. */
export function clockTime(expression: string): string | null {
  const m = /^cron\((\d{1,2}) (\d{1,2}) /.exec(expression)
  return m ? `${(m[2] ?? '').padStart(2, '0')}:${(m[1] ?? '').padStart(2, '0')}` : null
}

/** "sleeps at 20:00 · wakes at 07:00": the enabled recurring sleeps and wakes at a fixed time, or null. */
export function summarize(schedules: Schedule[]): string | null {
  const at = (action: ScheduleAction) => [
    ...new Set(
      schedules
        .filter((s) => s.action === action && s.kind === 'recurring' && s.state === 'enabled')
        .map((s) => clockTime(s.expression))
        .filter((t): t is string => t !== null)
        .sort(),
    ),
  ]
  const sleeps = at('sleep')
  const wakes = at('wake')
  const out = [...(sleeps.length ? [`sleeps at ${sleeps.join(', ')}`] : []), ...(wakes.length ? [`wakes at ${wakes.join(', ')}`] : [])]
  return out.length ? out.join(' · ') : null
}

/** The portal's schedules from the group's records, with the overview's summary and the overrides in force. */
export function toSchedules(records: ScheduleRecord[], now: number) {
  const groups = new Map<string, ScheduleRecord[]>()
  for (const r of records) groups.set(baseName(r.name), [...(groups.get(baseName(r.name)) ?? []), r])
  const schedules = [...groups.entries()]
    .map(([name, rs]) => toSchedule(name, rs, now))
    .sort((a, b) => (a.nextRunAt ?? '~').localeCompare(b.nextRunAt ?? '~') || a.name.localeCompare(b.name))
  const activeOverrides = schedules.flatMap((s) =>
    s.override && Date.parse(s.override.until) > now ? [{ name: s.name, mode: s.override.mode, until: s.override.until }] : [],
  )
  return { schedules, summary: summarize(schedules), activeOverrides }
}
