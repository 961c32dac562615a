import { describe, expect, it } from 'vitest'

import { contentSecurityPolicy, createNonce, isPublicPath, requestIdFrom, securityHeaders } from './headers'

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
    ['/api/images', true],
    ['/favicon.ico', true],
    ['/', false],
    ['/database', false],
    ['/signinx', false],
  ])('%s → %s', (path, expected) => expect(isPublicPath(path)).toBe(expected))
})
