import { existsSync } from 'node:fs'
import path from 'node:path'

import type { APIRequestContext, Page } from '@playwright/test'
import Database from 'better-sqlite3'

import { e2eEnv } from './env'
import { bearer, emulator } from './helpers'
import { expect, test } from './fixtures'

/**
 * The one-click actions, as an operator uses them: deploy, rollback, database stop/start,
 * environment sleep/wake and the audit log. Every test starts from a freshly reset emulated world
 * and waits until the portal's read cache reflects it before acting.
 */

type Operation = { id: string; type: string; status: string; startedAt: number; endedAt?: number; targetImage?: string }
type EmulatorState = {
  images: { tags: string[]; findings: Record<string, number> }[]
  service: { status: string; imageIdentifier: string; operations: Operation[] }
  db: { identifier: string; status: string; events: { date: number; message: string }[] }
}
type AuditEntry = {
  id: number
  actorName: string
  action: string
  params: Record<string, unknown>
  result: string
  errorCode: string | null
  startedAt: string
  endedAt: string | null
}

const LONG = { timeout: 30_000 }
const short = (sha: string) => sha.slice(0, 7)
const shaOf = (imageIdentifier: string) => imageIdentifier.slice(imageIdentifier.lastIndexOf(':') + 1)

const world = async (request: APIRequestContext) => (await emulator.state(request)) as unknown as EmulatorState

/** Resets the emulator and waits until the portal's cached reads agree with the new world. */
async function freshWorld(request: APIRequestContext, scenario = 'healthy') {
  await emulator.reset(request, scenario)
  const s = await world(request)
  const deployed = shaOf(s.service.imageIdentifier)
  await expect
    .poll(async () => ((await (await request.get('/api/service')).json()) as { sha?: string; status?: string }).sha, LONG)
    .toBe(deployed)
  await expect
    .poll(async () => ((await (await request.get('/api/service')).json()) as { status?: string }).status, LONG)
    .toBe(s.service.status)
  await expect.poll(async () => ((await (await request.get('/api/database')).json()) as { status?: string }).status, LONG).toBe(s.db.status)
  const shas = s.images.map((i) => i.tags[0] ?? '')
  const clean = s.images.find((i) => !(i.findings.CRITICAL ?? 0) && i.tags[0] !== deployed)?.tags[0]
  const critical = s.images[0]?.tags[0]
  if (!clean || !critical || !(s.images[0]?.findings.CRITICAL ?? 0))
    throw new Error("the emulator's images changed: need a clean image and a CRITICAL newest one")
  return { state: s, deployed, clean, critical, shas }
}

/** Polls the emulator until the service has no operation in progress; returns the final state. */
async function settled(request: APIRequestContext): Promise<EmulatorState> {
  await expect.poll(async () => (await world(request)).service.status, LONG).not.toBe('OPERATION_IN_PROGRESS')
  return world(request)
}

async function audit(request: APIRequestContext, query: string): Promise<AuditEntry[]> {
  const r = await request.get(`/api/audit?${query}`)
  expect(r.status()).toBe(200)
  return ((await r.json()) as { entries: AuditEntry[] }).entries
}

async function deployFromImages(page: Page, sha: string) {
  await page.goto('/images')
  await page.getByRole('button', { name: `Deploy ${short(sha)}…`, exact: true }).click()
  const dialog = page.getByRole('dialog', { name: `Deploy ${short(sha)}` })
  await expect(dialog).toBeVisible()
  return dialog
}

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return
  // What the user saw when it failed: the open dialog's text, else the page's main text.
  const open = page.locator('dialog[open]')
  const text = (await open.count())
    ? await open.first().innerText()
    : await page
        .locator('main')
        .innerText()
        .catch(() => '')
  await testInfo.attach('visible text', { body: text, contentType: 'text/plain' })
  console.log(`--- visible text at failure ---\n${text}`)
})

