import type { APIRequestContext, Page } from '@playwright/test'

import { nextRun, parseExpression } from '../lib/domain/schedule-expression'
import { e2eEnv } from './env'
import { bearer, emulator } from './helpers'
import { expect, test } from './fixtures'

/**
 * Schedules that run in EventBridge Scheduler (the emulator's), not in the portal: created on the
 * schedules page or through the API, they fire as the emulator's clock passes them, and the overview
 * shows the environment going to sleep and waking up. The browser runs in Amsterdam time.
 */

test.use({ timezoneId: 'Europe/Amsterdam' })
// Each journey waits for the portal's read cache (10–30 s) more than once.
test.describe.configure({ timeout: 150_000 })

const LONG = { timeout: 45_000 }
const MINUTE = 60_000
const AMS = 'Europe/Amsterdam'

type Schedule = { name: string; action: string; kind: string; state: string; nextRunAt: string | null; expression: string }
type ScheduleList = { schedules: Schedule[]; summary: string | null; activeOverrides: { name: string; mode: string; until: string }[] }

const api = {
  async schedules(request: APIRequestContext): Promise<ScheduleList> {
    return (await (await request.get('/api/schedules')).json()) as ScheduleList
  },
  async status(request: APIRequestContext) {
    const service = (await (await request.get('/api/service')).json()) as { status?: string }
    const db = (await (await request.get('/api/database')).json()) as { status?: string }
    return `${service.status}/${db.status}`
  },
  async create(request: APIRequestContext, body: Record<string, unknown>) {
    const r = await request.post('/api/schedules', { data: body })
    expect(r.status(), await r.text()).toBe(201)
    return ((await r.json()) as { schedule: Schedule }).schedule
  },
}

/** The emulator's clock: now, and moving it ahead (schedules due on the way fire in order). */
const clock = {
  async now(request: APIRequestContext) {
    return (await emulator.state(request)).now as number
  },
  async advanceTo(request: APIRequestContext, at: number) {
    const r = await request.post(`${e2eEnv.emulatorURL}/_emulator/clock`, { data: { advanceMs: at - (await clock.now(request)) } })
    expect(r.ok()).toBe(true)
  },
}

/** A fresh world, with the portal's cached reads (schedules, service, database) caught up with it. */
async function freshWorld(request: APIRequestContext, scenario = 'healthy', status = 'RUNNING/available') {
  await emulator.reset(request, scenario)
  await expect.poll(async () => (await api.schedules(request)).schedules.length, LONG).toBe(0)
  await expect.poll(() => api.status(request), LONG).toBe(status)
}

/** The first run of a cron expression in Amsterdam after `after`. */
function nextAt(expression: string, after: number): number {
  const e = parseExpression(expression)
  if ('error' in e) throw new Error(e.error)
  const t = nextRun(e, AMS, after, { anchor: after })
  if (t === null) throw new Error(`${expression} never runs`)
  return t
}

