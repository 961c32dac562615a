import { describe, expect, it } from 'vitest'

import type { ScheduleWrite } from '@/lib/aws/scheduler'
import type { ScheduleRecord } from '@/lib/domain/schedules'

import { decodeDescription, DESCRIPTION_MAX, encodeDescription } from './description'
import { planOverride, releaseOverride } from './overrides'
import { planSchedule, shiftCron, type PlanContext } from './plan'
import { attributeRuns } from './runs'
import { toSchedules } from './view'

const SERVICE_ARN = 'arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service/7d3f'
/** Friday 4 December 2026, 12:00 UTC (13:00 in Amsterdam). */
const NOW = Date.parse('2026-12-04T12:00:00Z')
const ctx: PlanContext = {
  now: NOW,
  wakeDelayMinutes: 15,
  by: 'Alice <alice@example.com>',
  targets: {
    pause: {
      arn: 'arn:aws:scheduler:::aws-sdk:apprunner:pauseService',
      input: { ServiceArn: SERVICE_ARN },
      iamAction: 'apprunner:PauseService',
    },
    resume: {
      arn: 'arn:aws:scheduler:::aws-sdk:apprunner:resumeService',
      input: { ServiceArn: SERVICE_ARN },
      iamAction: 'apprunner:ResumeService',
    },
    stop: {
      arn: 'arn:aws:scheduler:::aws-sdk:rds:stopDBInstance',
      input: { DbInstanceIdentifier: 'appfactory-db' },
      iamAction: 'rds:StopDBInstance',
    },
    start: {
      arn: 'arn:aws:scheduler:::aws-sdk:rds:startDBInstance',
      input: { DbInstanceIdentifier: 'appfactory-db' },
      iamAction: 'rds:StartDBInstance',
    },
  },
}
const AMS = 'Europe/Amsterdam'

function plan(input: Parameters<typeof planSchedule>[0]) {
  const r = planSchedule(input, ctx)
  if (!r.ok) throw new Error(r.error.message)
  return r.data
}
const refused = (input: Parameters<typeof planSchedule>[0]) => {
  const r = planSchedule(input, ctx)
  return r.ok ? 'accepted' : r.error.message
}
/** What AWS would hand back for what the portal wrote. */
const stored = (w: ScheduleWrite, at = new Date(NOW).toISOString()): ScheduleRecord => ({
  name: w.name,
  expression: w.expression,
  timezone: w.timezone,
  startDate: w.startDate,
  endDate: w.endDate,
  state: w.state,
  description: w.description,
  actionAfterCompletion: w.actionAfterCompletion,
  target: {
    arn: w.target.arn,
    roleArn: 'arn:aws:iam::082609687527:role/AppFactorySchedulerRole',
    input: JSON.stringify(w.target.input),
    maximumRetryAttempts: w.maximumRetryAttempts,
  },
  createdAt: at,
  updatedAt: at,
})