test('redeploy from the images page: followed live to success, and App Runner runs the new SHA', async ({ page, request }) => {
  const { deployed, clean } = await freshWorld(request)
  const dialog = await deployFromImages(page, clean)
  // From → to with the compare link between the two commits.
  await expect(dialog.getByRole('link', { name: `Compare ${short(deployed)}…${short(clean)} on GitHub` })).toHaveAttribute(
    'href',
    `https://github.com/hanpieter1/AppFactory/compare/${deployed}...${clean}`,
  )
  await expect(dialog.getByLabel('Override reason')).toHaveCount(0)
  await dialog.getByRole('button', { name: `Deploy ${short(clean)}`, exact: true }).click()

  await expect(dialog.getByText(new RegExp(`Deploying ${short(clean)}… App Runner status:`))).toBeVisible()
  await expect(dialog.getByText(`Deployment succeeded: the service now runs ${short(clean)}.`)).toBeVisible(LONG)
  await expect(dialog.getByText(/Health check: HTTP 200 in \d+ ms/)).toBeVisible()
  await expect(dialog.getByText('Deployment failed')).toHaveCount(0)

  const after = await world(request)
  expect(after.service.imageIdentifier.endsWith(`:${clean}`)).toBe(true)
  expect(after.service.operations[0]).toMatchObject({ type: 'UPDATE_SERVICE', status: 'SUCCEEDED' })

  await page.goto('/')
  await expect(page.getByRole('region', { name: 'App Runner service' }).getByRole('link', { name: short(clean) })).toBeVisible(LONG)
  await page.goto('/deployments')
  const history = page.getByRole('table', { name: 'Deployment history' })
  await expect(
    history
      .getByRole('row')
      .filter({ hasText: short(clean) })
      .first(),
  ).toContainText('succeeded', LONG)
  await expect(
    history
      .getByRole('row')
      .filter({ hasText: short(clean) })
      .first(),
  ).toContainText('e2e-operator')
})

test('the deployments API refuses bad, unknown, concurrent and unauthorised deploys without touching App Runner', async ({ request }) => {
  const { deployed, clean } = await freshWorld(request)
  await emulator.clearCalls(request)

  const unknown = await request.post('/api/deployments', { data: { sha: 'deadbee' } })
  expect(unknown.status()).toBe(400)
  expect(((await unknown.json()) as { error: { code: string; message: string } }).error).toMatchObject({
    code: 'invalid_input',
    message: expect.stringContaining('No image in appfactory-app is tagged with a commit starting with deadbee'),
  })
  const invalid = await request.post('/api/deployments', { data: { sha: 'xyz!' } })
  expect(invalid.status()).toBe(400)
  expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('invalid_input')
  expect((await emulator.calls(request))['apprunner.UpdateService'] ?? 0).toBe(0)

  // A viewer may look but not deploy.
  const viewer = await request.post('/api/deployments', { data: { sha: clean }, headers: bearer('viewer') })
  expect(viewer.status()).toBe(403)
  expect(((await viewer.json()) as { error: { code: string } }).error.code).toBe('forbidden')
  expect((await emulator.calls(request))['apprunner.UpdateService'] ?? 0).toBe(0)
  expect(shaOf((await world(request)).service.imageIdentifier)).toBe(deployed)

  // Two simultaneous deploys: exactly one reaches App Runner.
  const [a, b] = await Promise.all([
    request.post('/api/deployments', { data: { sha: clean } }),
    request.post('/api/deployments', { data: { sha: clean } }),
  ])
  expect([a.status(), b.status()].sort()).toEqual([202, 409])
  const conflict = a.status() === 409 ? a : b
  expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('conflict')
  expect((await emulator.calls(request))['apprunner.UpdateService']).toBe(1)

  // While that deployment runs, a third one is refused with the operation named.
  const third = await request.post('/api/deployments', { data: { sha: clean } })
  expect(third.status()).toBe(409)
  expect(((await third.json()) as { error: { message: string } }).error.message).toMatch(
    /App Runner operation \S+ \(UPDATE_SERVICE\) is (PENDING|IN_PROGRESS)/,
  )
  expect((await emulator.calls(request))['apprunner.UpdateService']).toBe(1)
  await settled(request)
})

