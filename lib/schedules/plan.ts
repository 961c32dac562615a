import type { ScheduleWrite } from '@/lib/aws/scheduler'
import type { ScheduleTarget } from '@/lib/aws/runtime'
import { appError, type AppError } from '@/lib/domain/errors'
import {
  atExpression,
  fieldValue,
  instantOf,
  isTimeZone,
  nextRun,
  parseExpression,
  type ParsedExpression,
} from '@/lib/domain/schedule-expression'
import type { OverrideMode, ScheduleAction, ScheduleKind } from '@/lib/domain/schedules'
import { err, ok, type Result } from '@/lib/result'

import { encodeDescription } from './description'

/*
 * From what someone asked for ("weekdays 20:00 sleep") to the EventBridge schedules that do it. Pure:
 * the caller passes the time, the targets and who asks. A sleep is two schedules at the same time (pause
 * the service, stop the database); a wake starts the database and resumes the service `wakeDelayMinutes`
 * later; stop-database / start-database are one. Every mistake comes back as invalid_input naming the
 * field (`expression: …`, `timezone: …`, `until: …`).
 */

const MINUTE = 60_000

export type Targets = { pause: ScheduleTarget; resume: ScheduleTarget; stop: ScheduleTarget; start: ScheduleTarget }
export type PlanContext = { now: number; wakeDelayMinutes: number; by: string; targets: Targets }
export type PlanInput = {
  action: ScheduleAction
  expression: string
  timezone?: string
  until?: string | null
  reason?: string | null
  name?: string
  state?: 'ENABLED' | 'DISABLED'
  /** Set by overrides. */
  override?: OverrideMode
}
export type Planned = { name: string; kind: ScheduleKind; writes: ScheduleWrite[]; firstRunAt: string }

type Part = { part: 'service' | 'database'; target: ScheduleTarget; delayed: boolean }

/** The parts of each action, in the order they run. */
export function partsOf(action: ScheduleAction, t: Targets): Part[] {
  switch (action) {
    case 'sleep':
      return [
        { part: 'service', target: t.pause, delayed: false },
        { part: 'database', target: t.stop, delayed: false },
      ]
    case 'wake':
      return [
        { part: 'database', target: t.start, delayed: false },
        { part: 'service', target: t.resume, delayed: true },
      ]
    case 'stop-database':
      return [{ part: 'database', target: t.stop, delayed: false }]
    case 'start-database':
      return [{ part: 'database', target: t.start, delayed: false }]
  }
}

/** `<schedule>.app` / `<schedule>.db`: the EventBridge name of one part. */
export const partName = (base: string, part: 'service' | 'database') => `${base}.${part === 'service' ? 'app' : 'db'}`

const invalid = (field: string, message: string, hint?: string): AppError =>
  appError('invalid_input', `${field}: ${message}`, hint ? { hint } : {})

/** A readable default name: the action and the expression, e.g. `sleep-cron-0-20-mon-fri`. */
export function defaultName(action: ScheduleAction, expression: string): string {
  const slug = expression
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `${action}-${slug}`.slice(0, 59).replace(/-+$/, '')
}

/** Day-of-week values (1–7) a field names, or null when it uses `/`, `#`, `L` or anything else. */
function weekdays(field: string): number[] | null {
  if (field === '*') return [1, 2, 3, 4, 5, 6, 7]
  const out: number[] = []
  for (const item of field.split(',')) {
    const range = /^([^-]+)-([^-]+)$/.exec(item)
    const a = fieldValue(range ? (range[1] ?? '') : item, 4)
    const b = range ? fieldValue(range[2] ?? '', 4) : a
    if (a === undefined || b === undefined || a > b) return null
    for (let d = a; d <= b; d++) out.push(d)
  }
  return [...new Set(out)]
}

/**
 * The cron fields `minutes` later, or null when that cannot be said in one cron expression (only a
 * single minute and hour can be moved; past midnight the weekdays move with it).
 */
export function shiftCron(fields: string[], minutes: number): string[] | null {
  const [mi = '', h = '', dom = '', mon = '', dow = '', year = ''] = fields
  if (!/^\d{1,2}$/.test(mi) || !/^\d{1,2}$/.test(h)) return null
  const total = Number(h) * 60 + Number(mi) + minutes
  const carry = Math.floor(total / 1440)
  const at = [String(total % 60), String(Math.floor((total % 1440) / 60))]
  if (carry === 0) return [...at, dom, mon, dow, year]
  if (carry !== 1 || mon !== '*' || year !== '*') return null
  if (dom === '*' && dow === '?') return [...at, dom, mon, dow, year]
  if (dom !== '?') return null
  const days = weekdays(dow)
  if (!days) return null
  const moved = days.map((d) => (d % 7) + 1).sort((x, y) => x - y)
  return [...at, '?', mon, moved.length === 7 ? '*' : moved.join(','), year]
}

