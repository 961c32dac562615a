import { createHmac, randomBytes } from 'node:crypto'

import type { APIRequestContext } from '@playwright/test'

import { SESSION_SECRET } from './auth-env'
import { e2eEnv } from './env'
import { expect, test } from './fixtures'
import { bearer, emulator } from './helpers'

/*
 * The unauthenticated crawler: every page and every GET API route, asked in every shape a browser or
 * an attacker can give a request, with every kind of credential that is not valid. No answer may
 * contain a value the portal read from AWS or from its audit log. The values are taken from the
 * emulator's own state (and, for log lines and the audit log, from what an authorised caller sees),
 * so the test fails as soon as any of them leaks.
 */

const base = e2eEnv.baseURL

const pages = [
  '/',
  '/images',
  '/deployments',
  '/timeline',
  '/database',
  '/metrics',
  '/logs',
  '/troubleshoot',
  '/audit',
  '/schedules',
  '/setup',
]

/** The segment tree the App Router sends for a page it shows (`Next-Router-State-Tree`). */
function routerStateTree(page: string): string {
  const leaf = ['__PAGE__', {}]
  const inner = page === '/' ? leaf : [page.slice(1), { children: leaf }]
  return encodeURIComponent(JSON.stringify(['', { children: ['(portal)', { children: inner }] }]))
}