test('an image with CRITICAL findings needs an override reason', async ({ page, request }) => {
  const { critical, deployed } = await freshWorld(request)
  await emulator.clearCalls(request)
  const refused = await request.post('/api/deployments', { data: { sha: critical } })
  expect(refused.status()).toBe(400)
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
    new RegExp(`Image ${short(critical)} has \\d+ CRITICAL findings?; deploying it needs an override`),
  )
  expect((await emulator.calls(request))['apprunner.UpdateService'] ?? 0).toBe(0)

  const dialog = await deployFromImages(page, critical)
  await expect(dialog.getByText(/This image has \d+ CRITICAL findings?\. Deploying it needs an override\./)).toBeVisible()
  const submit = dialog.getByRole('button', { name: `Deploy ${short(critical)}`, exact: true })
  await expect(submit).toBeDisabled()
  await dialog.getByLabel('Override reason').fill('Hotfix approved by security, e2e')
  await expect(submit).toBeEnabled()
  await submit.click()
  await expect(dialog.getByText(`Deployment succeeded: the service now runs ${short(critical)}.`)).toBeVisible(LONG)
  expect(shaOf((await world(request)).service.imageIdentifier)).toBe(critical)
  expect(deployed).not.toBe(critical)

  const [entry] = await audit(request, 'action=deployment.redeploy&result=ok&limit=1')
  expect(entry?.params).toMatchObject({ resolvedSha: critical, override: { reason: 'Hotfix approved by security, e2e' } })
})

test('rollback returns the service to the SHA that ran before the last deployment', async ({ page, request }) => {
  const { deployed, clean } = await freshWorld(request)
  const started = await request.post('/api/deployments', { data: { sha: clean } })
  expect(started.status()).toBe(202)
  const after = await settled(request)
  expect(shaOf(after.service.imageIdentifier)).toBe(clean)

  await page.goto('/deployments')
  const button = page.getByRole('button', { name: `Roll back to ${short(deployed)}…`, exact: true })
  await expect(button).toBeEnabled(LONG)
  await button.click()
  const dialog = page.getByRole('dialog', { name: 'Roll back the service' })
  await dialog.getByRole('button', { name: 'Roll back', exact: true }).click()
  await expect(dialog.getByText(`Deployment succeeded: the service now runs ${short(deployed)}.`)).toBeVisible(LONG)
  expect(shaOf((await world(request)).service.imageIdentifier)).toBe(deployed)
})

test('a deployment App Runner rolls back is shown as failed, in red, with the reason', async ({ page, request }) => {
  const { deployed, clean } = await freshWorld(request, 'sg-blocks-db')
  const dialog = await deployFromImages(page, clean)
  await dialog.getByRole('button', { name: `Deploy ${short(clean)}`, exact: true }).click()
  await expect(dialog.getByText(new RegExp(`Deploying ${short(clean)}…`))).toBeVisible()
  const failed = dialog.getByText('Deployment failed: App Runner rolled back to the previous version.')
  await expect(failed).toBeVisible(LONG)
  await expect(failed).toHaveClass(/text-tone-bad/)
  await expect(dialog.getByText(/^Reason: .*Health check failed/)).toBeVisible()
  await expect(dialog.getByText(/Deployment succeeded/)).toHaveCount(0)

  const s = await world(request)
  expect(s.service.operations[0]?.status).toBe('ROLLBACK_SUCCEEDED')
  expect(shaOf(s.service.imageIdentifier)).toBe(deployed)
  // The history says the same: failed (rolled back), never succeeded.
  await page.goto('/deployments')
  const row = page
    .getByRole('table', { name: 'Deployment history' })
    .getByRole('row')
    .filter({ hasText: short(clean) })
    .first()
  await expect(row).toContainText('failed (rolled back)', LONG)
})

