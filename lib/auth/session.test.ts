import { describe, expect, it } from 'vitest'

import { createSession, readFlow, readSession, resolveSessionSecret, safeNextPath, SESSION_TTL_SECONDS, signValue } from './session'

const secret = 'test-secret-0123456789-0123456789-abcdef'
const now = Date.parse('2026-03-01T10:00:00Z')
const data: Parameters<typeof createSession>[0] = {
  kind: 'user',
  provider: 'oidc',
  id: 'ana@example.com',
  name: 'Ana',
  identity: { email: 'ana@example.com', groups: ['ops'] },
}

describe('session cookies', () => {
  it('round-trips a signed session', () => {
    const value = createSession(data, secret, now)
    expect(readSession(value, secret, now + 1000)).toMatchObject({ id: 'ana@example.com', identity: { groups: ['ops'] } })
  })

  it('rejects a tampered payload, a tampered signature and another key', () => {
    const value = createSession(data, secret, now)
    const [body, sig] = value.split('.') as [string, string]
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString().replace('ana@example.com', 'boss@example.com')).toString(
      'base64url',
    )
    expect(readSession(`${forged}.${sig}`, secret, now)).toBeNull()
    expect(readSession(`${body}.${sig.slice(0, -2)}AA`, secret, now)).toBeNull()
    expect(readSession(value, `${secret}x`, now)).toBeNull()
    expect(readSession(`${body}`, secret, now)).toBeNull()
    expect(readSession('', secret, now)).toBeNull()
    expect(readSession(undefined, secret, now)).toBeNull()
  })

  it('expires after the session lifetime', () => {
    const value = createSession(data, secret, now)
    expect(readSession(value, secret, now + (SESSION_TTL_SECONDS - 1) * 1000)).not.toBeNull()
    expect(readSession(value, secret, now + SESSION_TTL_SECONDS * 1000)).toBeNull()
  })

  it('never accepts a sign-in flow value as a session (purpose is signed)', () => {
    const flow = signValue('flow', { ...data, v: 1, iat: now / 1000, exp: now / 1000 + 60 }, secret)
    expect(readSession(flow, secret, now)).toBeNull()
    const realFlow = signValue(
      'flow',
      { provider: 'oidc', state: 's'.repeat(43), codeVerifier: 'v'.repeat(43), next: '/', exp: now / 1000 + 60 },
      secret,
    )
    expect(readFlow(realFlow, secret, now)?.provider).toBe('oidc')
    expect(readFlow(realFlow, secret, now + 61_000)).toBeNull()
  })

  it('rejects a validly signed payload of the wrong shape', () => {
    expect(readSession(signValue('session', { id: 'x' }, secret), secret, now)).toBeNull()
  })
})

describe('resolveSessionSecret', () => {
  it('uses the configured secret, else one random per-process key', () => {
    expect(resolveSessionSecret('configured-secret-0123456789-0123456789')).toEqual({
      secret: 'configured-secret-0123456789-0123456789',
      isNewlyDerived: false,
    })
    const a = resolveSessionSecret(undefined)
    const b = resolveSessionSecret(undefined)
    expect(a.secret).toHaveLength(64)
    expect(b).toEqual({ secret: a.secret, isNewlyDerived: false })
  })
})

describe('safeNextPath', () => {
  it.each([
    ['/images?x=1', '/images?x=1'],
    ['https://evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/auth/signout', '/'],
    [null, '/'],
  ])('%s → %s', (input, expected) => expect(safeNextPath(input)).toBe(expected))
})
