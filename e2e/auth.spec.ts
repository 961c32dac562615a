import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { APIRequestContext, APIResponse, Page } from '@playwright/test'

import { OIDC_CLIENT_SECRET, OIDC_PORT, SESSION_SECRET, users } from './auth-env'
import { e2eEnv } from './env'
import { expect, test } from './fixtures'
import { emulator } from './helpers'
import { startOidcProvider } from './oidc-provider'

// Sign-in journeys: a real OpenID provider on loopback, cookies instead of the default operator token.
test.use({ extraHTTPHeaders: {} })

const base = e2eEnv.baseURL
const evil = 'http://evil.example'
let provider: Awaited<ReturnType<typeof startOidcProvider>> | undefined

/** Every value that must never reach a response body or a log line. */
const secretValues = [
  'AppFactoryDB2026!',
  encodeURIComponent('AppFactoryDB2026!'),
  OIDC_CLIENT_SECRET,
  SESSION_SECRET,
  ...Object.values(e2eEnv.tokens),
]
/** Bodies of every API response this spec received directly (browser responses are scanned by fixtures.ts). */
const bodies: Array<{ url: string; body: string }> = []
async function remember(r: APIResponse): Promise<APIResponse> {
  bodies.push({ url: r.url(), body: await r.text() })
  return r
}

const pages = ['/', '/images', '/deployments', '/database', '/metrics', '/logs', '/troubleshoot', '/audit']
const reads = [
  '/api/overview',
  '/api/images',
  '/api/service',
  '/api/operations',
  '/api/database',
  '/api/metrics?range=1h',
  '/api/alarms',
  '/api/logs?stream=application',
  '/api/checks',
  '/api/audit',
]
const mutations: Array<{ path: string; data?: unknown }> = [
  { path: '/api/deployments', data: { sha: '0123456' } },
  { path: '/api/deployments', data: { redeployCurrent: true } },
  { path: '/api/deployments/rollback', data: {} },
  { path: '/api/database/stop', data: {} },
  { path: '/api/database/start', data: {} },
  { path: '/api/environment/sleep', data: {} },
  { path: '/api/environment/wake', data: {} },
]
const isMutatingCall = (name: string) => /\.(Update|Start|Stop|Pause|Resume|Create|Delete|Put|Modify|Reboot)\w*$/.test(name)

async function mutatingCalls(request: APIRequestContext): Promise<Record<string, number>> {
  const calls = await emulator.calls(request)
  return Object.fromEntries(Object.entries(calls).filter(([name, n]) => isMutatingCall(name) && n > 0))
}

/** Signs in through the provider's login form; returns when the browser is back at the portal. */
async function signIn(page: Page, login: string, startAt = '/') {
  await page.goto(startAt)
  await expect(page).toHaveURL(/\/signin/)
  await page.getByRole('link', { name: `Sign in with 127.0.0.1:${OIDC_PORT}` }).click()
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any-password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await page.waitForURL((url) => url.origin === base)
}

test.beforeAll(async ({ request }) => {
  provider = await startOidcProvider(OIDC_PORT, [`${base}/auth/oidc/callback`])
  await emulator.reset(request)
})

test.afterAll(async () => {
  await provider?.close()
})

test('an unauthenticated page request goes to sign-in, and back after it', async ({ page }) => {
  await page.goto('/database')
  await expect(page).toHaveURL(`${base}/signin?next=%2Fdatabase`)
  await expect(page.getByRole('heading', { name: 'Sign in to AppFactory Portal' })).toBeVisible()
  await page.getByRole('link', { name: `Sign in with 127.0.0.1:${OIDC_PORT}` }).click()
  await page.locator('input[name="login"]').fill(users.viewer)
  await page.locator('input[name="password"]').fill('any-password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  await expect(page).toHaveURL(`${base}/database`)
  const badge = page.getByLabel('Signed-in user')
  await expect(badge).toContainText('viewer')
})

test('an unauthenticated API request gets 401 JSON on every route', async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: {} })
  for (const path of reads) {
    const r = await remember(await anonymous.get(path))
    expect(r.status(), path).toBe(401)
    expect((await r.json()) as unknown, path).toMatchObject({ error: { code: 'unauthenticated' } })
  }
  for (const m of mutations) {
    const r = await remember(await anonymous.post(m.path, { data: m.data }))
    expect(r.status(), m.path).toBe(401)
  }
  const wrong = await remember(await anonymous.get('/api/overview', { headers: { authorization: 'Bearer not-a-real-token-0123456789' } }))
  expect(wrong.status()).toBe(401)
  await anonymous.dispose()
})