test('database stop needs the typed name, refuses a second stop while stopping, and start follows live', async ({ page, request }) => {
  const { state } = await freshWorld(request)
  const name = state.db.identifier
  await page.goto('/database')
  await page.getByRole('button', { name: 'Stop database…' }).click()
  const stop = page.getByRole('dialog', { name: `Stop database ${name}` })
  await expect(stop.getByText('While the database is stopped, the app fails its health checks and answers 503.')).toBeVisible()
  await expect(stop.getByRole('button', { name: 'Sleep the environment instead' })).toBeVisible()
  const confirm = stop.getByLabel('Type the instance name to confirm')
  const submit = stop.getByRole('button', { name: 'Stop database', exact: true })
  await expect(submit).toBeDisabled()
  await confirm.fill(`${name}-prod`)
  await expect(submit).toBeDisabled()
  await confirm.press('Enter')
  expect((await world(request)).db.status).toBe('available')
  await confirm.fill(name)
  await expect(submit).toBeEnabled()
  await submit.click()

  await expect.poll(async () => (await world(request)).db.status, { timeout: 5_000, intervals: [50] }).toBe('stopping')
  const again = await request.post('/api/database/stop')
  expect(again.status()).toBe(409)
  const error = ((await again.json()) as { error: { code: string; message: string } }).error
  expect(error.code).toBe('conflict')
  expect(error.message).toContain(`Database ${name} is stopping`)

  await expect(stop.getByText('The database is stopped.')).toBeVisible(LONG)
  await expect.poll(async () => (await world(request)).db.status, LONG).toBe('stopped')
  await stop.getByRole('button', { name: 'Close', exact: true }).last().click()

  const startButton = page.getByRole('button', { name: 'Start database…' })
  await expect(startButton).toBeEnabled(LONG)
  await startButton.click()
  const start = page.getByRole('dialog', { name: `Start database ${name}` })
  await start.getByLabel('Type the instance name to confirm').fill(name)
  await start.getByRole('button', { name: 'Start database', exact: true }).click()
  await expect(start.getByText('The database is starting…')).toBeVisible(LONG)
  await expect(start.getByText('The database is available.')).toBeVisible(LONG)
  expect((await world(request)).db.status).toBe('available')
})

test('sleep then wake the environment: App Runner paused before the database stops, started after it is back', async ({
  page,
  request,
}) => {
  await freshWorld(request)
  await page.goto('/database')
  await page.getByRole('button', { name: 'Sleep environment…' }).click()
  const sleep = page.getByRole('dialog', { name: 'Sleep the environment' })
  await sleep.getByRole('button', { name: 'Sleep environment', exact: true }).click()
  await expect(sleep.getByRole('list', { name: 'Environment sleep steps' })).toBeVisible()
  await expect(sleep.getByText(/^The environment is asleep\./)).toBeVisible(LONG)
  let s = await world(request)
  expect(s.service.status).toBe('PAUSED')
  expect(s.db.status).toBe('stopped')
  await sleep.getByRole('button', { name: 'Close', exact: true }).last().click()

  const wakeButton = page.getByRole('button', { name: 'Wake environment…' })
  await expect(wakeButton).toBeEnabled(LONG)
  await wakeButton.click()
  const wake = page.getByRole('dialog', { name: 'Wake the environment' })
  await wake.getByRole('button', { name: 'Wake environment', exact: true }).click()
  await expect(wake.getByRole('list', { name: 'Environment wake steps' })).toBeVisible()
  await expect(wake.getByText(/^The environment is awake and healthy\./)).toBeVisible(LONG)
  s = await world(request)
  expect(s.service.status).toBe('RUNNING')
  expect(s.db.status).toBe('available')
  const calls = await emulator.calls(request)
  expect(calls).toMatchObject({
    'apprunner.PauseService': 1,
    'rds.StopDBInstance': 1,
    'rds.StartDBInstance': 1,
    'apprunner.ResumeService': 1,
  })

  // Order, as the emulated AWS saw it: the pause ended before the shutdown began; the database
  // was back before the resume started.
  const pause = s.service.operations.find((o) => o.type === 'PAUSE_SERVICE')
  const resume = s.service.operations.find((o) => o.type === 'RESUME_SERVICE')
  const shutdown = s.db.events.findLast((e) => e.message === 'DB instance shutdown')
  const started = s.db.events.findLast((e) => e.message === 'DB instance started')
  expect(pause?.status).toBe('SUCCEEDED')
  expect(resume?.status).toBe('SUCCEEDED')
  expect(pause?.endedAt ?? Infinity).toBeLessThanOrEqual(shutdown?.date ?? 0)
  expect(started?.date ?? Infinity).toBeLessThanOrEqual(resume?.startedAt ?? 0)

  // And as the audit log recorded it, step by step (newest first).
  const steps = (await audit(request, 'action=environment&limit=20')).filter((e) => e.action.split('.').length === 3)
  const order = steps
    .slice(0, 6)
    .reverse()
    .map((e) => `${e.action}:${e.result}`)
  expect(order).toEqual([
    'environment.sleep.pause-service:ok',
    'environment.sleep.stop-database:ok',
    'environment.wake.start-database:ok',
    'environment.wake.wait-database:ok',
    'environment.wake.resume-service:ok',
    'environment.wake.check-health:ok',
  ])
})

