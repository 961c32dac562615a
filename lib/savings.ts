import { estimateMonthlyCost, HOURS_PER_MONTH, type CostInput, type PriceTable, type Range } from '@/lib/cost'
import type { DbEvent } from '@/lib/domain/database'
import { parseExpression, runsBetween } from '@/lib/domain/schedule-expression'
import type { ScheduleRecord } from '@/lib/domain/schedules'
import type { Operation } from '@/lib/domain/service'

/*
 * What the schedules save. Pure.
 * - Always on: the estimate with the service running and the database available all month.
 * - With the schedules: the share of the next four weeks the current schedules keep the service paused
 *   and the database stopped (simulated from their next runs), taken off the always-on estimate.
 * - Saved this month: what really happened, from App Runner's pause/resume operations and RDS's
 *   stop/start events (RDS keeps 14 days of events, so earlier stops are not counted).
 * A paused App Runner service bills no instances (memory nor compute); a stopped RDS instance bills
 * storage but no instance hours.
 */

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** How far ahead the projection simulates the schedules (whole weeks, so weekdays weigh right). */
export const PROJECTION_DAYS = 28

export type Interval = { from: number; to: number }

/** Paused intervals of the service from its operations (a pause counts from when it finished, until a resume started). */
export function pausedIntervals(operations: Operation[], now: number): Interval[] {
  const ops = operations
    .filter((o) => (o.type === 'PAUSE_SERVICE' || o.type === 'RESUME_SERVICE') && o.status === 'SUCCEEDED')
    .map((o) => ({ type: o.type, at: Date.parse((o.type === 'PAUSE_SERVICE' ? o.endedAt : o.startedAt) ?? '') }))
    .filter((o) => Number.isFinite(o.at))
    .sort((a, b) => a.at - b.at)
  return toIntervals(
    ops.map((o) => ({ at: o.at, down: o.type === 'PAUSE_SERVICE' })),
    now,
  )
}

const STOPPED = /^DB instance stopped/i
const STARTING = /being started|DB instance started/i

/** Stopped intervals of the database from its RDS events (from "DB instance stopped" until it starts again). */
export function stoppedIntervals(events: DbEvent[], now: number): Interval[] {
  const marks = events
    .flatMap((e) => {
      const at = Date.parse(e.time)
      if (!Number.isFinite(at)) return []
      if (STOPPED.test(e.message)) return [{ at, down: true }]
      if (STARTING.test(e.message)) return [{ at, down: false }]
      return []
    })
    .sort((a, b) => a.at - b.at)
  return toIntervals(marks, now)
}

function toIntervals(marks: { at: number; down: boolean }[], now: number): Interval[] {
  const out: Interval[] = []
  let since: number | null = null
  for (const m of marks) {
    if (m.down && since === null) since = m.at
    else if (!m.down && since !== null) {
      out.push({ from: since, to: m.at })
      since = null
    }
  }
  if (since !== null) out.push({ from: since, to: now })
  return out
}

/** Hours of the intervals inside the window. */
export function hoursWithin(intervals: Interval[], window: Interval): number {
  return intervals.reduce((h, i) => h + Math.max(0, Math.min(i.to, window.to) - Math.max(i.from, window.from)), 0) / HOUR
}

type Transition = { at: number; target: 'service' | 'database'; down: boolean }

const TRANSITIONS: Record<string, { target: 'service' | 'database'; down: boolean }> = {
  pauseService: { target: 'service', down: true },
  resumeService: { target: 'service', down: false },
  stopDBInstance: { target: 'database', down: true },
  startDBInstance: { target: 'database', down: false },
}

