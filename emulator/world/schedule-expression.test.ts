import { describe, expect, it } from 'vitest'

import { instantOf, nextFireAfter, parseScheduleExpression } from './schedule-expression'

const AMS = 'Europe/Amsterdam'

/** The next `n` invocations after `from` (ISO), as ISO strings. */
function runs(expression: string, from: string, n: number, tz = AMS): string[] {
  const e = parseScheduleExpression(expression)
  if (!e) throw new Error(`${expression} did not parse`)
  const out: string[] = []
  let t = Date.parse(from)
  for (let i = 0; i < n; i++) {
    const next = nextFireAfter(e, tz, t, Date.parse(from))
    if (next === undefined) break
    out.push(new Date(next).toISOString())
    t = next
  }
  return out
}

describe('schedule expressions as EventBridge Scheduler reads them', () => {
  it.each([
    'cron(0 20 ? * MON-FRI *)',
    'cron(0/15 8-18 ? * 2-6 *)',
    'cron(0 7 1 * ? 2027)',
    'cron(0 20 L * ? *)',
    'cron(0 20 15W * ? *)',
    'cron(0 20 ? * 6L *)',
    'cron(0 20 ? * 2#1 *)',
    'cron(30 6 ? JAN,DEC SUN *)',
    'rate(1 minutes)',
    'rate(5 hours)',
    'rate(2 days)',
    'at(2027-01-04T07:00:00)',
  ])('accepts %s', (text) => expect(parseScheduleExpression(text)).toBeDefined())

  it.each([
    ['both day fields given', 'cron(0 20 * * MON-FRI *)'],
    ['neither day field is ?', 'cron(0 20 * * * *)'],
    ['five fields', 'cron(0 20 ? * MON-FRI)'],
    ['hour 25', 'cron(0 25 ? * * *)'],
    ['day-of-week 0 (EventBridge counts 1–7)', 'cron(0 20 ? * 0 *)'],
    ['a reversed range', 'cron(0 20 ? * FRI-MON *)'],
    ['? in the minutes', 'cron(? 20 ? * * *)'],
    ['year before 1970', 'cron(0 20 ? * * 1969)'],
    ['a singular unit', 'rate(1 hour)'],
    ['seconds', 'rate(30 seconds)'],
    ['zero', 'rate(0 minutes)'],
    ['no such date', 'at(2027-02-30T07:00:00)'],
    ['a time zone suffix', 'at(2027-01-04T07:00:00Z)'],
    ['nothing known', 'every day at 8'],
  ])('refuses %s: %s', (_why, text) => expect(parseScheduleExpression(text)).toBeUndefined())

  it('weekdays at 20:00 in Amsterdam skip the weekend', () => {
    expect(runs('cron(0 20 ? * MON-FRI *)', '2026-12-04T12:00:00Z', 3)).toEqual([
      '2026-12-04T19:00:00.000Z',
      '2026-12-07T19:00:00.000Z',
      '2026-12-08T19:00:00.000Z',
    ])
  })

  it('spring forward: 02:30 does not exist on 29 March 2026 in Amsterdam, so that day has no invocation', () => {
    expect(runs('cron(30 2 * * ? *)', '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
      '2026-03-31T00:30:00.000Z',
    ])
  })

  it('fall back: 02:30 happens twice on 25 October 2026 in Amsterdam, and is invoked once, the first time', () => {
    expect(runs('cron(30 2 * * ? *)', '2026-10-24T12:00:00Z', 3)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
      '2026-10-27T01:30:00.000Z',
    ])
    expect(runs('cron(0/30 2 * * ? *)', '2026-10-25T00:10:00Z', 3)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:00:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ])
  })

  it('the same wall-clock time in New York changes its UTC hour across its own DST change (8 March 2026)', () => {
    expect(runs('cron(0 7 * * ? *)', '2026-03-06T13:00:00Z', 3, 'America/New_York')).toEqual([
      '2026-03-07T12:00:00.000Z',
      '2026-03-08T11:00:00.000Z',
      '2026-03-09T11:00:00.000Z',
    ])
  })

  it('a rate counts 24-hour days from its anchor, whatever the clocks do', () => {
    expect(runs('rate(1 days)', '2026-03-28T12:00:00Z', 2)).toEqual(['2026-03-29T12:00:00.000Z', '2026-03-30T12:00:00.000Z'])
  })

  it('at() is local time in the schedule time zone, once', () => {
    expect(runs('at(2026-12-05T22:00:00)', '2026-12-04T12:00:00Z', 2)).toEqual(['2026-12-05T21:00:00.000Z'])
    expect(instantOf(Date.UTC(2026, 2, 29, 2, 30), AMS)).toBeUndefined()
  })
})
