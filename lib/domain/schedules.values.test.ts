import { describe, expect, it } from 'vitest'

import { describeExpression } from './schedules.values'

describe('describeExpression', () => {
  it.each([
    ['cron(0 20 ? * MON-FRI *)', 'weekdays at 20:00'],
    ['cron(0 7 ? * 2-6 *)', 'weekdays at 07:00'],
    ['cron(30 6 ? * SAT,SUN *)', 'weekends at 06:30'],
    ['cron(0 22 * * ? *)', 'every day at 22:00'],
    ['cron(0 22 ? * * *)', 'every day at 22:00'],
    ['cron(15 7 ? * 3,4,5 *)', 'Tue, Wed, Thu at 07:15'],
    ['cron(0 9 1 * ? *)', 'on day 1 of the month at 09:00'],
    ['cron(0/15 8-18 ? * MON-FRI *)', 'cron(0/15 8-18 ? * MON-FRI *)'],
    ['cron(0 9 ? * MON-FRI 2027)', 'cron(0 9 ? * MON-FRI 2027)'],
    ['rate(1 hours)', 'every hour'],
    ['rate(30 minutes)', 'every 30 minutes'],
    ['at(2026-12-05T22:00:00)', 'once on 2026-12-05 at 22:00'],
  ])('%s → %s', (expression, words) => expect(describeExpression(expression)).toBe(words))
})
