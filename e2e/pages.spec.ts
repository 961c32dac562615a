import { portalNav } from '../components/shell/nav-items'

import { e2eEnv } from './env'
import { emulator } from './helpers'
import { expect, test } from './fixtures'
import { collectConsoleErrors, seriousAxeViolations, settle } from './layout'

type ImageState = { digest: string; tags: string[]; findings: Record<string, number> }
type EmulatorState = {
  images: ImageState[]
  service: { imageIdentifier: string }
  db: { instanceClass: string; endpoint: { address: string } }
}

test.beforeAll(async ({ request }) => {
  await emulator.reset(request)
})

test('images: newest first, the deployed one marked, findings on demand', async ({ page, request }) => {
  const state = (await emulator.state(request)) as unknown as EmulatorState
  const newest = state.images[0]!
  const newestSha = newest.tags.find((t) => /^[0-9a-f]{40}$/.test(t))!
  const deployedSha = state.service.imageIdentifier.split(':').pop()!

  await page.goto('/images')
  const table = page.getByRole('region', { name: 'ECR images' }).getByRole('table')
  const rows = table.getByRole('row')
  // Row 0 is the header; row 1 the newest image.
  await expect(rows.nth(1)).toContainText(newestSha.slice(0, 7))
  await expect(rows.nth(1)).toContainText(`${newest.findings.CRITICAL} critical`)
  const deployedRow = rows.filter({ hasText: deployedSha.slice(0, 7) })
  await expect(deployedRow.getByText('deployed', { exact: true })).toBeVisible()

  await page.getByRole('button', { name: `Show findings for ${newestSha.slice(0, 7)}` }).click()
  await expect(
    page
      .getByRole('list', { name: `Findings for ${newest.digest}` })
      .getByRole('listitem')
      .first(),
  ).toBeVisible()
})

test('deployments: configuration with redacted DATABASE_URL and the operations history', async ({ page }) => {
  await page.goto('/deployments')
  const config = page.getByRole('region', { name: 'Service configuration' })
  await expect(config.getByText('3000', { exact: true }).first()).toBeVisible()
  const envTable = config.getByRole('region', { name: 'Environment variables' }).getByRole('table')
  const dbUrl = envTable.getByRole('row', { name: /DATABASE_URL/ })
  // The runbook says "check DATABASE_URL": user, host and port stay readable, the password never.
  await expect(dbUrl).toContainText('postgresql://appfactory:****@appfactory-db.')
  await expect(dbUrl).toContainText('redacted')
  await expect(envTable.getByRole('row', { name: /^PORT/ })).toContainText('3000')
  const ops = page.getByRole('region', { name: 'Operations' })
  await expect(ops.getByText('ROLLBACK_SUCCEEDED').first()).toBeVisible()
  await expect(ops.getByText('Update service').first()).toBeVisible()
})

test('database: RDS details the emulator holds and its events', async ({ page, request }) => {
  const state = (await emulator.state(request)) as unknown as EmulatorState
  await page.goto('/database')
  const instance = page.getByRole('region', { name: 'RDS instance' })
  await expect(instance.getByText(state.db.instanceClass)).toBeVisible()
  await expect(instance.getByText(state.db.endpoint.address, { exact: false })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Recent events' })).toBeVisible()
})

test('one failing service shows its own panel error while the others render', async ({ page, request }) => {
  await emulator.reset(request)
  await emulator.fault(request, { service: 'rds', error: 'AccessDeniedException' })
  try {
    // The portal may still hold a good RDS value from an earlier test: then it shows that value marked
    // stale with the reason; otherwise the panel's error. Either way the panel names the failed call.
    await expect(async () => {
      const r = await page.goto('/')
      expect(r?.status()).toBe(200)
      const database = page.getByRole('region', { name: 'Database' })
      await expect(database).toContainText(/Access denied: the portal may not call rds:DescribeDBInstances/, { timeout: 3000 })
    }).toPass({ timeout: 40_000 })
    const service = page.getByRole('region', { name: 'App Runner service' })
    await expect(service.getByText('RUNNING', { exact: true })).toBeVisible()
    await expect(service.getByRole('alert')).toHaveCount(0)
  } finally {
    await emulator.clearFaults(request)
  }
})

// Every page of the navigation (a page added to it is walked too).
for (const { href } of portalNav) {
  test(`${href}: no console error (hydration included) and no serious or critical axe violations`, async ({ page }) => {
    // axe needs ~45 s for the audit page's 100 table rows on a busy 2-core machine.
    test.setTimeout(120_000)
    const errors = collectConsoleErrors(page)
    await page.goto(href)
    await expect(page.getByRole('main')).toBeVisible()
    // Let streamed panels arrive (and hydrate) before scanning.
    await settle(page)
    expect.soft(await seriousAxeViolations(page)).toEqual([])
    expect(errors, 'console errors').toEqual([])
  })
}

test('the portal has its icons: /favicon.ico and the others answer 200, also before sign-in', async ({ page }) => {
  // Plain fetch: no Playwright context, so no Authorization header (a browser asks before signing in too).
  for (const [path, type] of [
    ['/favicon.ico', /image\/(x-icon|vnd\.microsoft\.icon)/],
    ['/icon.svg', /image\/svg\+xml/],
    ['/apple-touch-icon.png', /image\/png/],
    ['/manifest.json', /json/],
  ] as const) {
    const r = await fetch(`${e2eEnv.baseURL}${path}`, { redirect: 'manual' })
    expect(r.status, path).toBe(200)
    expect(r.headers.get('content-type'), path).toMatch(type)
  }
  await page.goto('/')
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1)
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.json')
})

test.describe('sign-in page at 1440 px', () => {
  test.use({ extraHTTPHeaders: {}, viewport: { width: 1440, height: 900 } })

  test('the demo sign-in buttons sit inside their card', async ({ page }) => {
    await page.goto('/signin')
    const card = await page.locator('main section').boundingBox()
    expect(card).not.toBeNull()
    for (const name of ['Demo: sign in as viewer', 'Demo: sign in as operator']) {
      const box = await page.getByRole('button', { name }).boundingBox()
      expect(box, name).not.toBeNull()
      expect(box!.x, name).toBeGreaterThanOrEqual(card!.x)
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(card!.x + card!.width)
    }
  })
})