test('a viewer gets 403 on every mutation and the emulator sees none', async ({ page, request }) => {
  await signIn(page, users.viewer)
  await emulator.clearCalls(request)
  for (const m of mutations) {
    // Same-origin, so the refusal is the role's, not the CSRF check's.
    const r = await remember(await page.request.post(`${base}${m.path}`, { data: m.data, headers: { origin: base } }))
    expect(r.status(), m.path).toBe(403)
    const body = (await r.json()) as { error: { code: string; message: string } }
    expect(body.error.code, m.path).toBe('forbidden')
    expect(body.error.message, m.path).not.toMatch(/cross-origin/i)
  }
  expect(await mutatingCalls(request)).toEqual({})

  // The UI shows the controls disabled with the reason.
  await page.goto('/database')
  await expect(page.getByText(/Needs the operator role/).first()).toBeVisible()
})

test('an operator acts, and the audit log records who', async ({ page, request }) => {
  await signIn(page, users.operator)
  await expect(page.getByLabel('Signed-in user')).toContainText('operator')
  await emulator.clearCalls(request)
  const r = await remember(await page.request.post(`${base}/api/database/stop`, { data: {}, headers: { origin: base } }))
  expect(r.status()).toBe(202)
  expect((await mutatingCalls(request))['rds.StopDBInstance']).toBe(1)
  const audit = await remember(await request.get(`${base}/api/audit`, { headers: { authorization: `Bearer ${e2eEnv.tokens.admin}` } }))
  expect(await audit.text()).toContain(users.operator)
  await emulator.reset(request)
})

test('a cross-origin POST with a valid session cookie is refused', async ({ page, request }) => {
  await signIn(page, users.operator)
  await emulator.clearCalls(request)
  for (const m of mutations) {
    const r = await remember(await page.request.post(`${base}${m.path}`, { data: m.data, headers: { origin: evil } }))
    expect(r.status(), m.path).toBe(403)
  }
  // A form post from another site to sign-out or demo sign-in is refused as well.
  const demo = await page.request.post(`${base}/auth/demo`, { form: { role: 'operator' }, headers: { origin: evil }, maxRedirects: 0 })
  expect([303, 403]).toContain(demo.status())
  expect(await mutatingCalls(request)).toEqual({})
})

test('an unknown user is signed in but refused everything', async ({ page }) => {
  await signIn(page, users.stranger)
  await expect(page).toHaveURL(`${base}/no-access`)
  await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible()
  await expect(page.getByText(users.stranger)).toBeVisible()
  await page.goto('/')
  await expect(page).toHaveURL(/\/no-access/)
  const r = await remember(await page.request.get(`${base}/api/overview`))
  expect(r.status()).toBe(403)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/signin/)
})

test('demo sign-in works against the loopback emulator, and sign-out ends the session', async ({ page }) => {
  await page.goto('/signin')
  await page.getByRole('button', { name: 'Demo: sign in as viewer' }).click()
  await expect(page).toHaveURL(`${base}/`)
  await expect(page.getByLabel('Signed-in user')).toContainText('Demo viewer')
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/signin/)
  const r = await remember(await page.request.get(`${base}/api/overview`))
  expect(r.status()).toBe(401)
})