/** The share of the next `days` the schedules keep the service paused and the database stopped, starting from the current state. */
export function projectedDowntime(
  records: ScheduleRecord[],
  now: number,
  current: { servicePaused: boolean; databaseStopped: boolean },
  days = PROJECTION_DAYS,
): { service: number; database: number } {
  const window = { from: now, to: now + days * DAY }
  const transitions: Transition[] = []
  for (const r of records) {
    const kind = TRANSITIONS[r.target.arn.split(':').pop() ?? '']
    const e = parseExpression(r.expression)
    if (!kind || r.state !== 'ENABLED' || 'error' in e) continue
    const runs = runsBetween(e, r.timezone ?? 'UTC', window, {
      anchor: Date.parse(r.updatedAt ?? r.createdAt ?? '') || now,
      start: r.startDate ? Date.parse(r.startDate) : null,
      end: r.endDate ? Date.parse(r.endDate) : null,
    })
    for (const at of runs) transitions.push({ at, ...kind })
  }
  transitions.sort((a, b) => a.at - b.at)
  const down = { service: current.servicePaused, database: current.databaseStopped }
  const since: Record<'service' | 'database', number> = { service: now, database: now }
  const total = { service: 0, database: 0 }
  for (const t of transitions) {
    if (down[t.target] === t.down) continue
    if (down[t.target]) total[t.target] += t.at - since[t.target]
    down[t.target] = t.down
    since[t.target] = t.at
  }
  for (const target of ['service', 'database'] as const) if (down[target]) total[target] += window.to - since[target]
  const span = window.to - window.from
  return { service: total.service / span, database: total.database / span }
}

export type SavingsInput = {
  now: number
  /** The configuration as it is (paused or stopped or not). */
  cost: CostInput
  table: PriceTable
  operations: Operation[] | null
  dbEvents: DbEvent[] | null
  schedules: ScheduleRecord[] | null
}

export type Savings = {
  /** Everything running all month. */
  estimateMonthly: Range
  /** With the current schedules (null when they could not be read). */
  projectedWithSchedules: Range | null
  /** From the first of this month (UTC) until now, from what really happened. */
  savedThisMonth: Range
  monthStart: string
  pausedHoursThisMonth: number | null
  stoppedHoursThisMonth: number | null
  /** Share of the coming four weeks the schedules keep each part down. */
  projectedDowntime: { service: number; database: number } | null
}

const round2 = (n: number) => Math.round(n * 100) / 100
const cents = (r: Range): Range => ({ low: round2(r.low), high: round2(r.high) })
const scale = (r: Range, f: number): Range => ({ low: r.low * f, high: r.high * f })
const minus = (a: Range, b: Range): Range => ({ low: a.low - b.low, high: a.high - b.high })
const plus = (a: Range, b: Range): Range => ({ low: a.low + b.low, high: a.high + b.high })

/** The always-on estimate, the projection with the schedules and what was saved this month. */
export function computeSavings(i: SavingsInput): Savings {
  const alwaysOnInput: CostInput = {
    ...i.cost,
    appRunner: i.cost.appRunner ? { ...i.cost.appRunner, isPaused: false } : null,
    database: i.cost.database ? { ...i.cost.database, isStopped: false } : null,
  }
  const estimate = estimateMonthlyCost(alwaysOnInput, i.table)
  const sum = (ids: string[]) =>
    estimate.lines.filter((l) => ids.includes(l.id)).reduce<Range>((acc, l) => plus(acc, l.monthly), { low: 0, high: 0 })
  // What pausing saves: the service's instances; what stopping saves: the database's instance hours.
  const serviceMonthly = sum(['apprunner-memory', 'apprunner-compute'])
  const databaseMonthly = sum(['rds-instance'])

  const month = new Date(i.now)
  const monthStart = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1)
  const window = { from: monthStart, to: i.now }
  const paused = i.operations ? hoursWithin(pausedIntervals(i.operations, i.now), window) : null
  const stopped = i.dbEvents ? hoursWithin(stoppedIntervals(i.dbEvents, i.now), window) : null
  const saved = plus(scale(serviceMonthly, (paused ?? 0) / HOURS_PER_MONTH), scale(databaseMonthly, (stopped ?? 0) / HOURS_PER_MONTH))

  const downtime = i.schedules
    ? projectedDowntime(i.schedules, i.now, {
        servicePaused: i.cost.appRunner?.isPaused ?? false,
        databaseStopped: i.cost.database?.isStopped ?? false,
      })
    : null
  const projected = downtime
    ? minus(estimate.total, plus(scale(serviceMonthly, downtime.service), scale(databaseMonthly, downtime.database)))
    : null
  return {
    estimateMonthly: estimate.total,
    projectedWithSchedules: projected && cents(projected),
    savedThisMonth: cents(saved),
    monthStart: new Date(monthStart).toISOString(),
    pausedHoursThisMonth: paused === null ? null : round2(paused),
    stoppedHoursThisMonth: stopped === null ? null : round2(stopped),
    projectedDowntime: downtime ? { service: round2(downtime.service), database: round2(downtime.database) } : null,
  }
}
