import { describe, expect, it } from 'vitest'

import { contentSecurityPolicy, createNonce, isAllowedHost, isApiPath, isPublicPath, requestIdFrom, securityHeaders } from './headers'

describe('contentSecurityPolicy', () => {
  it('allows scripts only with the nonce, forbids framing, no eval in production', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', isDev: false, isHttps: true })
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain('upgrade-insecure-requests')
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  })

  it('adds eval only in development and no upgrade over http', () => {
    const csp = contentSecurityPolicy({ nonce: 'n', isDev: true, isHttps: false })
    expect(csp).toContain("'unsafe-eval'")
    expect(csp).not.toContain('upgrade-insecure-requests')
  })
})

describe('securityHeaders', () => {
  it('sets nosniff, referrer policy and HSTS only in production', () => {
    expect(securityHeaders({ isProduction: true })).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
      'Strict-Transport-Security': expect.stringContaining('max-age='),
    })
    expect(securityHeaders({ isProduction: false })).not.toHaveProperty('Strict-Transport-Security')
  })
})

describe('nonces and request ids', () => {
  it('makes a fresh nonce each time and keeps only well-formed request ids', () => {
    expect(createNonce()).not.toBe(createNonce())
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/)
    expect(requestIdFrom('abc-123-def-456')).toBe('abc-123-def-456')
    expect(requestIdFrom('bad id\n')).toMatch(/^[0-9a-f-]{36}$/)
    expect(requestIdFrom(null)).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('isPublicPath', () => {
  it.each([
    ['/signin', true],
    ['/no-access', true],
    ['/auth/oidc/callback', true],
    ['/api/health', true],
    ['/favicon.ico', true],
    ['/_next/static/chunks/a.js', true],
    ['/', false],
    ['/database', false],
    ['/signinx', false],
    // API routes answer only with credentials now (the proxy says 401), whatever they look like.
    ['/api/images', false],
    ['/api/deployments/x.json', false],
    ['/api/health/', false],
    ['/%61pi/overview', false],
    // Public only when public both as sent and decoded.
    ['/%73ignin', false],
    ['/database%2ecss', false],
  ])('%s → %s', (path, expected) => expect(isPublicPath(path)).toBe(expected))

  it('knows an API path however it is spelled', () => {
    expect(isApiPath('/api/overview')).toBe(true)
    expect(isApiPath('/%61pi/overview')).toBe(true)
    expect(isApiPath('/API/overview')).toBe(true)
    expect(isApiPath('/database')).toBe(false)
  })
})

describe('isAllowedHost (DNS rebinding)', () => {
  it.each([
    ['127.0.0.1:3000', undefined, true],
    ['localhost:3000', undefined, true],
    ['[::1]:3000', undefined, true],
    ['127.1.2.3', undefined, true],
    ['portal.example.com', 'https://portal.example.com', true],
    ['PORTAL.example.com', 'https://portal.example.com', true],
    ['portal.example.com:8443', 'https://portal.example.com:8443', true],
    ['evil.example', 'https://portal.example.com', false],
    ['evil.example', undefined, false],
    ['portal.example.com.evil.example', 'https://portal.example.com', false],
    ['127.0.0.1.evil.example', undefined, false],
    ['localhost.evil.example:3000', undefined, false],
    ['192.168.1.10:3000', undefined, false],
    [null, undefined, false],
  ])('Host %s with public URL %s → %s', (host, publicUrl, expected) => expect(isAllowedHost(host, publicUrl)).toBe(expected))
})
