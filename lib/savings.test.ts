import { describe, expect, it } from 'vitest'

import { effectivePrices, prices, type CostInput } from '@/lib/cost'
import type { DbEvent } from '@/lib/domain/database'
import type { ScheduleRecord } from '@/lib/domain/schedules'
import type { Operation } from '@/lib/domain/service'

import { computeSavings, hoursWithin, pausedIntervals, projectedDowntime, stoppedIntervals } from './savings'

const NOW = Date.parse('2026-12-04T12:00:00Z') // a Friday
const cost: CostInput = {
  region: 'eu-central-1',
  appRunner: { cpu: '1024', memory: '2048', minSize: 1, averageActiveInstances: null, isPaused: false },
  database: { instanceClass: 'db.t4g.micro', allocatedStorageGb: 20, storageType: 'gp2', multiAz: false, isStopped: false },
}
const op = (type: string, startedAt: string, endedAt: string): Operation => ({
  id: `${type}-${startedAt}`,
  type,
  status: 'SUCCEEDED',
  targetArn: null,
  startedAt,
  endedAt,
  updatedAt: endedAt,
})
const event = (time: string, message: string): DbEvent => ({
  time,
  message,
  categories: ['notification'],
  sourceId: 'appfactory-db',
  eventId: null,
})
const record = (name: string, action: string, expression: string): ScheduleRecord => ({
  name,
  expression,
  timezone: 'Europe/Amsterdam',
  startDate: null,
  endDate: null,
  state: 'ENABLED',
  description: null,
  actionAfterCompletion: 'NONE',
  target: { arn: `arn:aws:scheduler:::aws-sdk:${action}`, roleArn: 'r', input: '{}', maximumRetryAttempts: 2 },
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
})
/** Weekdays: sleep at 20:00, the database starts at 07:00 and the service resumes at 07:15 (Amsterdam). */
const weeknights = [
  record('sleep.app', 'apprunner:pauseService', 'cron(0 20 ? * MON-FRI *)'),
  record('sleep.db', 'rds:stopDBInstance', 'cron(0 20 ? * MON-FRI *)'),
  record('wake.db', 'rds:startDBInstance', 'cron(0 7 ? * MON-FRI *)'),
  record('wake.app', 'apprunner:resumeService', 'cron(15 7 ? * MON-FRI *)'),
]

describe('what really happened', () => {
  it('paused from the end of a pause until a resume started; still paused counts until now', () => {
    const ops = [
      op('PAUSE_SERVICE', '2026-12-02T19:00:00Z', '2026-12-02T19:03:00Z'),
      op('RESUME_SERVICE', '2026-12-03T06:15:00Z', '2026-12-03T06:18:00Z'),
      op('UPDATE_SERVICE', '2026-12-03T09:00:00Z', '2026-12-03T09:05:00Z'),
      op('PAUSE_SERVICE', '2026-12-03T19:00:00Z', '2026-12-03T19:03:00Z'),
    ]
    const intervals = pausedIntervals(ops, NOW)
    expect(intervals.map((i) => [new Date(i.from).toISOString(), new Date(i.to).toISOString()])).toEqual([
      ['2026-12-02T19:03:00.000Z', '2026-12-03T06:15:00.000Z'],
      ['2026-12-03T19:03:00.000Z', '2026-12-04T12:00:00.000Z'],
    ])
    expect(hoursWithin(intervals, { from: Date.parse('2026-12-03T00:00:00Z'), to: NOW })).toBeCloseTo(6.25 + 16.95, 5)
  })

  it('stopped from "DB instance stopped" until it is started again (by anyone, or by AWS after 7 days)', () => {
    const events = [
      event('2026-12-02T19:00:00Z', 'DB instance shutdown'),
      event('2026-12-02T19:03:00Z', 'DB instance stopped'),
      event('2026-12-03T06:00:00Z', 'DB instance is being started'),
      event('2026-12-03T06:06:00Z', 'DB instance started'),
      event('2026-12-03T19:03:00Z', 'DB instance stopped'),
      event('2026-12-04T00:00:00Z', 'DB instance is being started due to it exceeding the maximum allowed time being stopped.'),
    ]
    expect(hoursWithin(stoppedIntervals(events, NOW), { from: 0, to: NOW })).toBeCloseTo(10.95 + 4.95, 5)
  })
})

describe('projection with the schedules', () => {
  it('weekday nights and weekends down: about 61% of the time', () => {
    const d = projectedDowntime(weeknights, NOW, { servicePaused: false, databaseStopped: false })
    // Four nights of 11 h and a weekend of 59 h a week (the service 15 minutes more each morning).
    expect(d.database).toBeCloseTo(103 / 168, 3)
    expect(d.service).toBeCloseTo(104.25 / 168, 3)
  })

  it('nothing scheduled: what is down now stays down', () => {
    expect(projectedDowntime([], NOW, { servicePaused: true, databaseStopped: false })).toEqual({ service: 1, database: 0 })
  })
})

describe('computeSavings', () => {
  it('always on, with the schedules, and saved this month, at the prices in force', () => {
    const s = computeSavings({
      now: NOW,
      cost: { ...cost, appRunner: cost.appRunner && { ...cost.appRunner, isPaused: true } },
      table: prices,
      operations: [op('PAUSE_SERVICE', '2026-12-03T19:00:00Z', '2026-12-03T19:03:00Z')],
      dbEvents: [event('2026-12-01T00:00:00Z', 'DB instance stopped'), event('2026-12-02T00:00:00Z', 'DB instance is being started')],
      schedules: weeknights,
    })
    // Always on, whatever the current state: memory 13.14 + compute 0–9.86 + RDS 13.87 + storage 2.74.
    expect(s.estimateMonthly).toEqual({ low: 29.75, high: 39.61 })
    expect(s.pausedHoursThisMonth).toBeCloseTo(16.95, 2)
    expect(s.stoppedHoursThisMonth).toBe(24)
    // 24 h stopped × 13.87/730 + 16.95 h paused × (13.14 … 23.0)/730.
    expect(s.savedThisMonth.low).toBeCloseTo(0.456 + 0.305, 2)
    expect(s.projectedWithSchedules?.low).toBeLessThan(s.estimateMonthly.low)
    // Paused now (Friday afternoon): down from now, not from 20:00.
    expect(s.projectedDowntime).toEqual({ service: 0.63, database: 0.61 })
    expect(s.monthStart).toBe('2026-12-01T00:00:00.000Z')
  })

  it('prices from PORTAL_PRICES replace the built-in ones, and say so', () => {
    const p = effectivePrices({ source: 'Company price list', asOf: '2027-01-15', rdsInstanceHour: { 'db.t4g.micro': 0.1 } })
    expect(p).toMatchObject({ source: 'Company price list', asOf: '2027-01-15', overridden: true })
    expect(p.table.rdsInstanceHour['db.t4g.micro']).toBe(0.1)
    expect(p.table.rdsInstanceHour['db.t3.micro']).toBe(prices.rdsInstanceHour['db.t3.micro'])
    const s = computeSavings({ now: NOW, cost, table: p.table, operations: [], dbEvents: [], schedules: [] })
    expect(s.estimateMonthly.low).toBeCloseTo(13.14 + 73 + 2.74, 2)
    expect(effectivePrices(undefined).overridden).toBe(false)
  })
})