const prefetchHeaders: Record<string, string>[] = [
  { rsc: '1', 'next-router-prefetch': '1' },
  { rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/_tree' },
  { purpose: 'prefetch' },
  { 'sec-purpose': 'prefetch' },
  { 'x-middleware-prefetch': '1' },
]

type Shape = { label: string; method: 'GET' | 'HEAD'; path: string; headers: Record<string, string> }

/** `/database` → `/%64atabase`; `/api/overview` → `/api/%6fverview` (the last segment's first letter). */
function percentEncoded(path: string): string {
  const [pathname = '', query] = path.split('?')
  const cut = pathname.lastIndexOf('/') + 1
  const first = pathname[cut]
  if (!first) return path
  const encoded = `${pathname.slice(0, cut)}%${first.charCodeAt(0).toString(16)}${pathname.slice(cut + 1)}`
  return query === undefined ? encoded : `${encoded}?${query}`
}

function withTrailingSlash(path: string): string {
  const [pathname = '', query] = path.split('?')
  if (pathname === '/') return path
  return query === undefined ? `${pathname}/` : `${pathname}/?${query}`
}

/** Every way of asking for `path`. */
function shapes(path: string, { isPage }: { isPage: boolean }): Shape[] {
  const list: Shape[] = [
    { label: 'plain', method: 'GET', path, headers: {} },
    { label: 'HEAD', method: 'HEAD', path, headers: {} },
    { label: 'trailing slash', method: 'GET', path: withTrailingSlash(path), headers: {} },
    { label: 'percent-encoded', method: 'GET', path: percentEncoded(path), headers: {} },
    ...prefetchHeaders.map((headers) => ({ label: `prefetch ${JSON.stringify(headers)}`, method: 'GET' as const, path, headers })),
  ]
  // A client navigation from each other portal page: the layout is not rendered again for these.
  const from = isPage ? pages.filter((p) => p !== path.split('?')[0]) : ['/']
  for (const other of from)
    list.push({
      label: `flight from ${other}`,
      method: 'GET',
      path,
      headers: { rsc: '1', 'next-router-state-tree': routerStateTree(other) },
    })
  return list
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url')
/** A session cookie value in the portal's format: base64url(JSON).base64url(HMAC-SHA256("session." + body)). */
function signedSession(payload: object, secret: string): string {
  const body = b64url(JSON.stringify(payload))
  return `${body}.${b64url(createHmac('sha256', secret).update(`session.${body}`).digest())}`
}
const nowSeconds = () => Math.floor(Date.now() / 1000)
const sid = () => randomBytes(24).toString('base64url')

/** Credentials that must count as none. */
const invalidCredentials: Array<{ label: string; headers: () => Record<string, string> }> = [
  { label: 'no credentials', headers: () => ({}) },
  { label: 'forged cookie', headers: () => ({ cookie: 'portal_session=x' }) },
  {
    label: 'session signed with another secret',
    headers: () => ({
      cookie: `portal_session=${signedSession({ v: 2, sid: sid(), iat: nowSeconds(), exp: nowSeconds() + 3600 }, 'another-secret-0123456789-0123456789-abcdef')}`,
    }),
  },
  {
    label: 'expired session',
    headers: () => ({
      cookie: `portal_session=${signedSession({ v: 2, sid: sid(), iat: nowSeconds() - 86_400, exp: nowSeconds() - 60 }, SESSION_SECRET)}`,
    }),
  },
  {
    label: 'session unknown to the server',
    headers: () => ({
      cookie: `portal_session=${signedSession({ v: 2, sid: sid(), iat: nowSeconds(), exp: nowSeconds() + 3600 }, SESSION_SECRET)}`,
    }),
  },
  { label: 'unknown token', headers: () => ({ authorization: 'Bearer not-a-real-token-0123456789abcdef' }) },
]

type State = {
  images: Array<{ tags: string[] }>
  service: { id: string; imageIdentifier: string }
  db: { endpoint: { address: string } }
  alarms: Array<{ name: string }>
}

/** Values read from AWS (the emulator's world) and from the audit log that an answer must never hold. */
async function sensitiveValues(request: APIRequestContext): Promise<{ apiRoutes: string[]; values: string[] }> {
  const state = (await emulator.state(request)) as unknown as State
  const shas = state.images.flatMap((i) => i.tags.filter((t) => /^[0-9a-f]{40}$/.test(t)))
  const deployedSha = state.service.imageIdentifier.split(':').pop() ?? ''
  const digest = (await (await request.get(`${base}/api/images`, { headers: bearer('viewer') })).json()) as {
    images: Array<{ digest: string }>
  }
  const firstDigest = digest.images[0]?.digest ?? 'sha256:0'

  // Log lines as an authorised viewer sees them.
  const logs = (await (await request.get(`${base}/api/logs?stream=application&since=24h`, { headers: bearer('viewer') })).json()) as {
    events: Array<{ message: string }>
  }
  const logLines = logs.events
    .map((e) => e.message.trim())
    .filter((m) => m.length >= 24)
    .slice(0, 20)
  expect(logLines.length, 'the emulator holds log lines').toBeGreaterThan(0)

  // An audit entry carrying a value nobody else could know.
  const marker = randomBytes(6).toString('hex')
  const deploy = await request.post(`${base}/api/deployments`, { data: { sha: marker }, headers: bearer('operator') })
  expect(deploy.status()).toBe(400)
  const audit = await request.get(`${base}/api/audit`, { headers: bearer('admin') })
  expect(await audit.text(), 'the audit log holds the marker').toContain(marker)

  // A schedule in EventBridge Scheduler whose reason nobody else could know.
  const scheduleId = randomBytes(6).toString('hex')
  const scheduleReason = `crawler ${scheduleId}`
  const schedule = await request.post(`${base}/api/schedules`, {
    data: {
      action: 'stop-database',
      expression: 'cron(0 3 ? * SUN *)',
      timezone: 'UTC',
      reason: scheduleReason,
      name: `crawler-${scheduleId}`,
    },
    headers: bearer('operator'),
  })
  expect(schedule.status()).toBe(201)
  expect(await (await request.get(`${base}/api/schedules`, { headers: bearer('viewer') })).text()).toContain(scheduleReason)

  const operationId = (
    (await (await request.get(`${base}/api/operations`, { headers: bearer('viewer') })).json()) as {
      operations: Array<{ id: string }>
    }
  ).operations[0]?.id
  const alarm = state.alarms[0]?.name ?? 'x'
  const apiRoutes = [
    '/api/overview',
    '/api/images',
    `/api/images/${encodeURIComponent(firstDigest)}`,
    `/api/images/${encodeURIComponent(firstDigest)}/findings`,
    '/api/service',
    '/api/service/health',
    '/api/operations',
    '/api/database',
    '/api/database/events',
    '/api/metrics?range=1h',
    '/api/alarms',
    `/api/alarms/${encodeURIComponent(alarm)}/history`,
    '/api/logs?stream=application',
    '/api/logs?stream=service&since=24h',
    '/api/checks',
    '/api/checks/rds-available',
    '/api/audit',
    '/api/audit?format=csv',
    '/api/deployments',
    '/api/deployments/ledger',
    `/api/deployments/preview?sha=${deployedSha.slice(0, 12)}`,
    '/api/deployments/rollback',
    `/api/deployments/${operationId ?? 'x'}`,
    '/api/environment/jobs',
    '/api/environment/jobs/x',
    '/api/sessions',
    '/api/timeline?since=24h',
    '/api/schedules',
    '/api/schedules/runs',
    '/api/schedules/runs?days=14',
    '/api/cost',
    '/api/setup',
    '/api/setup/alarms',
    '/api/database/network',
    '/api/prometheus',
  ]
  const values = [
    state.db.endpoint.address,
    state.service.id,
    deployedSha,
    ...shas,
    ...state.alarms.map((a) => a.name),
    ...logLines,
    marker,
    scheduleReason,
    firstDigest,
  ]
  return { apiRoutes, values: [...new Set(values.filter((v) => v.length >= 8))] }
}

type Finding = string

async function crawl(
  ctx: APIRequestContext,
  targets: Array<{ path: string; isPage: boolean }>,
  credentials: Record<string, string>,
  values: readonly string[],
  expectStatus: (isPage: boolean) => number[],
): Promise<{ findings: Finding[]; requests: number }> {
  const findings: Finding[] = []
  const jobs = targets.flatMap((t) => shapes(t.path, t).map((s) => ({ ...s, isPage: t.isPage })))
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]
      if (!job) break
      const r = await ctx.fetch(`${base}${job.path}`, { method: job.method, headers: { ...job.headers, ...credentials }, maxRedirects: 5 })
      const body = job.method === 'HEAD' ? '' : await r.text()
      const where = `${job.method} ${job.path} (${job.label})`
      for (const v of values) if (body.includes(v)) findings.push(`${where} → ${r.status()} contains ${JSON.stringify(v.slice(0, 60))}`)
      // Next answers a Pages-Router middleware prefetch (`x-middleware-prefetch`) with an empty `{}` without running the route.
      const isEmptyPrefetchAnswer = r.status() === 200 && 'x-middleware-prefetch' in job.headers && body.trim() === '{}'
      // `/api/schedules/%72uns` is routed to `/api/schedules/[name]`, which has no GET: 405, nothing read.
      const isMutationOnlyRoute = r.status() === 405 && job.label === 'percent-encoded' && body.length < 2_000
      if (!job.isPage && !isEmptyPrefetchAnswer && !isMutationOnlyRoute && !expectStatus(job.isPage).includes(r.status()))
        findings.push(`${where} → status ${r.status()} for an API read`)
    }
  }
  await Promise.all([worker(), worker(), worker()])
  return { findings, requests: jobs.length }
}

