import { describe, expect, it } from 'vitest'

import {
  createSessionCookie,
  newSessionId,
  readFlow,
  readSessionCookie,
  resolveSessionSecret,
  safeNextPath,
  SESSION_TTL_SECONDS,
  signValue,
} from './session'

const secret = 'test-secret-0123456789-0123456789-abcdef'
const now = Date.parse('2026-03-01T10:00:00Z')
const sid = newSessionId()

describe('session cookies', () => {
  it('carry only the signed id of a server-side session', () => {
    const value = createSessionCookie(sid, secret, now)
    expect(readSessionCookie(value, secret, now + 1000)).toEqual({ v: 2, sid, iat: now / 1000, exp: now / 1000 + SESSION_TTL_SECONDS })
    expect(Buffer.from(value.split('.')[0] ?? '', 'base64url').toString()).not.toMatch(/email|identity|role/)
  })

  it('rejects a tampered payload, a tampered signature and another key', () => {
    const value = createSessionCookie(sid, secret, now)
    const [body, sig] = value.split('.') as [string, string]
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString().replace(sid, newSessionId())).toString('base64url')
    expect(readSessionCookie(`${forged}.${sig}`, secret, now)).toBeNull()
    // The first character carries only signature data (the last one's padding bits may not), so a change there always tampers.
    const tampered = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`
    expect(readSessionCookie(`${body}.${tampered}`, secret, now)).toBeNull()
    expect(readSessionCookie(value, `${secret}x`, now)).toBeNull()
    expect(readSessionCookie(`${body}`, secret, now)).toBeNull()
    expect(readSessionCookie('', secret, now)).toBeNull()
    expect(readSessionCookie(undefined, secret, now)).toBeNull()
  })

  it('expires after the session lifetime', () => {
    const value = createSessionCookie(sid, secret, now)
    expect(readSessionCookie(value, secret, now + (SESSION_TTL_SECONDS - 1) * 1000)).not.toBeNull()
    expect(readSessionCookie(value, secret, now + SESSION_TTL_SECONDS * 1000)).toBeNull()
  })

  it('never accepts a sign-in flow value as a session (purpose is signed)', () => {
    const flow = signValue('flow', { v: 2, sid, iat: now / 1000, exp: now / 1000 + 60 }, secret)
    expect(readSessionCookie(flow, secret, now)).toBeNull()
    const realFlow = signValue(
      'flow',
      { provider: 'oidc', state: 's'.repeat(43), codeVerifier: 'v'.repeat(43), next: '/', exp: now / 1000 + 60 },
      secret,
    )
    expect(readFlow(realFlow, secret, now)?.provider).toBe('oidc')
    expect(readFlow(realFlow, secret, now + 61_000)).toBeNull()
  })

  it('rejects a validly signed payload of the wrong shape, and the older self-contained format', () => {
    expect(readSessionCookie(signValue('session', { id: 'x' }, secret), secret, now)).toBeNull()
    const v1 = { v: 1, kind: 'user', provider: 'oidc', id: 'a@example.com', name: 'A', identity: {}, iat: now / 1000, exp: now / 1000 + 60 }
    expect(readSessionCookie(signValue('session', v1, secret), secret, now)).toBeNull()
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

describe('safeNextPath: a sign-in only ever sends people to a page of the portal', () => {
  const origin = 'https://portal.example.com'
  it.each([
    ['/images?x=1', '/images?x=1'],
    ['/logs?filter=a%20b#top', '/logs?filter=a%20b#top'],
    ['/', '/'],
    ['https://evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['\\\\evil.example', '/'],
    ['/\t/evil.example', '/'],
    ['/%09/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\n/evil.example', '/'],
    ['/%0d%0a/evil.example', '/'],
    ['/ /evil.example', '/'],
    ['/%20/evil.example', '/'],
    ['/\u00a0/evil.example', '/'],
    ['/\u2028/evil.example', '/'],
    ['/%5cevil.example', '/'],
    ['/\u0000/evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/auth/signout', '/'],
    ['/signin?next=/x', '/'],
    ['/api/overview', '/'],
    ['', '/'],
    [null, '/'],
    [undefined, '/'],
  ])('%j → %s', (input, expected) => {
    expect(safeNextPath(input, origin)).toBe(expected)
    expect(safeNextPath(input)).toBe(expected)
  })

  it('whatever it returns resolves to the portal itself', () => {
    for (const next of ['/a', '/./b', '/%2e%2e/c', '/..//evil.example', '/images/../database']) {
      const out = safeNextPath(next, origin)
      expect(new URL(out, origin).origin, next).toBe(origin)
      expect(out.startsWith('//'), next).toBe(false)
    }
  })
})
