import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

type Store = typeof import('./session-store')
type Membership = typeof import('./membership')
type Verify = typeof import('./verify')
type Session = typeof import('./session')
type Seal = typeof import('./seal')

const SECRET = 'store-test-secret-0123456789-0123456789'
let dir: string
let store: Store
let membership: Membership
let verify: Verify
let session: Session
let seal: Seal

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-sessions-'))
  const env = {
    NODE_ENV: 'test',
    PORTAL_DATA_DIR: dir,
    PORTAL_LOG_LEVEL: 'silent',
    PORTAL_SESSION_SECRET: SECRET,
    PORTAL_SESSION_IDLE_MINUTES: '30',
    PORTAL_ROLE_OPERATORS: 'github-team:acme/sre',
    PORTAL_ROLE_VIEWERS: '@example.com',
  }
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
  vi.resetModules()
  ;[store, membership, verify, session, seal] = await Promise.all([
    import('./session-store'),
    import('./membership'),
    import('./verify'),
    import('./session'),
    import('./seal'),
  ])
})
afterAll(async () => {
  await (await import('@/lib/store/db')).closeStore()
  vi.unstubAllEnvs()
  fs.rmSync(dir, { recursive: true, force: true })
})

const t0 = new Date('2026-12-01T09:00:00Z')
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000)

async function newSession(over: Partial<Parameters<Store['createSession']>[0]> = {}) {
  const id = session.newSessionId()
  await store.createSession({
    id,
    kind: 'user',
    provider: 'oidc',
    userId: 'ana@example.com',
    name: 'Ana',
    identity: { email: 'ana@example.com' },
    role: null,
    providerToken: null,
    now: t0,
    expiresAt: minutes(12 * 60),
    ...over,
  })
  return { id, cookie: session.createSessionCookie(id, SECRET, t0.getTime()) }
}

const verifyAt = (cookie: string, at: Date) => verify.verifyCredentials({ authorization: null, sessionCookie: cookie }, at)

describe('server-side sessions', () => {
  it('a signed cookie grants nothing without its server-side session', async () => {
    const cookie = session.createSessionCookie(session.newSessionId(), SECRET, t0.getTime())
    expect(await verifyAt(cookie, minutes(1))).toEqual({ actor: null, session: null })
  })

  it('an open session gives the actor its role from configuration', async () => {
    const s = await newSession()
    const v = await verifyAt(s.cookie, minutes(1))
    expect(v.actor).toEqual({ id: 'ana@example.com', name: 'Ana', role: 'viewer', kind: 'user' })
    expect(v.session?.id).toBe(s.id)
  })

  it('sign-out (revocation) ends the session at once, though the cookie is still validly signed', async () => {
    const s = await newSession()
    expect((await verifyAt(s.cookie, minutes(1))).actor).not.toBeNull()
    expect(await store.revokeSession(s.id, 'ana@example.com', minutes(2))).toBe(true)
    expect(await verifyAt(s.cookie, minutes(2))).toEqual({ actor: null, session: null })
  })

  it("an admin's revocation ends every session of that person", async () => {
    const a = await newSession({ userId: 'bob@example.com', name: 'Bob', identity: { email: 'bob@example.com' } })
    const b = await newSession({ userId: 'bob@example.com', name: 'Bob', identity: { email: 'bob@example.com' } })
    expect((await store.listSessions(minutes(1))).filter((x) => x.userId === 'bob@example.com')).toHaveLength(2)
    expect(await store.revokeUserSessions('bob@example.com', 'token:admin', minutes(3))).toBe(2)
    for (const s of [a, b]) expect((await verifyAt(s.cookie, minutes(3))).actor).toBeNull()
    expect((await store.getSession(a.id))?.revokedBy).toBe('token:admin')
  })

  it('ends after PORTAL_SESSION_IDLE_MINUTES without a request; activity keeps it open', async () => {
    const s = await newSession()
    expect((await verifyAt(s.cookie, minutes(29))).actor).not.toBeNull()
    // That request counted as activity: 29 minutes after it, still open.
    expect((await verifyAt(s.cookie, minutes(58))).actor).not.toBeNull()
    expect((await verifyAt(s.cookie, minutes(58 + 31))).actor).toBeNull()
  })

  it('isSessionOpen: revoked, past its lifetime or idle is closed', () => {
    const open = { revokedAt: null, expiresAt: minutes(60).toISOString(), lastSeenAt: t0.toISOString() }
    expect(verify.isSessionOpen(open, minutes(10), 30)).toBe(true)
    expect(verify.isSessionOpen({ ...open, revokedAt: t0.toISOString() }, minutes(10), 30)).toBe(false)
    expect(verify.isSessionOpen(open, minutes(61), 480)).toBe(false)
    expect(verify.isSessionOpen(open, minutes(30), 30)).toBe(false)
  })
})

describe('GitHub org and team membership', () => {
  const github = (token: string | null) => ({
    kind: 'user' as const,
    provider: 'github' as const,
    userId: 'github:583231',
    name: 'octocat',
    identity: { githubId: 583231, githubLogin: 'octocat', githubOrgs: ['acme'], githubTeams: ['acme/sre'] },
    providerToken: token ? seal.seal(token, SECRET) : null,
  })

  it('is used as read at sign-in for 15 minutes, then read again with the stored token', async () => {
    const s = await newSession(github('gho_token_1'))
    const read = vi.fn(async () => ({ githubOrgs: ['acme'], githubTeams: [] as string[] }))
    const record = (await store.getSession(s.id))!
    expect(await membership.withCurrentMembership(record, SECRET, minutes(14), read)).toBe(record)
    expect(read).not.toHaveBeenCalled()
    const later = await membership.withCurrentMembership(record, SECRET, minutes(15), read)
    expect(read).toHaveBeenCalledWith('gho_token_1')
    expect(later.identity.githubTeams).toEqual([])
    // Removed from the team on GitHub: the stored claims (and so the operator role) follow within 15 minutes.
    expect((await store.getSession(s.id))?.identity.githubTeams).toEqual([])
  })

  it('grants nothing when GitHub cannot be asked, and asks again a minute later', async () => {
    const s = await newSession(github('gho_token_2'))
    const record = (await store.getSession(s.id))!
    const failing = vi.fn(async () => {
      throw new Error('GitHub /user/orgs answered 401')
    })
    const after = await membership.withCurrentMembership(record, SECRET, minutes(20), failing)
    expect(after.identity).toMatchObject({ githubOrgs: [], githubTeams: [] })
    expect(membership.isMembershipStale(after, minutes(20.5))).toBe(false)
    expect(membership.isMembershipStale(after, minutes(21))).toBe(true)
  })

  it('without a usable token (sealed under another key) membership is dropped', async () => {
    const s = await newSession({ ...github(null), providerToken: seal.seal('gho_x', 'another-secret-0123456789-0123456789') })
    const read = vi.fn(async () => ({ githubOrgs: ['acme'], githubTeams: ['acme/sre'] }))
    const after = await membership.withCurrentMembership((await store.getSession(s.id))!, SECRET, minutes(16), read)
    expect(read).not.toHaveBeenCalled()
    expect(after.identity).toMatchObject({ githubOrgs: [], githubTeams: [] })
  })
})
