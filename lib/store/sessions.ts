import 'server-only'

import { z } from 'zod'

import type { Store } from './db'

/**
 * Server-side session records: the cookie carries the record's id, and the record decides whether
 * the session still holds (not revoked, not expired, used recently enough). In the store, so a
 * sign-out or a revocation on one replica ends the session on all of them.
 */
export type SessionRecord = {
  id: string
  actorId: string
  actorName: string
  provider: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  revokedAt: string | null
  clientAddress: string | null
  userAgent: string | null
  /** `user` or `demo` (lib/auth/session-store.ts gives these meaning). */
  kind: string
  /** JSON of the identity claims the session was signed in with. */
  identity: string
  role: string | null
  /** Opaque to the store: the provider token, sealed by the caller. */
  providerToken: string | null
  membershipCheckedAt: string | null
  revokedBy: string | null
}

/** What a new session needs; the identity fields default to a plain `user` session without claims. */
export type NewSessionRecord = Omit<
  SessionRecord,
  'revokedAt' | 'revokedBy' | 'kind' | 'identity' | 'role' | 'providerToken' | 'membershipCheckedAt'
> &
  Partial<Pick<SessionRecord, 'kind' | 'identity' | 'role' | 'providerToken' | 'membershipCheckedAt'>>

const rowSchema = z.object({
  id: z.string(),
  actor_id: z.string(),
  actor_name: z.string(),
  provider: z.string(),
  created_at: z.string(),
  last_seen_at: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  client_address: z.string().nullable(),
  user_agent: z.string().nullable(),
  kind: z.string(),
  identity: z.string(),
  role: z.string().nullable(),
  provider_token: z.string().nullable(),
  membership_checked_at: z.string().nullable(),
  revoked_by: z.string().nullable(),
})

const toRecord = (r: z.infer<typeof rowSchema>): SessionRecord => ({
  id: r.id,
  actorId: r.actor_id,
  actorName: r.actor_name,
  provider: r.provider,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  clientAddress: r.client_address,
  userAgent: r.user_agent,
  kind: r.kind,
  identity: r.identity,
  role: r.role,
  providerToken: r.provider_token,
  membershipCheckedAt: r.membership_checked_at,
  revokedBy: r.revoked_by,
})

/** Stores a new session. */
export async function createSessionRecord(store: Store, s: NewSessionRecord): Promise<void> {
  await store.db
    .insertInto('sessions')
    .values({
      id: s.id,
      actor_id: s.actorId,
      actor_name: s.actorName,
      provider: s.provider,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      revoked_at: null,
      client_address: s.clientAddress,
      user_agent: s.userAgent,
      kind: s.kind ?? 'user',
      identity: s.identity ?? '{}',
      role: s.role ?? null,
      provider_token: s.providerToken ?? null,
      membership_checked_at: s.membershipCheckedAt ?? null,
      revoked_by: null,
    })
    .execute()
}

/** One session record (revoked and expired ones included), or null. */
export async function getSessionRecord(store: Store, id: string): Promise<SessionRecord | null> {
  const row = await store.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toRecord(rowSchema.parse(row)) : null
}

/** Marks the session used at `at` (for the idle timeout); false when it is unknown or revoked. */
export async function touchSessionRecord(store: Store, id: string, at: string): Promise<boolean> {
  const r = await store.db
    .updateTable('sessions')
    .set({ last_seen_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Revokes one session (`by`: who ended it); false when it was unknown or already revoked. */
export async function revokeSessionRecord(store: Store, id: string, at: string, by: string | null = null): Promise<boolean> {
  const r = await store.db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Revokes every open session of one identity (everywhere); returns how many. */
export async function revokeSessionsOf(store: Store, actorId: string, at: string, by: string | null = null): Promise<number> {
  const r = await store.db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_by: by })
    .where('actor_id', '=', actorId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** Sessions that hold at `now`: not revoked, not expired, and used since `idleSince`. */
export async function countActiveSessions(store: Store, now: string, idleSince: string): Promise<number> {
  const row = await store.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>=', idleSince)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Deletes records that ended (expired or revoked) before `before`; returns how many. */
export async function pruneSessionRecords(store: Store, before: string): Promise<number> {
  const r = await store.db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** Replaces a session's identity claims (a membership re-check) and when they were read. */
export async function updateSessionIdentity(store: Store, id: string, identity: string, checkedAt: string): Promise<void> {
  await store.db.updateTable('sessions').set({ identity, membership_checked_at: checkedAt }).where('id', '=', id).execute()
}

/** Sessions not revoked and not past their expiry at `now`, most recently used first (the idle rule is the caller's). */
export async function listOpenSessionRecords(store: Store, now: string, limit = 500): Promise<SessionRecord[]> {
  const rows = await store.db
    .selectFrom('sessions')
    .selectAll()
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .limit(limit)
    .execute()
  return z.array(rowSchema).parse(rows).map(toRecord)
}