type Timing = { expression: string; startDate: number | null; endDate: number | null }

/** When the delayed part (a wake's resume) runs: the same schedule, `minutes` later. */
function delayedTiming(
  e: ParsedExpression,
  raw: string,
  tz: string,
  minutes: number,
  now: number,
  until: number | null,
): Timing | AppError {
  const end = until === null ? null : until + minutes * MINUTE
  switch (e.kind) {
    case 'at': {
      const t = instantOf(e.wall, tz) ?? now
      return { expression: atExpression(t + minutes * MINUTE, tz), startDate: null, endDate: null }
    }
    case 'rate':
      return { expression: raw, startDate: now + minutes * MINUTE, endDate: end }
    case 'cron': {
      const shifted = shiftCron(e.fields, minutes)
      if (!shifted)
        return invalid(
          'expression',
          `a wake starts the database first and resumes the service ${minutes} minutes later, which this cron expression cannot be moved by`,
          'Give a single minute and hour, e.g. cron(0 7 ? * MON-FRI *).',
        )
      return { expression: `cron(${shifted.join(' ')})`, startDate: null, endDate: end }
    }
  }
}

const fmt = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

/** Plans a schedule: its name, kind and the EventBridge schedules to create. */
export function planSchedule(input: PlanInput, ctx: PlanContext): Result<Planned> {
  const tz = input.timezone ?? 'UTC'
  if (!isTimeZone(tz)) return err(invalid('timezone', `"${tz}" is not a time zone`, 'Use an IANA name such as Europe/Amsterdam or UTC.'))
  const raw = input.expression.trim()
  const e = parseExpression(raw)
  if ('error' in e) return err(invalid('expression', e.error))
  const until = input.until ? Date.parse(input.until) : null
  if (until !== null && Number.isNaN(until)) return err(invalid('until', 'not a date and time'))
  if (e.kind === 'at') {
    const t = instantOf(e.wall, tz)
    if (t === undefined) return err(invalid('expression', `${raw} does not exist in ${tz} (the clocks skip that hour)`))
    if (t <= ctx.now) return err(invalid('expression', `${raw} in ${tz} (${fmt(t)}) is in the past`, 'Pick a time in the future.'))
    if (until !== null) return err(invalid('until', 'a one-time schedule runs once; leave until out'))
  }
  if (until !== null && until <= ctx.now) return err(invalid('until', `${fmt(until)} is in the past`))
  const first = nextRun(e, tz, ctx.now, { anchor: ctx.now, end: until })
  if (first === null) {
    const unbounded = until !== null ? nextRun(e, tz, ctx.now, { anchor: ctx.now }) : null
    return err(
      unbounded !== null
        ? invalid('until', `${fmt(until ?? 0)} is before the first run (${fmt(unbounded)})`)
        : invalid('expression', `${raw} never runs after now`),
    )
  }
  const kind: ScheduleKind = input.override
    ? 'override'
    : e.kind === 'at'
      ? 'one-time'
      : input.action === 'stop-database' && e.kind === 'rate' && until !== null
        ? 'keep-stopped'
        : 'recurring'
  const name = input.name ?? defaultName(input.action, raw)
  const writes: ScheduleWrite[] = []
  for (const p of partsOf(input.action, ctx.targets)) {
    const timing = p.delayed
      ? delayedTiming(e, raw, tz, ctx.wakeDelayMinutes, ctx.now, until)
      : { expression: raw, startDate: null, endDate: until }
    if ('code' in timing) return err(timing)
    writes.push({
      name: partName(name, p.part),
      expression: timing.expression,
      timezone: tz,
      startDate: timing.startDate === null ? null : new Date(timing.startDate).toISOString(),
      endDate: timing.endDate === null ? null : new Date(timing.endDate).toISOString(),
      state: input.state ?? 'ENABLED',
      description: encodeDescription({
        action: input.action,
        kind,
        part: p.part,
        by: ctx.by,
        reason: input.reason ?? null,
        override: input.override,
      }),
      // One-time schedules and those with an end delete themselves when done, so nothing outlives its purpose.
      actionAfterCompletion: e.kind === 'at' || until !== null ? 'DELETE' : 'NONE',
      target: p.target,
      maximumRetryAttempts: kind === 'keep-stopped' ? 0 : 2,
    })
  }
  return ok({ name, kind, writes, firstRunAt: new Date(first).toISOString() })
}
