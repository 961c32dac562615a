import 'server-only'

import { cookies, headers } from 'next/headers'

import { config } from '@/lib/config'
import { type Actor, hasRole, type Role } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

import { type RequestCredentials, sessionSecret, signedSession, tokenActor } from './credentials'
import { demoSignInStatus } from './demo'
import { withCurrentMembership } from './membership'
import { parseRoleRules, resolveRole, type RoleRules } from './roles'
import { SESSION_COOKIE } from './session'
import { getSession as getSessionRecord, type SessionRecord, touchSession } from './session-store'

/*
 * Verifying a request's credentials in full (no redirects here, so it also runs in local commands
 * and route handlers): lib/auth/actor.ts builds the page and route helpers on it, lib/dal/access.ts
 * the data access layer's gate.
 */

let parsedRules: { key: string; rules: RoleRules } | undefined

/** The role mapping from PORTAL_ROLE_ADMINS / _OPERATORS / _VIEWERS (validated at start-up by lib/config). */
export function roleRules(): RoleRules {
  const r = config().roleRules
  const key = JSON.stringify(r)
  if (parsedRules?.key !== key)
    parsedRules = {
      key,
      rules: { admin: parseRoleRules(r.admin).rules, operator: parseRoleRules(r.operator).rules, viewer: parseRoleRules(r.viewer).rules },
    }
  return parsedRules.rules
}

/** Activity is written at most this often per session (the idle timeout is minutes, not seconds). */
const TOUCH_EVERY_MS = 60_000

/** True while a session may be used: not ended, not past its lifetime, not idle for longer than PORTAL_SESSION_IDLE_MINUTES. */
export function isSessionOpen(s: Pick<SessionRecord, 'revokedAt' | 'expiresAt' | 'lastSeenAt'>, now: Date, idleMinutes: number): boolean {
  if (s.revokedAt !== null) return false
  if (Date.parse(s.expiresAt) <= now.getTime()) return false
  return Date.parse(s.lastSeenAt) + idleMinutes * 60_000 > now.getTime()
}

/** Maps an open session to an actor; null when the person has no role (or demo sign-in is off now). */
export function actorFromSession(session: SessionRecord): Actor | null {
  if (session.kind === 'demo') {
    if (!demoSignInStatus().isOn || !session.role) return null
    return { id: session.userId, name: session.name, role: session.role, kind: 'demo' }
  }
  // Roles are recomputed on every request, so a configuration change takes effect without re-sign-in.
  const role = resolveRole(session.identity, roleRules())
  return role ? { id: session.userId, name: session.name, role, kind: 'user' } : null
}

/** The outcome of verifying a request: who acts (null: nobody, or nobody with a role) and the open session, if any. */
export type Verified = { actor: Actor | null; session: SessionRecord | null }

/**
 * Verifies a request's credentials in full: a configured token; or a session cookie whose signature
 * and expiry hold AND whose server-side session is open (not signed out, not revoked, not idle), with
 * GitHub membership no older than 15 minutes. Anything else is nobody.
 */
export async function verifyCredentials(c: RequestCredentials, now: Date = new Date()): Promise<Verified> {
  if (c.authorization) return { actor: tokenActor(c.authorization), session: null }
  const cookie = signedSession(c, now.getTime())
  if (!cookie) return { actor: null, session: null }
  const record = await getSessionRecord(cookie.sid)
  if (!record || !isSessionOpen(record, now, config().sessionIdleMinutes)) return { actor: null, session: null }
  if (now.getTime() - Date.parse(record.lastSeenAt) >= TOUCH_EVERY_MS) await touchSession(record.id, now)
  const current = await withCurrentMembership(record, sessionSecret(), now)
  return { actor: actorFromSession(current), session: current }
}

/** The credentials of the request being served (server components, route handlers, actions). */
export async function currentCredentials(): Promise<RequestCredentials> {
  const [h, c] = await Promise.all([headers(), cookies()])
  return { authorization: h.get('authorization'), sessionCookie: c.get(SESSION_COOKIE)?.value }
}

/** `unauthenticated` when nobody, `forbidden` when signed in without a role or with too low a role. */
export function authorizeVerified(v: Verified, role: Role): Result<Actor> {
  if (!v.actor) {
    if (v.session)
      return err(
        appError('forbidden', `${v.session.userId} has no role in this portal.`, {
          hint: 'Ask an admin to add you to PORTAL_ROLE_VIEWERS, _OPERATORS or _ADMINS.',
        }),
      )
    return err(appError('unauthenticated', 'Sign in to use the portal.', { hint: 'Sign in, or send Authorization: Bearer <token>.' }))
  }
  if (!hasRole(v.actor.role, role))
    return err(appError('forbidden', `This needs the ${role} role; you are ${v.actor.role}.`, { hint: 'Ask an admin for the role.' }))
  return ok(v.actor)
}
