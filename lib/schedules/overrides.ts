import type { ScheduleWrite } from '@/lib/aws/scheduler'
import { appError } from '@/lib/domain/errors'
import { atExpression, wallOf } from '@/lib/domain/schedule-expression'
import type { OverrideInput, OverrideMode, ScheduleAction, ScheduleRecord } from '@/lib/domain/schedules'
import { err, ok, type Result } from '@/lib/result'

import { decodeDescription } from './description'
import { planSchedule, type PlanContext, type Planned } from './plan'

/*
 * Overrides with an expiry, kept entirely in EventBridge Scheduler so none outlives its expiry even while
 * the portal is down: "stay awake until 22:00" moves the StartDate of the recurring sleeps past 22:00 (the
 * runs before it are skipped, and the schedules resume by themselves) and adds a one-time sleep at 22:00
 * that deletes itself; "asleep until Monday 07:00" does the same with the wakes. Pure.
 */

const MINUTE = 60_000
/** How far ahead an override may reach. */
export const OVERRIDE_MAX_DAYS = 31

/** Which recurring schedules an override holds back. */
const HELD: Record<OverrideMode, ScheduleAction[]> = { awake: ['sleep', 'stop-database'], asleep: ['wake', 'start-database'] }

/** A record rewritten for UpdateSchedule (which replaces the whole definition) with some fields changed. */
export function rewrite(
  r: ScheduleRecord,
  change: Partial<Pick<ScheduleWrite, 'state' | 'startDate' | 'endDate' | 'expression' | 'timezone' | 'description'>>,
  now: number,
): ScheduleWrite {
  let input: Record<string, string> = {}
  try {
    const parsed: unknown = JSON.parse(r.target.input ?? '{}')
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      input = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'))
  } catch {
    // Not JSON: the target takes it as it is, but a universal target would not; keep nothing.
  }
  // The service refuses a StartDate more than 5 minutes old; one that has passed no longer holds anything back.
  const start = change.startDate !== undefined ? change.startDate : r.startDate
  const keepStart = start !== null && Date.parse(start) > now ? start : null
  return {
    name: r.name,
    expression: change.expression ?? r.expression,
    timezone: change.timezone ?? r.timezone ?? 'UTC',
    startDate: keepStart,
    endDate: change.endDate !== undefined ? change.endDate : r.endDate,
    state: change.state ?? r.state,
    description: change.description ?? r.description ?? '',
    actionAfterCompletion: r.actionAfterCompletion,
    target: { arn: r.target.arn, input, iamAction: '' },
    maximumRetryAttempts: r.target.maximumRetryAttempts ?? 2,
  }
}

/** When a held part may run again: just after the override's own run (a wake's resume part after its delay). */
function holdUntil(r: ScheduleRecord, until: number, wakeDelayMinutes: number): number | null {
  const meta = decodeDescription(r.description)
  if (!meta || meta.kind !== 'recurring' || r.state !== 'ENABLED') return null
  const delay = meta.action === 'wake' && meta.part === 'service' ? wakeDelayMinutes : 0
  return until + (delay + 1) * MINUTE
}

const stamp = (t: number, tz: string) => new Date(wallOf(t, tz)).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')

/** Plans an override: the one-time schedule at its expiry, and the recurring schedules to hold back until then. */
export function planOverride(
  input: OverrideInput,
  records: ScheduleRecord[],
  ctx: PlanContext,
): Result<{ planned: Planned; holds: ScheduleWrite[] }> {
  const until = Date.parse(input.until)
  const tz = input.timezone ?? 'UTC'
  const fail = (message: string): Result<never> => err(appError('invalid_input', `until: ${message}`))
  if (Number.isNaN(until)) return fail('not a date and time')
  if (until < ctx.now + 2 * MINUTE) return fail('give a time at least two minutes from now')
  if (until > ctx.now + OVERRIDE_MAX_DAYS * 86_400_000) return fail(`an override reaches at most ${OVERRIDE_MAX_DAYS} days ahead`)
  // EventBridge runs at whole minutes: the override's own run is at the minute of `until`.
  const at = Math.floor(until / MINUTE) * MINUTE
  const planned = planSchedule(
    {
      action: input.mode === 'awake' ? 'sleep' : 'wake',
      expression: atExpression(at, tz),
      timezone: tz,
      reason: input.reason ?? null,
      name: `${input.mode}-until-${stamp(at, tz)}`,
      override: input.mode,
    },
    ctx,
  )
  if (!planned.ok) return planned
  const holds: ScheduleWrite[] = []
  for (const r of records) {
    const meta = decodeDescription(r.description)
    if (!meta || !HELD[input.mode].includes(meta.action)) continue
    const hold = holdUntil(r, at, ctx.wakeDelayMinutes)
    if (hold === null || (r.startDate !== null && Date.parse(r.startDate) >= hold)) continue
    holds.push(rewrite(r, { startDate: new Date(hold).toISOString() }, ctx.now))
  }
  return ok({ planned: planned.data, holds })
}

/** The writes that end an override early: the schedules it held back run again from now. */
export function releaseOverride(
  mode: OverrideMode,
  until: number,
  records: ScheduleRecord[],
  ctx: Pick<PlanContext, 'now' | 'wakeDelayMinutes'>,
): ScheduleWrite[] {
  const out: ScheduleWrite[] = []
  for (const r of records) {
    const meta = decodeDescription(r.description)
    if (!meta || !HELD[mode].includes(meta.action) || r.startDate === null) continue
    const hold = holdUntil(r, Math.floor(until / MINUTE) * MINUTE, ctx.wakeDelayMinutes)
    const start = Date.parse(r.startDate)
    if (hold !== null && start > ctx.now && start <= hold) out.push(rewrite(r, { startDate: null }, ctx.now))
  }
  return out
}