test("an admin ends a person's sessions from the audit page; that browser is signed out at once", async ({ page, browser }) => {
  await signIn(page, users.operator)
  await expect(page.getByLabel('Signed-in user')).toContainText('operator')
  const adminContext = await browser.newContext({ baseURL: base, extraHTTPHeaders: {} })
  const admin = await adminContext.newPage()
  await signIn(admin, users.admin)
  await admin.goto('/audit')
  const sessions = admin.getByRole('table', { name: 'Open sessions' })
  const row = sessions
    .getByRole('row')
    .filter({ has: admin.getByTitle(users.operator) })
    .first()
  await row.getByRole('button', { name: /^End all of/ }).click()
  await expect(admin.getByText(/^Ended \d+ sessions? of/)).toBeVisible()
  await expect(sessions.getByTitle(users.operator)).toHaveCount(0)
  // The operator's cookie is still validly signed, but its session is gone: signed out on the next request.
  await page.goto('/database')
  await expect(page).toHaveURL(/\/signin/)
  const r = await remember(await page.request.get(`${base}/api/overview`))
  expect(r.status()).toBe(401)
  // The revocation is in the audit log, by whom.
  const audit = await remember(await admin.request.get(`${base}/api/audit?action=session`))
  expect(await audit.text()).toContain('session.revoke')
  await adminContext.close()
})

test('mutations are rate-limited per identity with a clear 429', async ({ page, request }) => {
  await page.goto('/signin')
  await page.getByRole('button', { name: 'Demo: sign in as operator' }).click()
  await expect(page.getByLabel('Signed-in user')).toContainText('Demo operator')
  await emulator.clearCalls(request)
  let limited: APIResponse | undefined
  // An invalid SHA is refused before any AWS call, but the attempt still counts against the limit.
  for (let i = 0; i < 200 && !limited; i++) {
    const r = await page.request.post(`${base}/api/deployments`, { data: { sha: 'not-a-sha' }, headers: { origin: base } })
    if (r.status() === 429) limited = await remember(r)
    else expect(r.status()).toBe(400)
  }
  expect(limited, 'no 429 after 200 mutations').toBeDefined()
  expect((await limited?.json()) as unknown).toMatchObject({ error: { code: 'rate_limited', hint: expect.stringMatching(/Wait \d+ s/) } })
  // Another identity is not affected.
  const other = await request.post(`${base}/api/deployments`, {
    data: { sha: 'not-a-sha' },
    headers: { authorization: `Bearer ${e2eEnv.tokens.operator}` },
  })
  expect(other.status()).toBe(400)
  expect(await mutatingCalls(request)).toEqual({})
})

test('every page and API answer carries the security headers; scripts carry the nonce', async ({ request }) => {
  const auth = { authorization: `Bearer ${e2eEnv.tokens.viewer}` }
  for (const path of [...pages, '/signin', '/no-access', '/api/overview', '/api/health']) {
    const r = await remember(await request.get(`${base}${path}`, { headers: auth, maxRedirects: 0 }))
    expect(r.status(), path).toBeLessThan(400)
    const h = r.headers()
    const csp = h['content-security-policy'] ?? ''
    expect(csp, path).toContain("frame-ancestors 'none'")
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/)
    expect(csp, path).not.toContain('unsafe-eval')
    expect(h['x-content-type-options'], path).toBe('nosniff')
    expect(h['referrer-policy'], path).toBe('same-origin')
    expect(h['strict-transport-security'], path).toContain('max-age=')
    expect(h['x-request-id'], path).toBeTruthy()
    if (r.status() === 200 && (h['content-type'] ?? '').includes('text/html')) {
      const nonce = csp.match(/'nonce-([^']+)'/)?.[1] ?? ''
      const html = await r.text()
      const scripts = html.match(/<script\b[^>]*>/g) ?? []
      expect(scripts.length, path).toBeGreaterThan(0)
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`)
    }
  }
})

test('leak scan: no secret in any response body of this spec or in the server log', async () => {
  for (const { url, body } of bodies) for (const s of secretValues) expect(body.includes(s), `${url} contains a secret`).toBe(false)
  const log = readFileSync(path.resolve(e2eEnv.portal.PORTAL_LOG_FILE), 'utf8')
  for (const s of secretValues) expect(log.includes(s), 'the server log contains a secret').toBe(false)
  // AWS calls are logged as JSON with the AWS request id, and (inside a request) the portal's request id.
  const awsLines = log.split('\n').filter((l) => l.startsWith('{') && l.includes('"aws"'))
  expect(awsLines.length).toBeGreaterThan(0)
  expect(awsLines.some((l) => l.includes('"requestId":') && l.includes('"awsRequestId":'))).toBe(true)
})
