import 'server-only'

import { z } from 'zod'

import { db } from '@/lib/audit/db'
import { type Role, roleSchema } from '@/lib/domain/auth'

import type { Identity } from './roles'

/**
 * The server-side half of a sign-in session: the cookie carries only `id`; who the person is, their
 * claims, when they were last seen and whether the session was ended live here. Small, async and
 * storage-neutral on purpose, so it can move to another database without touching its callers.
 */
export type SessionRecord = {
  id: string
  /** `user`: role recomputed from configuration on every request; `demo`: role chosen at demo sign-in. */
  kind: 'user' | 'demo'
  provider: 'oidc' | 'github' | 'demo'
  /** Stable identity: a verified email, `oidc:<sub>`, `github:<numeric id>` or `demo:<role>`. */
  userId: string
  name: string
  identity: Identity
  /** Demo sessions only. */
  role: Role | null
  /** Opaque to the store (the GitHub access token, sealed by the caller) for re-checking membership. */
  providerToken: string | null
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  /** When org/team membership (GitHub) was last read from the provider. */
  membershipCheckedAt: string | null
  revokedAt: string | null
  revokedBy: string | null
}

export type NewSession = Pick<SessionRecord, 'id' | 'kind' | 'provider' | 'userId' | 'name' | 'identity' | 'role' | 'providerToken'> & {
  now: Date
  expiresAt: Date
}

const identitySchema = z.object({
  email: z.string().optional(),
  groups: z.array(z.string()).max(500).optional(),
  githubId: z.number().int().optional(),
  githubLogin: z.string().optional(),
  githubOrgs: z.array(z.string()).max(500).optional(),
  githubTeams: z.array(z.string()).max(1000).optional(),
})

const rowSchema = z.object({
  id: z.string(),
  kind: z.enum(['user', 'demo']),
  provider: z.enum(['oidc', 'github', 'demo']),
  user_id: z.string(),
  name: z.string(),
  identity: z.string(),
  role: z.nullable(roleSchema).catch(null),
  provider_token: z.string().nullable(),
  created_at: z.string(),
  last_seen_at: z.string(),
  expires_at: z.string(),
  membership_checked_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  revoked_by: z.string().nullable(),
})

function parseIdentity(text: string): Identity {
  try {
    const parsed = identitySchema.safeParse(JSON.parse(text))
    // An unreadable identity grants nothing (no email, no groups): the person then has no role.
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

const toRecord = (r: z.infer<typeof rowSchema>): SessionRecord => ({
  id: r.id,
  kind: r.kind,
  provider: r.provider,
  userId: r.user_id,
  name: r.name,
  identity: parseIdentity(r.identity),
  role: r.role,
  providerToken: r.provider_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  membershipCheckedAt: r.membership_checked_at,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
})

/** Stores a new session and returns it. Also drops sessions that ended more than a day ago. */
export async function createSession(s: NewSession): Promise<SessionRecord> {
  const now = s.now.toISOString()
  const conn = db()
  conn
    .prepare(
      `INSERT INTO sessions (id, kind, provider, user_id, name, identity, role, provider_token, created_at, last_seen_at, expires_at, membership_checked_at)
       VALUES (@id, @kind, @provider, @userId, @name, @identity, @role, @providerToken, @now, @now, @expiresAt, @now)`,
    )
    .run({
      id: s.id,
      kind: s.kind,
      provider: s.provider,
      userId: s.userId,
      name: s.name,
      identity: JSON.stringify(s.identity),
      role: s.role,
      providerToken: s.providerToken,
      now,
      expiresAt: s.expiresAt.toISOString(),
    })
  const dayAgo = new Date(s.now.getTime() - 86_400_000).toISOString()
  conn.prepare('DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?').run(dayAgo, dayAgo)
  const created = await getSession(s.id)
  if (!created) throw new Error('session was not stored')
  return created
}

/** The session with this id, ended or not; null when there is none. */
export async function getSession(id: string): Promise<SessionRecord | null> {
  const row: unknown = db().prepare('SELECT * FROM sessions WHERE id = ?').get(id)
  return row === undefined ? null : toRecord(rowSchema.parse(row))
}

/** Records activity on a session (the idle timeout counts from here). */
export async function touchSession(id: string, at: Date): Promise<void> {
  db().prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?').run(at.toISOString(), id, at.toISOString())
}

/** Replaces the identity claims read from the provider (a membership re-check). */
export async function updateSessionIdentity(id: string, identity: Identity, checkedAt: Date): Promise<void> {
  db()
    .prepare('UPDATE sessions SET identity = ?, membership_checked_at = ? WHERE id = ?')
    .run(JSON.stringify(identity), checkedAt.toISOString(), id)
}

/** Ends one session now. False when there was no such session still open. */
export async function revokeSession(id: string, by: string, at: Date = new Date()): Promise<boolean> {
  const info = db()
    .prepare('UPDATE sessions SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL')
    .run(at.toISOString(), by, id)
  return info.changes > 0
}

/** Ends every open session of one person now; returns how many were ended. */
export async function revokeUserSessions(userId: string, by: string, at: Date = new Date()): Promise<number> {
  const info = db()
    .prepare('UPDATE sessions SET revoked_at = ?, revoked_by = ? WHERE user_id = ? AND revoked_at IS NULL')
    .run(at.toISOString(), by, userId)
  return info.changes
}

/** Sessions not revoked and not past their absolute expiry, most recently active first (the idle rule is the caller's). */
export async function listSessions(at: Date = new Date(), limit = 500): Promise<SessionRecord[]> {
  const rows = db()
    .prepare('SELECT * FROM sessions WHERE revoked_at IS NULL AND expires_at > ? ORDER BY last_seen_at DESC LIMIT ?')
    .all(at.toISOString(), limit)
  return z.array(rowSchema).parse(rows).map(toRecord)
}
