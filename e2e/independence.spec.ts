import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../lib/test/postgres'
import { e2eEnv } from './env'
import { expect, test } from './fixtures'
import { bearer, emulator } from './helpers'
import { type PortalProcess, startPortalProcess } from './portal-process'

/**
 * App Runner failing from the portal's first second: the endpoint answers every App Runner call with
 * an HTML page and HTTP 500 (what a proxy or another emulator does) before the portal starts, so it
 * never learns the service's identity. Panels that do not need App Runner still show their data — RDS
 * metrics and the network path's database side on /database, log lines on /logs (the log groups found
 * by name), the deployment ledger on /deployments — and the App Runner panels say what answered.
 */

let dataDir = ''
let portal: PortalProcess | undefined

test.describe.configure({ mode: 'serial' })

const portalEnv = () => ({
  ...e2eEnv.portal,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  PORTAL_DATA_DIR: dataDir,
  PORTAL_LOG_FILE: path.join(dataDir, 'portal.log'),
  PORTAL_AWS_MAX_ATTEMPTS: '1',
  // A busy machine must not turn the healthy portal's first reads into timeouts.
  PORTAL_AWS_TIMEOUT_MS: '15000',
})
const standalone = () => path.resolve('.next', 'standalone')

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000)
  await emulator.clearFaults(request)
  await emulator.reset(request)
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-independence-'))
  // A portal deployment first, so the ledger holds one; then the portal stops and App Runner fails.
  const first = await startPortalProcess(standalone(), await freePort(), portalEnv())
  try {
    // A freshly started server loads its routes on first use: warm it with a read before the write.
    await expect(async () => {
      expect((await request.get(`${first.url}/api/service`, { headers: bearer('viewer') })).status()).toBe(200)
    }).toPass({ timeout: 60_000 })
    const r = await request.post(`${first.url}/api/deployments`, { data: { redeployCurrent: true }, headers: bearer('operator') })
    expect(r.status(), await r.text()).toBe(202)
  } finally {
    await first.stop()
  }
  await emulator.fault(request, { service: 'apprunner', html: true })
  portal = await startPortalProcess(standalone(), await freePort(), portalEnv())
})

test.afterAll(async ({ request }) => {
  await portal?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  await emulator.clearFaults(request)
  await emulator.reset(request)
})

const url = (p: string) => {
  if (!portal) throw new Error('the portal did not start')
  return `${portal.url}${p}`
}

test('/database shows the RDS metrics and the database side of the network path; the service side says what answered', async ({ page }) => {
  await page.goto(url('/database'))
  const lastHour = page.getByRole('region', { name: 'Last hour' })
  await expect(lastHour.locator('[data-series="rds.cpu"]').getByRole('img', { name: /^Database CPU: latest / })).toBeVisible()
  await expect(lastHour.locator('[data-series="rds.connections"]').getByRole('img', { name: /^Connections: latest / })).toBeVisible()
  await expect(lastHour.getByRole('alert')).toHaveCount(0)
  const network = page.getByRole('region', { name: 'Network path' })
  await expect(network.getByText('appfactory-db', { exact: false }).first()).toBeVisible()
  await expect(network.getByText('unknown', { exact: true }).first()).toBeVisible()
  await expect(network.getByText(/HTTP 500/).first()).toBeVisible()
})

test('/metrics shows the RDS charts with data; the App Runner charts say what answered', async ({ page }) => {
  await page.goto(url('/metrics'))
  const rdsCpu = page.locator('figure[data-series="rds.cpu"]')
  await expect(rdsCpu.getByRole('img', { name: /^Database CPU: latest / })).toBeVisible()
  await expect(rdsCpu.getByRole('alert')).toHaveCount(0)
  await expect(page.getByText(/HTTP 500/).first()).toBeVisible()
})

test('/logs shows log lines, its log groups found by name', async ({ page }) => {
  await page.goto(url('/logs'))
  const lines = page.getByRole('list', { name: /log events, newest first/ })
  await expect(lines.getByRole('listitem').first()).toBeVisible()
})

test('/deployments shows the ledger marked as such, and the App Runner panels name the HTML answer and its status', async ({
  page,
  request,
}) => {
  const r = await request.get(url('/api/deployments'), { headers: bearer('viewer') })
  expect(r.status()).toBe(200)
  const body = (await r.json()) as { deployments: { startedByPortal: boolean; listedByRuntime: boolean }[]; missing: { source: string }[] }
  expect(body.missing.map((m) => m.source)).toEqual(['runtime'])
  expect(body.deployments.some((d) => d.startedByPortal && !d.listedByRuntime)).toBe(true)

  await page.goto(url('/deployments'))
  const history = page.getByRole('region', { name: 'Deployment history' })
  await expect(history.getByText(/App Runner could not be read/)).toBeVisible()
  await expect(
    history.getByRole('table', { name: 'Deployment history' }).getByRole('row').filter({ hasText: 'e2e-operator' }).first(),
  ).toContainText("not in App Runner's answer")
  const config = page.getByRole('region', { name: 'Service configuration' })
  await expect(config.getByText(/HTTP 500/).first()).toBeVisible()
  await expect(config.getByText(/not an AWS API answer/).first()).toBeVisible()
})

test('the overview never turns the unknown deployed image into an absent one or a lower bound', async ({ page }) => {
  await page.goto(url('/'))
  const images = page.getByRole('region', { name: 'Images' })
  await expect(images.getByText(/Which image is deployed is unknown: the service could not be read/)).toBeVisible()
  await expect(images.getByText(/not in the repository/)).toHaveCount(0)
  await expect(images.getByTestId('newer-images-count')).toHaveCount(0)
  // The last operations come from the ledger, marked; the App Runner panel names the answer.
  await expect(page.getByRole('region', { name: 'Last operations' }).getByText(/App Runner could not be read/)).toBeVisible()
  await expect(
    page
      .getByRole('region', { name: 'App Runner service' })
      .getByText(/HTTP 500/)
      .first(),
  ).toBeVisible()
})
