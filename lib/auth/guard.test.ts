import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const SECRET = 'guard-test-secret-0123456789-0123456789'
const ORIGIN = 'http://127.0.0.1:3000'
// Its own store: the sessions and rate-limit buckets must not carry over from an earlier run.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-guard-'))
const env = {
  NODE_ENV: 'test',
  PORTAL_DATA_DIR: dataDir,
  PORTAL_SESSION_SECRET: SECRET,
  PORTAL_API_TOKENS: 'ci:operator:op-token-0123456789abcdef,smoke:viewer:view-token-0123456789abcdef',
  PORTAL_ROLE_OPERATORS: 'op@example.com',
  PORTAL_ROLE_VIEWERS: '@example.com',
  PORTAL_RATE_LIMIT_PER_MINUTE: '3',
  PORTAL_LOG_LEVEL: 'silent',
}

type Mod = {
  actor: typeof import('./actor')
  guard: typeof import('./guard')
  session: typeof import('./session')
  store: typeof import('./session-store')
}
let m: Mod

beforeAll(async () => {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
  vi.resetModules()
  m = {
    actor: await import('./actor'),
    guard: await import('./guard'),
    session: await import('./session'),
    store: await import('./session-store'),
  }
})
afterAll(async () => {
  await (await import('@/lib/store/db')).closeStore()
  vi.unstubAllEnvs()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** A signed-in person's cookie: a server-side session plus the signed cookie that names it. */
async function cookieFor(email: string): Promise<string> {
  const id = m.session.newSessionId()
  const now = new Date()
  await m.store.createSession({
    id,
    kind: 'user',
    provider: 'oidc',
    userId: email,
    name: email,
    identity: { email },
    role: null,
    providerToken: null,
    now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  })
  return `portal_session=${m.session.createSessionCookie(id, SECRET)}`
}

const req = (headers: Record<string, string>, method = 'POST') =>
  new Request(`${ORIGIN}/api/database/stop`, { method, headers: { host: '127.0.0.1:3000', ...headers } })

describe('getActor / requireActor', () => {
  it('accepts configured bearer tokens with their role, refuses others', async () => {
    expect(await m.actor.getActor(req({ authorization: 'Bearer op-token-0123456789abcdef' }))).toEqual({
      id: 'token:ci',
      name: 'ci',
      role: 'operator',
      kind: 'token',
    })
    expect(await m.actor.getActor(req({ authorization: 'Bearer wrong-token-0123456789' }))).toBeNull()
    const r = await m.actor.requireActor('viewer', req({}))
    expect(r.ok ? null : r.error.code).toBe('unauthenticated')
  })

  it('maps a session to the role from configuration; an unknown user is forbidden, not unauthenticated', async () => {
    expect((await m.actor.getActor(req({ cookie: await cookieFor('op@example.com') })))?.role).toBe('operator')
    expect((await m.actor.getActor(req({ cookie: await cookieFor('ana@example.com') })))?.role).toBe('viewer')
    const stranger = await m.actor.requireActor('viewer', req({ cookie: await cookieFor('x@elsewhere.example') }))
    expect(stranger.ok ? null : stranger.error.code).toBe('forbidden')
  })

  it('rejects a tampered cookie and judges a request with Authorization by the header alone', async () => {
    // Change the signature's first character: its last one carries two padding bits that base64url
    // decoding ignores, so changing that one (A↔B) can leave the signature valid.
    const tampered = (await cookieFor('ana@example.com')).replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`)
    expect(await m.actor.getActor(req({ cookie: tampered }))).toBeNull()
    expect(
      await m.actor.getActor(req({ cookie: await cookieFor('op@example.com'), authorization: 'Bearer nope-0123456789abcdef' })),
    ).toBeNull()
  })
})

describe('guardMutation', () => {
  const code = (r: Awaited<ReturnType<typeof m.guard.guardMutation>>) => (r.ok ? 'ok' : r.error.code)

  it('401 without credentials, 403 for a viewer, ok for an operator token without Origin', async () => {
    expect(code(await m.guard.guardMutation(req({})))).toBe('unauthenticated')
    expect(code(await m.guard.guardMutation(req({ authorization: 'Bearer view-token-0123456789abcdef' })))).toBe('forbidden')
    expect(code(await m.guard.guardMutation(req({ authorization: 'Bearer op-token-0123456789abcdef' })))).toBe('ok')
  })

  it('refuses a cookie-authenticated mutation from another origin (or with no Origin)', async () => {
    const cookie = await cookieFor('op@example.com')
    expect(code(await m.guard.guardMutation(req({ cookie, origin: 'http://evil.example' })))).toBe('forbidden')
    expect(code(await m.guard.guardMutation(req({ cookie })))).toBe('forbidden')
    expect(code(await m.guard.guardMutation(req({ cookie, origin: ORIGIN })))).toBe('ok')
  })

  it('rate-limits per identity with rate_limited and a wait hint', async () => {
    const cookie = await cookieFor('op@example.com')
    // op@example.com already made one mutation above; the limit is 3 a minute.
    expect(code(await m.guard.guardMutation(req({ cookie, origin: ORIGIN })))).toBe('ok')
    expect(code(await m.guard.guardMutation(req({ cookie, origin: ORIGIN })))).toBe('ok')
    const limited = await m.guard.guardMutation(req({ cookie, origin: ORIGIN }))
    expect(limited.ok ? null : limited.error).toMatchObject({ code: 'rate_limited', hint: expect.stringMatching(/Wait \d+ s/) })
    // Other identities are unaffected.
    expect(code(await m.guard.guardMutation(req({ authorization: 'Bearer op-token-0123456789abcdef' })))).toBe('ok')
  })
})