test.describe('unauthenticated crawler', () => {
  // Each request is cheap; there are about two thousand of them.
  test.setTimeout(600_000)
  test.use({ extraHTTPHeaders: {} })

  test('no page or API answer holds AWS data or the audit log without valid credentials', async ({ playwright, request }) => {
    await emulator.reset(request)
    const { apiRoutes, values } = await sensitiveValues(request)
    const targets = [...pages.map((path) => ({ path, isPage: true })), ...apiRoutes.map((path) => ({ path, isPage: false }))]
    // The authorised reads above may have started a background refresh (CloudTrail's lookups are
    // refreshed after their TTL, off the request path): the count starts once the emulator is quiet.
    await expect
      .poll(
        async () => {
          const before = JSON.stringify(await emulator.calls(request))
          await new Promise((resolve) => setTimeout(resolve, 500))
          return before === JSON.stringify(await emulator.calls(request))
        },
        { timeout: 15_000 },
      )
      .toBe(true)
    await emulator.clearCalls(request)
    const findings: Finding[] = []
    let requests = 0
    for (const credential of invalidCredentials) {
      const ctx = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: {} })
      // 404: a percent-encoded or trailing-slash path Next does not route; 401 for everything else.
      const r = await crawl(ctx, targets, credential.headers(), values, () => [401, 404])
      findings.push(...r.findings.map((f) => `[${credential.label}] ${f}`))
      requests += r.requests
      await ctx.dispose()
    }
    expect(requests).toBeGreaterThan(1000)
    expect(findings).toEqual([])
    // Not one AWS call on behalf of all those requests: every read was refused before it was made.
    const calls = Object.entries(await emulator.calls(request)).filter(([, n]) => n > 0)
    expect(calls).toEqual([])
  })

  test('a viewer gets no admin data: the audit export is refused in every shape', async ({ playwright, request }) => {
    const { values } = await sensitiveValues(request)
    const ctx = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: {} })
    const adminData = ['/api/audit?format=csv', '/api/sessions'].map((path) => ({ path, isPage: false }))
    const r = await crawl(ctx, adminData, bearer('viewer'), values, () => [403, 404])
    await ctx.dispose()
    expect(r.findings).toEqual([])
  })
})
