// Sign-in through a real OpenID provider on loopback (oidc-provider), without a browser:
// the provider's dev login form is driven with fetch and a tiny cookie jar.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, freePort, startOidcProvider } from '@/e2e/oidc-provider'

const PORTAL = 'http://127.0.0.1:3999'
let provider: Awaited<ReturnType<typeof startOidcProvider>>
let flow: typeof import('./flow')
let actor: typeof import('./actor')
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-oidc-'))

beforeAll(async () => {
  provider = await startOidcProvider(await freePort(), [`${PORTAL}/auth/oidc/callback`])
  const env = {
    NODE_ENV: 'test',
    PORTAL_LOG_LEVEL: 'silent',
    PORTAL_DATA_DIR: dataDir,
    PORTAL_PUBLIC_URL: PORTAL,
    PORTAL_SESSION_SECRET: 'oidc-test-secret-0123456789-0123456789',
    PORTAL_OIDC_ISSUER: provider.issuer,
    PORTAL_OIDC_CLIENT_ID: OIDC_CLIENT_ID,
    PORTAL_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
    PORTAL_ROLE_ADMINS: 'group:portal-admins',
    PORTAL_ROLE_OPERATORS: 'operator@example.com',
    PORTAL_ROLE_VIEWERS: '@example.com',
  }
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
  vi.resetModules()
  flow = await import('./flow')
  actor = await import('./actor')
})
afterAll(async () => {
  await (await import('@/lib/store/db')).closeStore()
  vi.unstubAllEnvs()
  await provider?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Cookie `name=value` pairs from Set-Cookie headers. */
const setCookies = (r: Response) => r.headers.getSetCookie().map((c) => c.split(';')[0] ?? '')

/** Logs `login` in at the provider, starting from the authorization URL; returns the portal callback URL. */
async function loginAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>()
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const remember = (r: Response) => {
    for (const c of setCookies(r)) {
      const eq = c.indexOf('=')
      jar.set(c.slice(0, eq), c.slice(eq + 1))
    }
  }
  let url = authorizationUrl
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(PORTAL)) return url
    let r = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } })
    remember(r)
    if (r.status === 200) {
      const html = await r.text()
      const prompt = html.match(/name="prompt" value="(\w+)"/)?.[1]
      const action = new URL(html.match(/action="([^"]+)"/)?.[1] ?? '', url).href
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt: prompt ?? 'consent' })
      r = await fetch(action, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
      remember(r)
    }
    const location = r.headers.get('location')
    if (!location) throw new Error(`provider answered ${r.status} without a redirect at ${url}`)
    url = new URL(location, url).href
  }
  throw new Error('too many redirects at the provider')
}

async function signIn(login: string, next = '/database') {
  const start = await flow.startSignIn(
    'oidc',
    new Request(`${PORTAL}/auth/oidc?next=${encodeURIComponent(next)}`, { headers: { host: '127.0.0.1:3999' } }),
  )
  expect(start.status).toBe(303)
  const authorizationUrl = start.headers.get('location') ?? ''
  const flowCookie = setCookies(start).find((c) => c.startsWith('portal_signin=')) ?? ''
  const callbackUrl = await loginAtProvider(authorizationUrl, login)
  const done = await flow.finishSignIn('oidc', new Request(callbackUrl, { headers: { host: '127.0.0.1:3999', cookie: flowCookie } }))
  const session = setCookies(done).find((c) => c.startsWith('portal_session=') && c.length > 'portal_session='.length)
  return { authorizationUrl, callbackUrl, flowCookie, done, session }
}

describe('OIDC sign-in against a real provider', () => {
  it('uses the code flow with PKCE S256, state and nonce', async () => {
    const start = await flow.startSignIn('oidc', new Request(`${PORTAL}/auth/oidc`, { headers: { host: '127.0.0.1:3999' } }))
    const url = new URL(start.headers.get('location') ?? '')
    expect(url.origin).toBe(provider.issuer)
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: OIDC_CLIENT_ID,
      redirect_uri: `${PORTAL}/auth/oidc/callback`,
      code_challenge_method: 'S256',
      scope: 'openid email profile groups',
    })
    expect(url.searchParams.get('state')).toBeTruthy()
    expect(url.searchParams.get('nonce')).toBeTruthy()
    const cookie = start.headers.getSetCookie().find((c) => c.startsWith('portal_signin=')) ?? ''
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=lax/i)
  })

  it('signs an operator in and sends them to where they were going', async () => {
    const { done, session } = await signIn('operator@example.com', '/database')
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe(`${PORTAL}/database`)
    expect(session).toBeTruthy()
    const who = await actor.getActor(new Request(`${PORTAL}/`, { headers: { cookie: session ?? '' } }))
    expect(who).toEqual({ id: 'operator@example.com', name: 'operator', role: 'operator', kind: 'user' })
  })

  it('sign-out ends the session at once: the same cookie is refused afterwards', async () => {
    const { session } = await signIn('operator@example.com')
    const withCookie = (init: RequestInit = {}) =>
      new Request(`${PORTAL}/auth/signout`, { ...init, headers: { host: '127.0.0.1:3999', origin: PORTAL, cookie: session ?? '' } })
    expect((await actor.getActor(withCookie()))?.role).toBe('operator')
    const out = await flow.signOut(withCookie({ method: 'POST' }))
    expect(out.headers.get('location')).toBe(`${PORTAL}/signin?signedOut=1`)
    // A copy of the cookie kept by an attacker (or another tab) is worth nothing now.
    expect(await actor.getActor(withCookie())).toBeNull()
  })

  it('maps the groups claim (admin) and an email domain (viewer)', async () => {
    const admin = await signIn('admin@elsewhere.example')
    expect((await actor.getActor(new Request(PORTAL, { headers: { cookie: admin.session ?? '' } })))?.role).toBe('admin')
    const viewer = await signIn('ana@example.com')
    expect((await actor.getActor(new Request(PORTAL, { headers: { cookie: viewer.session ?? '' } })))?.role).toBe('viewer')
  })

  it('sends an unknown user to /no-access and gives them no role', async () => {
    const { done, session } = await signIn('stranger@elsewhere.example')
    expect(done.headers.get('location')).toBe(`${PORTAL}/no-access`)
    const r = await actor.requireActor('viewer', new Request(PORTAL, { headers: { cookie: session ?? '' } }))
    expect(r.ok ? null : r.error.code).toBe('forbidden')
  })

  it('refuses a callback whose state does not match, or without the flow cookie', async () => {
    const start = await flow.startSignIn('oidc', new Request(`${PORTAL}/auth/oidc`, { headers: { host: '127.0.0.1:3999' } }))
    const callbackUrl = await loginAtProvider(start.headers.get('location') ?? '', 'operator@example.com')
    const flowCookie = setCookies(start).find((c) => c.startsWith('portal_signin=')) ?? ''
    const forged = new URL(callbackUrl)
    forged.searchParams.set('state', 'attacker-chosen-state-value')
    const bad = await flow.finishSignIn('oidc', new Request(forged, { headers: { host: '127.0.0.1:3999', cookie: flowCookie } }))
    expect(bad.headers.get('location')).toBe(`${PORTAL}/signin?error=failed`)
    const noCookie = await flow.finishSignIn('oidc', new Request(callbackUrl, { headers: { host: '127.0.0.1:3999' } }))
    expect(noCookie.headers.get('location')).toBe(`${PORTAL}/signin?error=expired`)
  })
})
