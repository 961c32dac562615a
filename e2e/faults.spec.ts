import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { expect, type Locator, type Page, test } from '@playwright/test'

import { e2eEnv } from './env'
import { emulator } from './helpers'

/**
 * Fault suite: for every AWS service the portal reads (App Runner, ECR, RDS, CloudWatch, CloudWatch
 * Logs and STS on the dashboard; IAM and EC2 in the troubleshooting checks), the emulator injects a ThrottlingException,
 * a 500, an answer slower than the portal's timeout (PORTAL_AWS_TIMEOUT_MS=2000 in e2e) and a
 * malformed body. Every page still answers 200, the affected panel says what failed, the other
 * panels render, and once the fault is lifted the panel recovers without a restart.
 *
 * The portal's read cache keeps the last good value of a resource and serves it marked "stale" when
 * a refresh fails (docs/style.md). A panel can only show the error itself when the portal has never
 * read that resource successfully; otherwise the honest answer is the old data with a "stale"
 * badge. The services are visited in an order that keeps first reads under the fault when this
 * spec runs on a fresh portal (App Runner first: most pages also read the service); when earlier
 * specs warmed the cache, "stale" is accepted in place of the error.
 */

type Kind = { name: string; fault: Record<string, unknown>; says: RegExp }

const kinds: Kind[] = [
  { name: 'ThrottlingException', fault: { error: 'ThrottlingException' }, says: /throttl/i },
  { name: 'InternalFailure (500)', fault: { error: 'InternalFailure', status: 500 }, says: /HTTP 500|InternalFailure/ },
  // Above the portal's 2 s timeout; the SDK's retries make the panel take ~7 s to give up.
  { name: 'slower than the timeout', fault: { latencyMs: 2500 }, says: /in time|timed? ?out|aws_timeout/i },
  { name: 'malformed body', fault: { malformed: true }, says: /could not read|unexpected answer|malformed|deserializ/i },
]

type Target = {
  /** Emulator signing name. */
  service: string
  /** Prefix of the IAM action the error message names ("<prefix>:<Operation> on …"). */
  action: string
  /** The page that shows the service, and the panel on it that reads the service. */
  page: (kind: string) => string
  panel: string
  /** Panel on the overview that reads the service, and panels there that must be unaffected. */
  overview?: { panel: string; others: string[] }
}

const unique = () => Math.random().toString(36).slice(2, 10)

// Order matters (see above): App Runner first, Logs use a fresh filter per visit (a fresh cache key).
const targets: Target[] = [
  {
    service: 'apprunner',
    action: 'apprunner:',
    page: () => '/deployments',
    panel: 'Service configuration',
    overview: { panel: 'App Runner service', others: ['Database', 'Alarms'] },
  },
  {
    service: 'ecr',
    action: 'ecr:',
    page: () => '/images',
    panel: 'ECR images',
    overview: { panel: 'Images', others: ['Database', 'App Runner service'] },
  },
  {
    service: 'rds',
    action: 'rds:',
    page: () => '/database',
    panel: 'RDS instance',
    overview: { panel: 'Database', others: ['App Runner service', 'Images'] },
  },
  {
    service: 'monitoring',
    action: 'cloudwatch:',
    page: () => '/metrics',
    panel: 'Alarms',
    overview: { panel: 'Alarms', others: ['Database', 'App Runner service'] },
  },
  { service: 'logs', action: 'logs:', page: (kind) => `/logs?filter=faultprobe${kind.replace(/\W/g, '')}${unique()}`, panel: 'Log events' },
]

const panel = (page: Page, title: string): Locator => page.getByRole('region', { name: title, exact: true })
const staleBadge = (p: Locator) => p.getByText('stale', { exact: true })

/** Loads a page and checks that it answers 200 (streamed panels fail inside the page, never the page). */
async function open(page: Page, url: string) {
  const response = await page.goto(url)
  expect(response?.status(), `GET ${url}`).toBe(200)
}

