import 'server-only'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'

import { config } from '@/lib/config'
import { type Actor, hasRole, type Role } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { currentRequestId, logger } from '@/lib/logger'
import { noteActor } from '@/lib/request-records'
import { err, ok, type Result } from '@/lib/result'

import { PATHNAME_HEADER, REQUEST_ID_HEADER } from './headers'
import { parseRoleRules, resolveRole, type RoleRules } from './roles'
import { cookieFromHeader, readSession, resolveSessionSecret, safeNextPath, type Session, SESSION_COOKIE } from './session'
import { bearerToken, findToken, parseTokens, type TokenEntry } from './tokens'

let parsedTokens: { spec: string | undefined; tokens: TokenEntry[] } | undefined
let parsedRules: { key: string; rules: RoleRules } | undefined

function apiTokens(): TokenEntry[] {
  const spec = config().apiTokens
  if (parsedTokens && parsedTokens.spec === spec) return parsedTokens.tokens
  const { tokens, invalid } = parseTokens(spec)
  // Only names are logged: a token value never reaches a log line.
  if (invalid.length)
    logger().warn(
      { invalidTokenNames: invalid },
      'PORTAL_API_TOKENS: ignored malformed entries (expected name:viewer|operator|admin:<token of 16+ characters>)',
    )
  parsedTokens = { spec, tokens }
  return tokens
}

/** The role mapping from PORTAL_ROLE_ADMINS / _OPERATORS / _VIEWERS. */
export function roleRules(): RoleRules {
  const r = config().roleRules
  const key = JSON.stringify(r)
  if (parsedRules?.key !== key) {
    const rules = { admin: parseRoleRules(r.admin), operator: parseRoleRules(r.operator), viewer: parseRoleRules(r.viewer) }
    const invalid = [...rules.admin.invalid, ...rules.operator.invalid, ...rules.viewer.invalid]
    if (invalid.length)
      logger().warn(
        { invalid },
        'PORTAL_ROLE_*: ignored entries that are not an email, @domain, group:, github-org:, github-team: or github:',
      )
    parsedRules = { key, rules: { admin: rules.admin.rules, operator: rules.operator.rules, viewer: rules.viewer.rules } }
  }
  return parsedRules.rules
}

/** The key that signs session cookies (PORTAL_SESSION_SECRET, or a per-process key in dev/demo). */
export function sessionSecret(): string {
  const { secret, isNewlyDerived } = resolveSessionSecret(config().sessionSecret)
  if (isNewlyDerived)
    logger().warn('PORTAL_SESSION_SECRET is not set: using a random per-process key; sessions end when the portal restarts')
  return secret
}

async function requestParts(request?: Request): Promise<{ authorization: string | null; sessionCookie: string | undefined }> {
  if (request)
    return {
      authorization: request.headers.get('authorization'),
      sessionCookie: cookieFromHeader(request.headers.get('cookie'), SESSION_COOKIE),
    }
  const [h, c] = await Promise.all([headers(), cookies()])
  return { authorization: h.get('authorization'), sessionCookie: c.get(SESSION_COOKIE)?.value }
}

/** The verified session cookie of a request (null when absent, tampered or expired). Bearer requests have none. */
export async function getSession(request?: Request): Promise<Session | null> {
  const { authorization, sessionCookie } = await requestParts(request)
  if (authorization) return null
  return sessionCookie ? readSession(sessionCookie, sessionSecret()) : null
}

/** Maps a verified session to an actor; null when the person has no role (or demo sign-in is off now). */
export function actorFromSession(session: Session): Actor | null {
  if (session.kind === 'demo') {
    if (!config().demoAuth || !session.role) return null
    return { id: session.id, name: session.name, role: session.role, kind: 'demo' }
  }
  // Roles are recomputed on every request, so a configuration change takes effect without re-sign-in.
  const role = resolveRole(session.identity, roleRules())
  return role ? { id: session.id, name: session.name, role, kind: 'user' } : null
}

/**
 * The actor behind a request (bearer token or session), or null when nobody is signed in.
 * A request with an Authorization header is judged by that header alone (never by a cookie).
 */
export async function getActor(request?: Request): Promise<Actor | null> {
  const actor = await resolveActor(request)
  // The request's log line (scripts/portal-server.mjs) and its AWS call lines name who made it.
  if (actor) noteActor(request ? (request.headers.get(REQUEST_ID_HEADER) ?? undefined) : await currentRequestId(), actor)
  return actor
}

async function resolveActor(request?: Request): Promise<Actor | null> {
  const { authorization, sessionCookie } = await requestParts(request)
  if (authorization) {
    const token = bearerToken(authorization)
    const entry = token ? findToken(apiTokens(), token) : undefined
    return entry ? { id: `token:${entry.name}`, name: entry.name, role: entry.role, kind: 'token' } : null
  }
  const session = sessionCookie ? readSession(sessionCookie, sessionSecret()) : null
  return session ? actorFromSession(session) : null
}

/** Resolves the actor and checks the role: `unauthenticated` when nobody, `forbidden` when the role is too low. */
export async function requireActor(role: Role, request?: Request): Promise<Result<Actor>> {
  const actor = await getActor(request)
  if (!actor) {
    const session = await getSession(request)
    if (session)
      return err(
        appError('forbidden', `${session.id} has no role in this portal.`, {
          hint: 'Ask an admin to add you to PORTAL_ROLE_VIEWERS, _OPERATORS or _ADMINS.',
        }),
      )
    return err(appError('unauthenticated', 'Sign in to use the portal.', { hint: 'Sign in, or send Authorization: Bearer <token>.' }))
  }
  if (!hasRole(actor.role, role))
    return err(appError('forbidden', `This needs the ${role} role; you are ${actor.role}.`, { hint: 'Ask an admin for the role.' }))
  return ok(actor)
}

/**
 * For pages and layouts: the actor, or a redirect — to `/signin?next=…` when nobody is signed in,
 * to `/no-access` when the person has no role or too low a role.
 */
export async function requirePageActor(role: Role = 'viewer'): Promise<Actor> {
  const actor = await getActor()
  if (!actor) {
    const h = await headers()
    if (h.get('authorization') || (await getSession())) redirect(`/no-access${role === 'viewer' ? '' : `?need=${role}`}`)
    redirect(`/signin?next=${encodeURIComponent(safeNextPath(h.get(PATHNAME_HEADER)))}`)
  }
  if (!hasRole(actor.role, role)) redirect(`/no-access?need=${role}`)
  return actor
}
