import { describe, expect, it } from 'vitest'

import { isLoopbackUrl, parseConfig } from '@/lib/config'

describe('isLoopbackUrl', () => {
  it.each([
    ['http://127.0.0.1:4566', true],
    ['http://127.8.9.10', true],
    ['http://localhost:4566', true],
    ['http://LOCALHOST', true],
    ['http://[::1]:4566', true],
    ['https://127.0.0.1', true],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example', false],
    ['http://128.0.0.1', false],
    ['http://127.0.0.256', false],
    ['http://10.0.0.1:4566', false],
    ['http://[::2]', false],
    ['https://rds.eu-central-1.amazonaws.com', false],
    ['ftp://127.0.0.1', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => expect(isLoopbackUrl(url)).toBe(expected))
})

describe('demo sign-in setting', () => {
  it('defaults to on only against a loopback emulator', () => {
    expect(parseConfig({ AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).demoAuth).toBe(true)
    expect(parseConfig({}).demoAuth).toBe(false)
    expect(parseConfig({ AWS_ENDPOINT_URL: 'https://proxy.example.com' }).demoAuth).toBe(false)
  })

  it('can be switched off, but never on against real AWS', () => {
    expect(parseConfig({ AWS_ENDPOINT_URL: 'http://localhost:4566', PORTAL_DEMO_AUTH: 'off' }).demoAuth).toBe(false)
    expect(parseConfig({ PORTAL_DEMO_AUTH: 'on' }).demoAuth).toBe(false)
    expect(parseConfig({ AWS_ENDPOINT_URL: 'http://10.1.2.3:4566', PORTAL_DEMO_AUTH: 'on' }).demoAuth).toBe(false)
  })
})

describe('sign-in configuration', () => {
  const oidc = { PORTAL_OIDC_ISSUER: 'https://accounts.google.com', PORTAL_OIDC_CLIENT_ID: 'id', PORTAL_OIDC_CLIENT_SECRET: 'secret-value' }

  it('requires PORTAL_SESSION_SECRET in production when sign-in is configured', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', ...oidc })).toThrow(/PORTAL_SESSION_SECRET/)
    expect(parseConfig({ NODE_ENV: 'production', ...oidc, PORTAL_SESSION_SECRET: 'x'.repeat(32) }).oidc?.clientId).toBe('id')
    // Tokens-only production and the loopback demo need no session secret.
    expect(parseConfig({ NODE_ENV: 'production', PORTAL_API_TOKENS: 'ci:viewer:abcdefghijklmnop' }).sessionSecret).toBeUndefined()
    expect(parseConfig({ NODE_ENV: 'production', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', ...oidc }).sessionSecret).toBeUndefined()
  })

  it('rejects a short session secret and an issuer without client id', () => {
    expect(() => parseConfig({ PORTAL_SESSION_SECRET: 'short' })).toThrow(/PORTAL_SESSION_SECRET/)
    expect(() => parseConfig({ PORTAL_OIDC_ISSUER: 'https://accounts.google.com' })).toThrow(/PORTAL_OIDC_CLIENT_ID/)
  })
})