/**
 * The panel shows the failure: an alert naming the AWS action and what went wrong, or (when the
 * portal read the resource successfully before) the last good data marked stale.
 */
async function expectFailureShown(p: Locator, t: Target, kind: Kind) {
  // Short timeouts: these run inside toPass, which reloads until the portal's cached answer (a good
  // value within its TTL, or the previous fault's error within its 2 s) has given way to this fault.
  const alert = p.getByRole('alert').first()
  await expect(alert.or(staleBadge(p)).first()).toBeVisible({ timeout: 5_000 })
  if (await staleBadge(p).isVisible()) return
  await expect(alert).toContainText(kind.says, { timeout: 1_000 })
  await expect(alert).toContainText(t.action, { timeout: 1_000 })
  // An expected AWS failure is an AppError in the panel, never the boundary's "unexpected error".
  await expect(alert).not.toContainText('could not be shown', { timeout: 1_000 })
}

/** The panel shows data: the "as of" line, no error, no stale badge. */
async function expectRendered(p: Locator) {
  await expect(p.getByText(/as of/i).first()).toBeVisible({ timeout: 5_000 })
  await expect(p.getByRole('alert')).toHaveCount(0, { timeout: 1_000 })
  await expect(staleBadge(p)).toHaveCount(0, { timeout: 1_000 })
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ request }) => {
  await emulator.reset(request)
})

test.afterEach(async ({ request }) => {
  await emulator.clearFaults(request)
})

for (const t of targets) {
  test(`${t.service}: each fault is shown in its panel, and the panel recovers once it is lifted`, async ({ page, request }) => {
    test.setTimeout(90_000)
    let url = t.page('initial')
    for (const kind of kinds) {
      await emulator.clearFaults(request)
      await emulator.fault(request, { service: t.service, ...kind.fault })
      url = t.page(kind.name)
      // A failure is cached for up to 2 s, so the previous kind's error may still be served: reload until this one shows.
      await expect(async () => {
        await open(page, url)
        await expectFailureShown(panel(page, t.panel), t, kind)
      }, `${t.service} ${kind.name}`).toPass({ timeout: 40_000, intervals: [500, 1000, 2000] })
    }

    await emulator.clearFaults(request)
    // Recovery without a restart: Retry in the panel (or a reload when it showed stale data).
    await expect(async () => {
      const p = panel(page, t.panel)
      const retry = p.getByRole('button', { name: 'Retry' })
      if (await retry.isVisible()) await retry.click()
      else await page.reload()
      await expectRendered(p)
    }, `${t.service} recovers`).toPass({ timeout: 30_000, intervals: [1000, 2000, 3000] })
  })
}

/**
 * Services only the troubleshooting checks read (IAM for the role's policies, EC2 for the security
 * groups): under each fault, the check that reads the service reaches no verdict — status Error,
 * naming the AWS action and what went wrong — while the other checks still answer; once the fault
 * is lifted, the next run passes. Checks read AWS at most 5 s old, so every run sees the fault.
 */
const checkTargets = [
  { service: 'iam', action: 'iam:', check: 'ecr-push-permission' },
  { service: 'ec2', action: 'ec2:', check: 'apprunner-rds-connectivity' },
]