test('failed and successful actions are in the audit log, on the page and in the SQLite file', async ({ page, request }) => {
  await freshWorld(request)
  const failed = await request.post('/api/deployments', { data: { sha: 'deadbee' } })
  expect(failed.status()).toBe(400)
  const stopped = await request.post('/api/database/stop')
  expect(stopped.status()).toBe(202)

  await page.goto('/audit')
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Audit log' })
  const failedRow = table.getByRole('row').filter({ hasText: 'deployment.redeploy' }).filter({ hasText: 'deadbee' }).first()
  await expect(failedRow).toContainText('e2e-operator')
  await expect(failedRow).toContainText('error')
  await expect(failedRow).toContainText('invalid_input')
  const okRow = table.getByRole('row').filter({ hasText: 'database.stop' }).first()
  await expect(okRow).toContainText('e2e-operator')
  await expect(okRow).toContainText('ok')

  // The filters narrow the table (and live in the URL).
  const filters = page.getByRole('form', { name: 'Audit filters' })
  await filters.getByLabel('Action').selectOption('database.stop')
  await filters.getByLabel('Result').selectOption('ok')
  await filters.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(/action=database\.stop/)
  await expect(table.getByRole('row').filter({ hasText: 'deployment.redeploy' })).toHaveCount(0)
  await expect(table.getByRole('row').filter({ hasText: 'database.stop' }).first()).toBeVisible()

  // Persisted: a separate reader of the portal's SQLite file sees both entries.
  const file = path.resolve(process.cwd(), e2eEnv.portal.PORTAL_DATA_DIR, 'portal.sqlite')
  expect(existsSync(file)).toBe(true)
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const rows = db
      .prepare(
        "SELECT action, result, error_code AS errorCode, params FROM audit WHERE actor_name = 'e2e-operator' ORDER BY id DESC LIMIT 50",
      )
      .all() as { action: string; result: string; errorCode: string | null; params: string }[]
    expect(
      rows.some(
        (r) =>
          r.action === 'deployment.redeploy' && r.result === 'error' && r.errorCode === 'invalid_input' && r.params.includes('deadbee'),
      ),
    ).toBe(true)
    expect(rows.some((r) => r.action === 'database.stop' && r.result === 'ok')).toBe(true)
  } finally {
    db.close()
  }
  await expect.poll(async () => (await world(request)).db.status, LONG).toBe('stopped')
})
