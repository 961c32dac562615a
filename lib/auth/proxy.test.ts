import { NextRequest } from 'next/server'
import { beforeAll, describe, expect, it, vi } from 'vitest'

import { createSessionCookie, newSessionId, signValue } from './session'

const BASE = 'http://127.0.0.1:3000'
const SECRET = 'proxy-test-secret-0123456789-0123456789'
const TOKEN = 'proxy-token-0123456789abcdef'
let proxy: typeof import('@/proxy').proxy

beforeAll(async () => {
  vi.stubEnv('NODE_ENV', 'production')
  vi.stubEnv('PORTAL_LOG_LEVEL', 'silent')
  vi.stubEnv('PORTAL_SESSION_SECRET', SECRET)
  vi.stubEnv('PORTAL_API_TOKENS', `ci:viewer:${TOKEN}`)
  vi.stubEnv('PORTAL_PUBLIC_URL', 'https://portal.example.com')
  vi.resetModules()
  proxy = (await import('@/proxy')).proxy
  return () => vi.unstubAllEnvs()
})

const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(`${BASE}${path}`, { method: init.method ?? 'GET', headers: { host: '127.0.0.1:3000', ...init.headers } })

const now = () => Math.floor(Date.now() / 1000)
const validCookie = () => `portal_session=${createSessionCookie(newSessionId(), SECRET)}`
/** Credentials that must count as none. */
const invalid: Record<string, Record<string, string>> = {
  none: {},
  'forged cookie': { cookie: 'portal_session=x' },
  'cookie signed with another secret': {
    cookie: `portal_session=${createSessionCookie(newSessionId(), 'another-secret-0123456789-0123456789')}`,
  },
  'expired cookie': {
    cookie: `portal_session=${signValue('session', { v: 2, sid: newSessionId(), iat: now() - 90_000, exp: now() - 60 }, SECRET)}`,
  },
  'unknown token': { authorization: 'Bearer not-a-configured-token-0123' },
  'malformed authorization': { authorization: 'Basic dXNlcjpwYXNz' },
}

describe('proxy', () => {
  it('puts CSP with a fresh nonce, the security headers and a request id on every response', () => {
    const a = proxy(request('/api/health'))
    const b = proxy(request('/api/health'))
    const csp = a.headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/'nonce-[^']+'/)
    expect(csp).not.toBe(b.headers.get('content-security-policy'))
    expect(a.headers.get('x-content-type-options')).toBe('nosniff')
    expect(a.headers.get('referrer-policy')).toBe('same-origin')
    expect(a.headers.get('strict-transport-security')).toContain('max-age=')
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it.each(Object.entries(invalid))(
    'treats %s as no credentials: a page redirects to /signin, an API answers 401',
    async (_name, headers) => {
      const page = proxy(request('/database?x=1', { headers }))
      expect(page.status).toBe(307)
      expect(page.headers.get('location')).toBe('https://portal.example.com/signin?next=%2Fdatabase%3Fx%3D1')
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      const api = proxy(request('/api/overview', { headers }))
      expect(api.status).toBe(401)
      expect(await api.json()).toMatchObject({ error: { code: 'unauthenticated' } })
      expect(proxy(request('/api/%6fverview', { headers })).status).toBe(401)
      expect(proxy(request('/database', { method: 'HEAD', headers })).status).toBe(307)
    },
  )

  it('lets verified credentials through: a configured token, a validly signed unexpired cookie', () => {
    expect(proxy(request('/database', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    expect(proxy(request('/api/overview', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    expect(proxy(request('/database', { headers: { cookie: validCookie() } })).status).toBe(200)
  })

  it('serves the public pages and the liveness check without credentials', () => {
    for (const path of ['/signin', '/no-access', '/auth/oidc', '/api/health']) expect(proxy(request(path)).status, path).toBe(200)
  })

  it('refuses a Host that is neither the public host nor loopback (DNS rebinding), but not for the liveness check', async () => {
    const rebound = proxy(request('/', { headers: { host: 'attacker.example:3000', cookie: validCookie() } }))
    expect(rebound.status).toBe(403)
    expect(await rebound.json()).toMatchObject({ error: { code: 'forbidden' } })
    expect(proxy(request('/signin', { headers: { host: 'attacker.example:3000' } })).status).toBe(403)
    // A configured token is not something a rebinding page has: a scraper addressing the replica by name is served.
    expect(proxy(request('/api/prometheus', { headers: { host: 'portal-task:3000', authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    expect(
      proxy(request('/api/prometheus', { headers: { host: 'portal-task:3000', authorization: 'Bearer guessed-0123456789abcdef' } })).status,
    ).toBe(403)
    expect(proxy(request('/api/overview', { headers: { host: 'portal.example.com', authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    expect(proxy(request('/api/health', { headers: { host: '10.0.3.7:3000' } })).status).toBe(200)
  })

  it('refuses a body over 64 KB with 413 before anything reads it', async () => {
    const r = proxy(
      request('/api/deployments', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-length': String(64 * 1024 + 1) },
      }),
    )
    expect(r.status).toBe(413)
    expect(await r.json()).toMatchObject({ error: { code: 'payload_too_large' } })
  })

  it('refuses a cookie-authenticated cross-origin mutation with 403, lets same-origin and bearer calls through', async () => {
    const cookie = validCookie()
    const evil = proxy(request('/api/database/stop', { method: 'POST', headers: { cookie, origin: 'http://evil.example' } }))
    expect(evil.status).toBe(403)
    expect(await evil.json()).toMatchObject({ error: { code: 'forbidden' } })
    expect(proxy(request('/api/database/stop', { method: 'POST', headers: { cookie } })).status).toBe(403)
    expect(proxy(request('/api/database/stop', { method: 'POST', headers: { cookie, origin: 'https://portal.example.com' } })).status).toBe(
      200,
    )
    expect(
      proxy(request('/api/database/stop', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example' } }))
        .status,
    ).toBe(200)
    // No credentials at all: 401 here already.
    expect(proxy(request('/api/database/stop', { method: 'POST' })).status).toBe(401)
  })
})
