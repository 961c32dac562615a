import 'server-only'

import { z } from 'zod'

import { type Role, roleSchema } from '@/lib/domain/auth'
import { store } from '@/lib/store/db'
import {
  createSessionRecord,
  getSessionRecord,
  listOpenSessionRecords,
  pruneSessionRecords,
  revokeSessionRecord,
  revokeSessionsOf,
  type SessionRecord as StoredSession,
  touchSessionRecord,
  updateSessionIdentity as storeSessionIdentity,
} from '@/lib/store/sessions'

import type { Identity } from './roles'

/**
 * The server-side half of a sign-in session: the cookie carries only `id`; who the person is, their
 * claims, when they were last seen and whether the session was ended live in the store's `sessions`
 * table (lib/store/sessions.ts: SQLite, or PostgreSQL shared by every replica — a sign-out or a
 * revocation on one replica ends the session on all of them). This module gives the rows their
 * meaning for sign-in: kinds, providers, parsed claims.
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
  /** Where and with what the person signed in (shown to admins). */
  clientAddress: string | null
  userAgent: string | null
}

export type NewSession = Pick<SessionRecord, 'id' | 'kind' | 'provider' | 'userId' | 'name' | 'identity' | 'role' | 'providerToken'> &
  Partial<Pick<SessionRecord, 'clientAddress' | 'userAgent'>> & { now: Date; expiresAt: Date }

const identitySchema = z.object({
  email: z.string().optional(),
  groups: z.array(z.string()).max(500).optional(),
  githubId: z.number().int().optional(),
  githubLogin: z.string().optional(),
  githubOrgs: z.array(z.string()).max(500).optional(),
  githubTeams: z.array(z.string()).max(1000).optional(),
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

const kindSchema = z.enum(['user', 'demo'])
const providerSchema = z.enum(['oidc', 'github', 'demo'])

/** A stored row as a session; null for a row this code cannot read (it then grants nothing). */
function toSession(r: StoredSession): SessionRecord | null {
  const kind = kindSchema.safeParse(r.kind)
  const provider = providerSchema.safeParse(r.provider)
  if (!kind.success || !provider.success) return null
  const role = z.nullable(roleSchema).safeParse(r.role)
  return {
    id: r.id,
    kind: kind.data,
    provider: provider.data,
    userId: r.actorId,
    name: r.actorName,
    identity: parseIdentity(r.identity),
    role: role.success ? role.data : null,
    providerToken: r.providerToken,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    expiresAt: r.expiresAt,
    membershipCheckedAt: r.membershipCheckedAt,
    revokedAt: r.revokedAt,
    revokedBy: r.revokedBy,
    clientAddress: r.clientAddress,
    userAgent: r.userAgent,
  }
}

/** Stores a new session and returns it. Also drops sessions that ended more than a day ago. */
export async function createSession(s: NewSession): Promise<SessionRecord> {
  const now = s.now.toISOString()
  const st = await store()
  await createSessionRecord(st, {
    id: s.id,
    kind: s.kind,
    provider: s.provider,
    actorId: s.userId,
    actorName: s.name,
    identity: JSON.stringify(s.identity),
    role: s.role,
    providerToken: s.providerToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: s.expiresAt.toISOString(),
    membershipCheckedAt: now,
    clientAddress: s.clientAddress ?? null,
    userAgent: s.userAgent ?? null,
  })
  await pruneSessionRecords(st, new Date(s.now.getTime() - 86_400_000).toISOString())
  const created = await getSession(s.id)
  if (!created) throw new Error('session was not stored')
  return created
}

/** The session with this id, ended or not; null when there is none. */
export async function getSession(id: string): Promise<SessionRecord | null> {
  const row = await getSessionRecord(await store(), id)
  return row ? toSession(row) : null
}

/** Records activity on a session (the idle timeout counts from here). */
export async function touchSession(id: string, at: Date): Promise<void> {
  await touchSessionRecord(await store(), id, at.toISOString())
}

/** Replaces the identity claims read from the provider (a membership re-check). */
export async function updateSessionIdentity(id: string, identity: Identity, checkedAt: Date): Promise<void> {
  await storeSessionIdentity(await store(), id, JSON.stringify(identity), checkedAt.toISOString())
}

/** Ends one session now. False when there was no such session still open. */
export async function revokeSession(id: string, by: string, at: Date = new Date()): Promise<boolean> {
  return revokeSessionRecord(await store(), id, at.toISOString(), by)
}

/** Ends every open session of one person now; returns how many were ended. */
export async function revokeUserSessions(userId: string, by: string, at: Date = new Date()): Promise<number> {
  return revokeSessionsOf(await store(), userId, at.toISOString(), by)
}

/** Sessions not revoked and not past their absolute expiry, most recently active first (the idle rule is the caller's). */
export async function listSessions(at: Date = new Date(), limit = 500): Promise<SessionRecord[]> {
  const rows = await listOpenSessionRecords(await store(), at.toISOString(), limit)
  return rows.flatMap((r) => toSession(r) ?? [])
}