for (const t of checkTargets) {
  test(`${t.service}: each fault turns the check that reads it into an error that says what failed, and it recovers`, async ({
    page,
    request,
  }) => {
    test.setTimeout(240_000)
    await open(page, '/troubleshoot')
    const results = page.getByRole('list', { name: 'Check results' })
    const item = results.getByRole('listitem').filter({ hasText: t.check })
    const unaffected = results.getByRole('listitem').filter({ hasText: 'rds-available' })
    const runAll = page.getByRole('button', { name: 'Run all' })
    for (const kind of kinds) {
      await emulator.clearFaults(request)
      await emulator.fault(request, { service: t.service, ...kind.fault })
      await expect(async () => {
        await runAll.click()
        // Every check answers (the slow kind takes the SDK's three attempts of 2 s each).
        await expect(results.getByText('Running', { exact: true })).toHaveCount(0, { timeout: 30_000 })
        // The status badge comes first; the evidence table also has an "Error" row.
        await expect(item.getByText('Error', { exact: true }).first()).toBeVisible({ timeout: 1_000 })
        await expect(item).toContainText(kind.says, { timeout: 1_000 })
        await expect(item).toContainText(t.action, { timeout: 1_000 })
      }, `${t.check} under ${t.service} ${kind.name}`).toPass({ timeout: 90_000, intervals: [1000, 2000] })
      await expect(unaffected.getByText('Pass', { exact: true })).toBeVisible()
    }
    await emulator.clearFaults(request)
    await expect(async () => {
      await runAll.click()
      await expect(results.getByText('Running', { exact: true })).toHaveCount(0, { timeout: 30_000 })
      await expect(item.getByText('Pass', { exact: true })).toBeVisible({ timeout: 1_000 })
    }, `${t.check} recovers`).toPass({ timeout: 30_000, intervals: [1000, 2000] })
  })
}

test('sts: the Environment panel says when STS cannot be read, the rest of the overview renders, and it recovers', async ({
  page,
  request,
}) => {
  test.setTimeout(150_000)
  const environment = () => panel(page, 'Environment')
  // What a hard reload (Ctrl-Shift-R) sends: the page reads AWS afresh instead of STS's 60 s cache.
  await page.setExtraHTTPHeaders({ 'cache-control': 'no-cache', pragma: 'no-cache' })
  // One good read first, so every fault below must show as the old identity marked stale, with the reason.
  await emulator.clearFaults(request)
  await expect(async () => {
    await open(page, '/')
    await expectRendered(environment())
  }).toPass({ timeout: 20_000 })
  for (const kind of kinds) {
    await emulator.clearFaults(request)
    await emulator.fault(request, { service: 'sts', ...kind.fault })
    await expect(async () => {
      await open(page, '/')
      const p = environment()
      await expect(staleBadge(p)).toBeVisible({ timeout: 5_000 })
      await expect(p).toContainText(kind.says, { timeout: 1_000 })
      await expect(p).toContainText('sts:GetCallerIdentity', { timeout: 1_000 })
      await expectRendered(panel(page, 'Database'))
    }, `Environment under sts ${kind.name}`).toPass({ timeout: 45_000, intervals: [1000, 2000] })
  }
  await emulator.clearFaults(request)
  await expect(async () => {
    await open(page, '/')
    await expectRendered(environment())
  }, 'Environment recovers').toPass({ timeout: 30_000, intervals: [1000, 2000, 3000] })
})

test('overview: a failing service degrades only its own panel', async ({ page, request }) => {
  test.setTimeout(150_000)
  for (const t of targets) {
    if (!t.overview) continue
    const { panel: affected, others } = t.overview
    await emulator.clearFaults(request)
    await emulator.fault(request, { service: t.service, malformed: true })
    await expect(async () => {
      await open(page, '/')
      await expectFailureShown(panel(page, affected), t, kinds[3]!)
      for (const other of others) await expectRendered(panel(page, other))
      // Up to the resource's TTL (≤ 15 s for these panels) passes before the portal asks AWS again.
    }, `overview with ${t.service} failing`).toPass({ timeout: 45_000, intervals: [1000, 2000] })
  }
  await emulator.clearFaults(request)
  await expect(async () => {
    await page.reload()
    for (const t of targets) if (t.overview) await expectRendered(panel(page, t.overview.panel))
  }, 'overview recovers').toPass({ timeout: 30_000, intervals: [1000, 2000, 3000] })
})

test('no unhandled rejection reached the server log', () => {
  const file = path.resolve(e2eEnv.portal.PORTAL_LOG_FILE)
  expect(existsSync(file), `the portal log ${file} exists`).toBe(true)
  const bad = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /unhandledRejection|Unhandled|uncaughtException/i.test(line))
  expect(bad, 'unhandled errors in the portal log').toEqual([])
})