describe('planSchedule: what each action becomes in EventBridge Scheduler', () => {
  it('a sleep pauses the service and stops the database at the same time', () => {
    const p = plan({ action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', timezone: AMS, reason: 'nights off' })
    expect(p.name).toBe('sleep-cron-0-20-mon-fri')
    expect(p.kind).toBe('recurring')
    expect(p.firstRunAt).toBe('2026-12-04T19:00:00.000Z')
    expect(p.writes.map((w) => [w.name, w.expression, w.timezone, w.target.arn.split(':').pop(), w.actionAfterCompletion])).toEqual([
      ['sleep-cron-0-20-mon-fri.app', 'cron(0 20 ? * MON-FRI *)', AMS, 'pauseService', 'NONE'],
      ['sleep-cron-0-20-mon-fri.db', 'cron(0 20 ? * MON-FRI *)', AMS, 'stopDBInstance', 'NONE'],
    ])
    expect(p.writes[1]?.target.input).toEqual({ DbInstanceIdentifier: 'appfactory-db' })
    expect(decodeDescription(p.writes[0]?.description ?? null)).toEqual({
      action: 'sleep',
      kind: 'recurring',
      part: 'service',
      by: 'Alice <alice@example.com>',
      reason: 'nights off',
    })
  })

  it('a wake starts the database, and resumes the service the start time later', () => {
    const p = plan({ action: 'wake', expression: 'cron(0 7 ? * MON-FRI *)', timezone: AMS })
    expect(p.writes.map((w) => [w.name, w.expression, w.target.arn.split(':').pop()])).toEqual([
      ['wake-cron-0-7-mon-fri.db', 'cron(0 7 ? * MON-FRI *)', 'startDBInstance'],
      ['wake-cron-0-7-mon-fri.app', 'cron(15 7 ? * MON-FRI *)', 'resumeService'],
    ])
  })

  it('a late wake moves the resume past midnight, and its weekdays with it', () => {
    expect(shiftCron(['50', '23', '?', '*', 'MON-FRI', '*'], 15)).toEqual(['5', '0', '?', '*', '3,4,5,6,7', '*'])
    expect(shiftCron(['50', '23', '?', '*', 'SAT', '*'], 15)).toEqual(['5', '0', '?', '*', '1', '*'])
    expect(shiftCron(['50', '23', '*', '*', '?', '*'], 15)).toEqual(['5', '0', '*', '*', '?', '*'])
    // What one cron expression cannot say: the 1st of the month moved to the 2nd is fine, the 31st is not.
    expect(shiftCron(['50', '23', '31', '*', '?', '*'], 15)).toBeNull()
    expect(shiftCron(['0/30', '7', '?', '*', 'MON', '*'], 15)).toBeNull()
    expect(refused({ action: 'wake', expression: 'cron(0/30 7 ? * MON *)' })).toMatch(/^expression: a wake starts the database first/)
  })

  it('one-time schedules delete themselves; a wake at a time resumes at that time plus the delay', () => {
    const p = plan({ action: 'wake', expression: 'at(2026-12-07T07:00:00)', timezone: AMS })
    expect(p.kind).toBe('one-time')
    expect(p.writes.map((w) => [w.expression, w.actionAfterCompletion])).toEqual([
      ['at(2026-12-07T07:00:00)', 'DELETE'],
      ['at(2026-12-07T07:15:00)', 'DELETE'],
    ])
  })

  it('"keep stopped until": an hourly stop with an end, no retries, gone after its end', () => {
    const p = plan({ action: 'stop-database', expression: 'rate(1 hours)', until: '2026-12-20T00:00:00Z' })
    expect(p.kind).toBe('keep-stopped')
    expect(p.writes).toEqual([
      expect.objectContaining({
        name: 'stop-database-rate-1-hours.db',
        endDate: '2026-12-20T00:00:00.000Z',
        maximumRetryAttempts: 0,
        actionAfterCompletion: 'DELETE',
      }),
    ])
  })

  it('a wake with an end keeps its resume part until the end plus the delay', () => {
    const p = plan({ action: 'wake', expression: 'rate(1 days)', until: '2026-12-20T00:00:00Z' })
    expect(p.writes.map((w) => [w.startDate, w.endDate])).toEqual([
      [null, '2026-12-20T00:00:00.000Z'],
      ['2026-12-04T12:15:00.000Z', '2026-12-20T00:15:00.000Z'],
    ])
  })

  it.each([
    [{ action: 'sleep', expression: 'cron(0 20 * * MON-FRI *)' }, /^expression: exactly one of day-of-month and day-of-week must be \?$/],
    [{ action: 'sleep', expression: 'rate(1 hour)' }, /^expression: a rate expression is rate/],
    [
      { action: 'sleep', expression: 'at(2026-12-04T10:00:00)', timezone: 'UTC' },
      /^expression: at\(2026-12-04T10:00:00\) in UTC .* is in the past$/,
    ],
    [{ action: 'sleep', expression: 'at(2027-03-28T02:30:00)', timezone: AMS }, /^expression: .* does not exist in Europe\/Amsterdam/],
    [{ action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', timezone: 'Mars/Phobos' }, /^timezone: "Mars\/Phobos" is not a time zone$/],
    [
      { action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', until: '2026-12-01T00:00:00Z' },
      /^until: 2026-12-01T00:00:00Z is in the past$/,
    ],
    // Mondays only, until Sunday: it would never run.
    [
      { action: 'sleep', expression: 'cron(0 20 ? * MON *)', timezone: AMS, until: '2026-12-06T00:00:00Z' },
      /^until: 2026-12-06T00:00:00Z is before the first run \(2026-12-07T19:00:00Z\)$/,
    ],
    [{ action: 'sleep', expression: 'at(2026-12-05T20:00:00)', until: '2026-12-06T00:00:00Z' }, /^until: a one-time schedule runs once/],
    [{ action: 'sleep', expression: 'cron(0 20 ? * * 2025)' }, /^expression: .* never runs after now$/],
  ] as const)('refuses %j', (input, message) => expect(refused(input)).toMatch(message))
})

describe('toSchedules: the portal schedules as read back from AWS', () => {
  const sleep = plan({ action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', timezone: AMS, reason: 'nights off' })
  const wake = plan({ action: 'wake', expression: 'cron(0 7 ? * MON-FRI *)', timezone: AMS })
  const records = [...sleep.writes, ...wake.writes].map((w) => stored(w))

  it('a pair is one schedule, with its next run in UTC, who made it and why', () => {
    const { schedules, summary, activeOverrides } = toSchedules(records, NOW)
    expect(schedules.map((s) => [s.name, s.action, s.kind, s.state, s.nextRunAt, s.parts.length, s.issues])).toEqual([
      ['sleep-cron-0-20-mon-fri', 'sleep', 'recurring', 'enabled', '2026-12-04T19:00:00.000Z', 2, []],
      ['wake-cron-0-7-mon-fri', 'wake', 'recurring', 'enabled', '2026-12-07T06:00:00.000Z', 2, []],
    ])
    expect(schedules[0]?.description).toBe('nights off — Alice <alice@example.com>')
    expect(schedules[1]?.parts.map((p) => [p.operation, p.nextRunAt])).toEqual([
      ['start', '2026-12-07T06:00:00.000Z'],
      ['resume', '2026-12-07T06:15:00.000Z'],
    ])
    expect(summary).toBe('sleeps at 20:00 · wakes at 07:00')
    expect(activeOverrides).toEqual([])
  })

  it('says what is wrong with a schedule changed in the console', () => {
    const onlyDb = records.filter((r) => r.name !== 'wake-cron-0-7-mon-fri.app')
    const foreign: ScheduleRecord = { ...stored(sleep.writes[1]!), name: 'nightly-stop', description: 'made by hand' }
    const { schedules } = toSchedules([...onlyDb, foreign], NOW)
    expect(schedules.find((s) => s.name === 'wake-cron-0-7-mon-fri')?.issues).toEqual([
      'The service part (wake-cron-0-7-mon-fri.app) is missing: it was deleted outside the portal.',
    ])
    expect(schedules.find((s) => s.name === 'nightly-stop')).toMatchObject({
      action: 'stop-database',
      description: 'Made outside the portal',
    })
  })

  it('a disabled schedule has no next run', () => {
    const { schedules } = toSchedules(
      records.map((r) => ({ ...r, state: 'DISABLED' as const })),
      NOW,
    )
    expect(schedules.every((s) => s.state === 'disabled' && s.nextRunAt === null)).toBe(true)
  })
})

describe('overrides: stay awake until 22:00 tonight', () => {
  const sleep = plan({ action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', timezone: AMS })
  const wake = plan({ action: 'wake', expression: 'cron(0 7 ? * MON-FRI *)', timezone: AMS })
  const records = [...sleep.writes, ...wake.writes].map((w) => stored(w))
  const until = '2026-12-04T21:00:00Z' // 22:00 in Amsterdam

  it('holds the sleeps back until just after 22:00 and sleeps at 22:00 once', () => {
    const r = planOverride({ mode: 'awake', until, timezone: AMS, reason: 'demo' }, records, ctx)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.data.planned.name).toBe('awake-until-20261204-2200')
    expect(r.data.planned.writes.map((w) => [w.name, w.expression, w.actionAfterCompletion])).toEqual([
      ['awake-until-20261204-2200.app', 'at(2026-12-04T22:00:00)', 'DELETE'],
      ['awake-until-20261204-2200.db', 'at(2026-12-04T22:00:00)', 'DELETE'],
    ])
    expect(r.data.holds.map((w) => [w.name, w.startDate, w.expression])).toEqual([
      ['sleep-cron-0-20-mon-fri.app', '2026-12-04T21:01:00.000Z', 'cron(0 20 ? * MON-FRI *)'],
      ['sleep-cron-0-20-mon-fri.db', '2026-12-04T21:01:00.000Z', 'cron(0 20 ? * MON-FRI *)'],
    ])
    // Read back: tonight's 20:00 sleep is skipped, the next is Monday's; the override is in force until 22:00.
    const after = [
      ...records.filter((x) => !x.name.startsWith('sleep')),
      ...r.data.holds.map((w) => stored(w)),
      ...r.data.planned.writes.map((w) => stored(w)),
    ]
    const view = toSchedules(after, NOW)
    expect(view.schedules.find((s) => s.name === 'sleep-cron-0-20-mon-fri')).toMatchObject({
      nextRunAt: '2026-12-07T19:00:00.000Z',
      skippedUntil: '2026-12-04T21:01:00.000Z',
    })
    expect(view.activeOverrides).toEqual([{ name: 'awake-until-20261204-2200', mode: 'awake', until: '2026-12-04T21:00:00.000Z' }])
    expect(toSchedules(after, Date.parse('2026-12-04T21:30:00Z')).activeOverrides).toEqual([])
    // Cancelled early: the held sleeps run again from now on.
    const released = releaseOverride('awake', Date.parse(until), after, ctx)
    expect(released.map((w) => [w.name, w.startDate])).toEqual([
      ['sleep-cron-0-20-mon-fri.app', null],
      ['sleep-cron-0-20-mon-fri.db', null],
    ])
  })

  it('asleep until Monday 07:00: the wakes before are held back, the resume part until after its own run', () => {
    const r = planOverride({ mode: 'asleep', until: '2026-12-07T06:00:00Z', timezone: AMS }, records, ctx)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.data.planned.writes.map((w) => w.expression)).toEqual(['at(2026-12-07T07:00:00)', 'at(2026-12-07T07:15:00)'])
    expect(r.data.holds.map((w) => [w.name, w.startDate])).toEqual([
      ['wake-cron-0-7-mon-fri.db', '2026-12-07T06:01:00.000Z'],
      ['wake-cron-0-7-mon-fri.app', '2026-12-07T06:16:00.000Z'],
    ])
  })

  it('refuses an expiry that has passed or is too far ahead', () => {
    const past = planOverride({ mode: 'awake', until: '2026-12-04T11:00:00Z' }, records, ctx)
    expect(past.ok ? 'accepted' : past.error.message).toBe('until: give a time at least two minutes from now')
    const far = planOverride({ mode: 'awake', until: '2027-03-01T00:00:00Z' }, records, ctx)
    expect(far.ok ? 'accepted' : far.error.message).toBe('until: an override reaches at most 31 days ahead')
  })
})

describe('attributeRuns: which schedule a minute of invocations belongs to', () => {
  it('names the schedules due in each minute, newest first', () => {
    const sleep = plan({ action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', timezone: AMS })
    const records = sleep.writes.map((w) => stored(w, '2026-12-01T00:00:00Z'))
    const runs = attributeRuns(
      [
        { at: '2026-12-02T19:00:00.000Z', attempts: 2, errors: 0 },
        { at: '2026-12-03T19:00:00.000Z', attempts: 2, errors: 1 },
        { at: '2026-12-03T19:07:00.000Z', attempts: 1, errors: 1 },
      ],
      records,
      { from: Date.parse('2026-12-01T00:00:00Z'), to: NOW },
    )
    expect(runs).toEqual([
      { at: '2026-12-03T19:07:00.000Z', attempts: 1, errors: 1, schedules: [] },
      { at: '2026-12-03T19:00:00.000Z', attempts: 2, errors: 1, schedules: ['sleep-cron-0-20-mon-fri'] },
      { at: '2026-12-02T19:00:00.000Z', attempts: 2, errors: 0, schedules: ['sleep-cron-0-20-mon-fri'] },
    ])
  })
})

describe('descriptions', () => {
  it('fit in 512 characters whatever the reason, and read back', () => {
    const text = encodeDescription({ action: 'wake', kind: 'recurring', part: 'database', by: 'Bob', reason: 'x'.repeat(2000) })
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_MAX)
    expect(decodeDescription(text)).toMatchObject({ action: 'wake', by: 'Bob', reason: expect.stringMatching(/^x+…$/) })
    expect(decodeDescription('{"action":"wake"}')).toBeNull()
    expect(decodeDescription('made by hand')).toBeNull()
  })
})
