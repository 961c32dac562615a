import { NextRequest } from 'next/server'
import { beforeAll, describe, expect, it, vi } from 'vitest'

const BASE = 'http://127.0.0.1:3000'
let proxy: typeof import('@/proxy').proxy

beforeAll(async () => {
  vi.stubEnv('NODE_ENV', 'production')
  vi.stubEnv('PORTAL_LOG_LEVEL', 'silent')
  vi.resetModules()
  proxy = (await import('@/proxy')).proxy
  return () => vi.unstubAllEnvs()
})

const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(`${BASE}${path}`, { method: init.method ?? 'GET', headers: { host: '127.0.0.1:3000', ...init.headers } })

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

  it('sends a page request without credentials to /signin with the way back', () => {
    const r = proxy(request('/database?x=1'))
    expect(r.status).toBe(307)
    expect(r.headers.get('location')).toBe(`${BASE}/signin?next=%2Fdatabase%3Fx%3D1`)
    expect(proxy(request('/signin')).status).toBe(200)
    expect(proxy(request('/database', { headers: { authorization: 'Bearer x' } })).status).toBe(200)
    expect(proxy(request('/database', { headers: { cookie: 'portal_session=x' } })).status).toBe(200)
  })

  it('refuses a cookie-authenticated cross-origin mutation with 403, lets same-origin and bearer calls through', async () => {
    const cookie = 'portal_session=whatever'
    const evil = proxy(request('/api/database/stop', { method: 'POST', headers: { cookie, origin: 'http://evil.example' } }))
    expect(evil.status).toBe(403)
    expect(await evil.json()).toMatchObject({ error: { code: 'forbidden' } })
    expect(proxy(request('/api/database/stop', { method: 'POST', headers: { cookie } })).status).toBe(403)
    expect(proxy(request('/api/database/stop', { method: 'POST', headers: { cookie, origin: BASE } })).status).toBe(200)
    expect(
      proxy(request('/api/database/stop', { method: 'POST', headers: { authorization: 'Bearer t', origin: 'http://evil.example' } }))
        .status,
    ).toBe(200)
    // No cookie: nothing to forge; the route answers 401 itself.
    expect(proxy(request('/api/database/stop', { method: 'POST' })).status).toBe(200)
  })
})