async function expectOverview(page: Page, service: string, database: string) {
  await page.goto('/')
  await expect(page.getByRole('region', { name: 'App Runner service' }).getByText(service, { exact: true })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Database' }).getByText(database, { exact: true })).toBeVisible()
}

test('weekdays 20:00 sleep, 07:00 wake: made on the schedules page, the environment sleeps in the evening and wakes in the morning', async ({
  page,
  request,
}) => {
  await freshWorld(request)
  await page.goto('/schedules')
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' })).toBeVisible()
  await expect(page.getByText('No schedules yet')).toBeVisible()
  // The preset is in the browser's time zone.
  await expect(page.getByLabel('Time zone')).toHaveValue(AMS)
  await page.getByLabel('Reason').first().fill('nights and weekends off')
  await page.getByRole('button', { name: 'Create…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create schedules' })
  await expect(dialog).toContainText(`Sleep weekdays at 20:00 (${AMS})`)
  await expect(dialog).toContainText(`Wake weekdays at 07:00 (${AMS})`)
  await dialog.getByRole('button', { name: 'Create', exact: true }).click()
  await expect(dialog).toBeHidden()

  const sleepRow = page.locator('[data-schedule="sleep-cron-0-20-mon-fri"]')
  const wakeRow = page.locator('[data-schedule="wake-cron-0-7-mon-fri"]')
  await expect(sleepRow).toContainText('weekdays at 20:00')
  await expect(sleepRow).toContainText('enabled')
  await expect(sleepRow).toContainText('nights and weekends off — e2e-operator')
  await expect(wakeRow).toContainText('weekdays at 07:00')
  // The next run in Amsterdam time, and in UTC.
  const list = await api.schedules(request)
  const sleep = list.schedules.find((s) => s.action === 'sleep')
  expect(sleep?.nextRunAt).toBeTruthy()
  const sleepAt = Date.parse(sleep?.nextRunAt ?? '')
  expect(sleepAt).toBe(nextAt('cron(0 20 ? * MON-FRI *)', Date.now()))
  await expect(sleepRow).toContainText(`${new Date(sleepAt).toISOString().slice(0, 16).replace('T', ' ')}`)
  await expect(sleepRow).toContainText(/20:00 (CET|CEST|GMT\+1|GMT\+2)/)

  await page.goto('/')
  await expect(page.getByTestId('schedule-line')).toContainText('sleeps at 20:00 · wakes at 07:00')
  await expect(page.getByTestId('schedule-line')).toContainText(AMS)
  await expectOverview(page, 'RUNNING', 'available')

  // The evening: a few minutes after 20:00 the service is paused and the database stopped.
  await clock.advanceTo(request, sleepAt + 5 * MINUTE)
  await expect.poll(() => api.status(request), LONG).toBe('PAUSED/stopped')
  await expectOverview(page, 'PAUSED', 'stopped')

  // The morning: the database starts at 07:00, the service resumes at 07:15.
  const wakeAt = nextAt('cron(0 7 ? * MON-FRI *)', sleepAt)
  await clock.advanceTo(request, wakeAt + 5 * MINUTE)
  await expect.poll(() => api.status(request), LONG).toBe('PAUSED/available')
  await clock.advanceTo(request, wakeAt + 20 * MINUTE)
  await expect.poll(() => api.status(request), LONG).toBe('RUNNING/available')
  await expectOverview(page, 'RUNNING', 'available')
})

test('"stay awake until 22:00": the 20:00 sleep is skipped, the override sleeps at 22:00 and is gone', async ({ page, request }) => {
  await freshWorld(request)
  await api.create(request, { action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', timezone: AMS })
  await api.create(request, { action: 'wake', expression: 'cron(0 7 ? * MON-FRI *)', timezone: AMS })
  const sleepAt = nextAt('cron(0 20 ? * MON-FRI *)', Date.now())
  const until = sleepAt + 2 * 60 * MINUTE
  const r = await request.post('/api/schedules/overrides', {
    data: { mode: 'awake', until: new Date(until).toISOString(), timezone: AMS, reason: 'demo' },
  })
  expect(r.status(), await r.text()).toBe(201)
  expect(((await r.json()) as { held: string[] }).held).toEqual(['sleep-cron-0-20-mon-fri'])

  await page.goto('/')
  await expect(page.getByTestId('schedule-line')).toContainText('Override: awake until')
  await expect(page.getByTestId('schedule-line')).toContainText('22:00')
  await page.goto('/schedules')
  await expect(page.locator('[data-schedule="sleep-cron-0-20-mon-fri"]')).toContainText('held back by an override until')

  // 20:00 passes: still awake.
  await clock.advanceTo(request, sleepAt + 30 * MINUTE)
  await expectOverview(page, 'RUNNING', 'available')
  expect(await api.status(request)).toBe('RUNNING/available')
  // 22:00: the override's own sleep; it deletes itself, so it outlives nothing.
  await clock.advanceTo(request, until + 5 * MINUTE)
  await expect.poll(() => api.status(request), LONG).toBe('PAUSED/stopped')
  await expect
    .poll(async () => (await api.schedules(request)).schedules.map((s) => s.kind).sort(), LONG)
    .toEqual(['recurring', 'recurring'])
  await expectOverview(page, 'PAUSED', 'stopped')
  await expect(page.getByTestId('schedule-line')).not.toContainText('Override')
})

/** A `datetime-local` value for an instant, in Amsterdam (the browser's zone here). */
function amsterdamLocal(at: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: AMS,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

test('the override form: a time already past is refused on the page and creates nothing; "stay asleep until" made there holds the wakes back', async ({
  page,
  request,
}) => {
  await freshWorld(request)
  await api.create(request, { action: 'wake', expression: 'cron(0 7 ? * MON-FRI *)', timezone: AMS })
  await page.goto('/schedules')
  const form = page.locator('form').filter({ has: page.getByRole('group', { name: 'Override the schedules until a time' }) })
  // The form's defaults are the browser's (next Monday 07:00): once shown, the page is interactive.
  await expect(form.getByRole('textbox', { name: 'Stay asleep until' })).toHaveValue(/^\d{4}-\d{2}-\d{2}T07:00$/)
  // Choosing the time chooses its mode.
  await form.getByRole('textbox', { name: 'Stay asleep until' }).fill('2020-01-06T07:00')
  await expect(form.getByRole('radio', { name: 'Stay asleep', exact: true })).toBeChecked()
  await form.getByRole('button', { name: 'Create override…' }).click()
  await expect(form.getByRole('alert')).toHaveText('That time has passed; choose a time in the future.')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  // Nothing new in EventBridge Scheduler: only the wake's two parts (database, then service).
  expect(((await emulator.state(request)).scheduler as { schedules: { name: string }[] }).schedules.map((x) => x.name).sort()).toEqual([
    'wake-cron-0-7-mon-fri.app',
    'wake-cron-0-7-mon-fri.db',
  ])

  // Four days ahead always covers a weekday 07:00.
  const until = Date.now() + 4 * 24 * 60 * MINUTE
  await form.getByRole('textbox', { name: 'Stay asleep until' }).fill(amsterdamLocal(until))
  await form.getByLabel('Reason').fill('office closed')
  await form.getByRole('button', { name: 'Create override…' }).click()
  await expect(form.getByRole('alert')).toHaveCount(0)
  const dialog = page.getByRole('dialog', { name: 'Stay asleep' })
  await dialog.getByRole('button', { name: 'Create override', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.locator('[data-schedule="wake-cron-0-7-mon-fri"]')).toContainText('held back by an override until', LONG)
  const list = await api.schedules(request)
  expect(list.activeOverrides).toEqual([expect.objectContaining({ mode: 'asleep' })])
  expect(Math.abs(Date.parse(list.activeOverrides[0]?.until ?? '') - until)).toBeLessThan(MINUTE)
  await page.goto('/')
  await expect(page.getByTestId('schedule-line')).toContainText('Override: asleep until')
})

test('"keep the database stopped until": the hourly stop takes it down again after AWS restarts it after 7 days', async ({
  page,
  request,
}) => {
  await freshWorld(request, 'db-stopped', 'RUNNING/stopped')
  const db = (await (await request.get('/api/database')).json()) as { automaticRestartTime: string }
  const restart = Date.parse(db.automaticRestartTime)
  const keep = await api.create(request, {
    action: 'stop-database',
    expression: 'rate(1 hours)',
    until: new Date(Date.now() + 30 * 24 * 60 * MINUTE).toISOString(),
    reason: 'not needed this month',
  })
  expect(keep.kind).toBe('keep-stopped')

  await page.goto('/database')
  const note = page.getByTestId('keep-stopped')
  await expect(note).toContainText('Next automatic restart by AWS')
  await expect(note).toContainText(`Kept stopped until`)
  await expect(note).toContainText('the portal stops it again within the hour')

  // AWS starts it after 7 days…
  await clock.advanceTo(request, restart + 10 * MINUTE)
  const events = (await emulator.state(request)).db as { events: { message: string }[] }
  expect(events.events.map((e) => e.message)).toContain(
    'DB instance is being started due to it exceeding the maximum allowed time being stopped.',
  )
  // …and within the hour the schedule has stopped it again.
  await clock.advanceTo(request, restart + 70 * MINUTE)
  await expect.poll(() => api.status(request), LONG).toBe('RUNNING/stopped')
  await page.reload()
  await expect(page.getByRole('region', { name: 'Stop / start' }).getByText('stopped', { exact: true })).toBeVisible()
})

test('a schedule whose role may not stop the database shows its failed runs', async ({ page, request }) => {
  await freshWorld(request, 'scheduler-role-missing-rds')
  // A rate schedule runs at once: its first stop is refused (the role lacks rds:StopDBInstance).
  await api.create(request, { action: 'stop-database', expression: 'rate(1 hours)', reason: 'nightly' })
  await expect
    .poll(async () => ((await (await request.get('/api/schedules/runs?days=1')).json()) as { runs: { errors: number }[] }).runs, LONG)
    .toEqual([expect.objectContaining({ attempts: 1, errors: 1, schedules: ['stop-database-rate-1-hours'] })])
  expect(await api.status(request)).toBe('RUNNING/available')

  await page.goto('/schedules')
  await expect(page.locator('[data-schedule="stop-database-rate-1-hours"]')).toContainText('1 of 1 failed')
  const runs = page.getByRole('region', { name: 'Last runs' })
  await expect(runs.getByRole('alert')).toContainText('1 run failed in the last 7 days')
  await runs.getByRole('link', { name: 'check scheduler-role' }).click()
  await expect(page).toHaveURL(/\/troubleshoot#scheduler-role$/)
  // The failed run is on the timeline too (CloudWatch's AWS/Scheduler metrics), marked failed.
  await expect(async () => {
    await page.goto('/timeline?since=1h&kinds=schedule')
    const run = page
      .getByRole('list', { name: 'Changes, newest first' })
      .getByRole('listitem')
      .filter({ hasText: 'Schedule ran: stop-database-rate-1-hours' })
    await expect(run).toContainText('1 target error', { timeout: 3_000 })
  }).toPass(LONG)
  const check = (await (await request.get('/api/checks/scheduler-role')).json()) as { checks: { status: string; summary: string }[] }
  expect(check.checks[0]).toMatchObject({
    status: 'fail',
    summary: expect.stringContaining('may not call rds:StopDBInstance, rds:StartDBInstance'),
  })
})

test('the schedules API: 201, 400 naming the field, 409 for a name clash, 403 for viewers, PATCH and DELETE, audited', async ({
  request,
}) => {
  await freshWorld(request)
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ action: 'sleep', expression: 'cron(0 20 * * MON-FRI *)' }, /^expression: exactly one of day-of-month and day-of-week must be \?/],
    [{ action: 'sleep', expression: 'rate(1 hour)' }, /^expression: a rate expression is/],
    [{ action: 'sleep', expression: 'at(2020-01-01T00:00:00)' }, /^expression: .* is in the past/],
    [{ action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', timezone: 'Mars/Phobos' }, /^timezone: "Mars\/Phobos" is not a time zone/],
    [
      { action: 'sleep', expression: 'cron(0 20 ? * MON *)', until: new Date(Date.now() + MINUTE).toISOString() },
      /^until: .* is before the first run/,
    ],
    [{ action: 'nap', expression: 'rate(1 hours)' }, /^action: /],
  ]
  for (const [body, message] of bad) {
    const r = await request.post('/api/schedules', { data: body })
    expect(r.status(), JSON.stringify(body)).toBe(400)
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(message)
  }
  const viewer = await request.post('/api/schedules', { data: { action: 'sleep', expression: 'rate(1 days)' }, headers: bearer('viewer') })
  expect(viewer.status()).toBe(403)

  const made = await api.create(request, { action: 'sleep', expression: 'cron(30 22 ? * * *)', timezone: AMS, reason: 'late nights' })
  expect(made).toMatchObject({ name: 'sleep-cron-30-22', action: 'sleep', kind: 'recurring', state: 'enabled', timezone: AMS })
  const clash = await request.post('/api/schedules', { data: { action: 'sleep', expression: 'cron(30 22 ? * * *)', timezone: AMS } })
  expect(clash.status()).toBe(409)

  const list = await (await request.get('/api/schedules', { headers: bearer('viewer') })).json()
  expect((list as ScheduleList).schedules).toEqual([
    expect.objectContaining({
      name: 'sleep-cron-30-22',
      expression: 'cron(30 22 ? * * *)',
      until: null,
      description: expect.stringContaining('late nights'),
    }),
  ])
  const disabled = await request.patch('/api/schedules/sleep-cron-30-22', { data: { state: 'disabled' } })
  expect(disabled.status(), await disabled.text()).toBe(200)
  expect(((await disabled.json()) as { schedule: Schedule }).schedule).toMatchObject({ state: 'disabled', nextRunAt: null })
  const moved = await request.patch('/api/schedules/sleep-cron-30-22', { data: { expression: 'cron(0 23 ? * * *)', state: 'enabled' } })
  expect(((await moved.json()) as { schedule: Schedule }).schedule).toMatchObject({ state: 'enabled', expression: 'cron(0 23 ? * * *)' })
  expect((await request.delete('/api/schedules/sleep-cron-30-22')).status()).toBe(200)
  expect((await request.delete('/api/schedules/sleep-cron-30-22')).status()).toBe(404)
  // Nothing is left in EventBridge Scheduler.
  const state = (await emulator.state(request)).scheduler as { schedules: unknown[] }
  expect(state.schedules).toEqual([])

  const audit = (await (await request.get('/api/audit?action=schedule', { headers: bearer('admin') })).json()) as {
    entries: { action: string; result: string }[]
  }
  expect(audit.entries.slice(0, 5).map((e) => `${e.action}:${e.result}`)).toEqual([
    'schedule.delete:error',
    'schedule.delete:ok',
    'schedule.update:ok',
    'schedule.update:ok',
    'schedule.create:error',
  ])
})

test('the cost card: always on, with the schedules, saved this month, and where the prices come from', async ({ page, request }) => {
  await freshWorld(request)
  await api.create(request, { action: 'sleep', expression: 'cron(0 20 ? * MON-FRI *)', timezone: AMS })
  await api.create(request, { action: 'wake', expression: 'cron(0 7 ? * MON-FRI *)', timezone: AMS })
  const cost = (await (await request.get('/api/cost')).json()) as {
    estimateMonthly: { low: number }
    projectedWithSchedules: { low: number } | null
    savedThisMonth: { low: number }
    prices: { source: string; asOf: string }
  }
  expect(cost.projectedWithSchedules?.low).toBeLessThan(cost.estimateMonthly.low)
  expect(cost.prices.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  await page.goto('/')
  const card = page.getByRole('region', { name: 'Estimated monthly cost' })
  await expect(card.getByTestId('savings')).toContainText('Always on')
  await expect(card.getByTestId('cost-projected')).toContainText('/ month')
  await expect(card.getByTestId('savings')).toContainText(`as of ${cost.prices.asOf}`)
})
