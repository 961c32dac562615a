import 'server-only'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'

import { type Actor, hasRole, type Role } from '@/lib/domain/auth'
import type { Result } from '@/lib/result'

import { credentialsOf, type RequestCredentials } from './credentials'
import { PATHNAME_HEADER } from './headers'
import { safeNextPath } from './session'
import type { SessionRecord } from './session-store'
import { authorizeVerified, currentCredentials, verifyCredentials } from './verify'

export { sessionSecret } from './credentials'
export {
  actorFromSession,
  authorizeVerified,
  currentCredentials,
  isSessionOpen,
  roleRules,
  type Verified,
  verifyCredentials,
} from './verify'

const credentialsFor = async (request?: Request): Promise<RequestCredentials> =>
  request ? credentialsOf(request.headers) : currentCredentials()

/** The open session of a request (null when absent, tampered, expired, ended or idle). Bearer requests have none. */
export async function getSession(request?: Request): Promise<SessionRecord | null> {
  return (await verifyCredentials(await credentialsFor(request))).session
}

/** The actor behind a request (bearer token or session), or null when nobody with a role is signed in. */
export async function getActor(request?: Request): Promise<Actor | null> {
  return (await verifyCredentials(await credentialsFor(request))).actor
}

/** Resolves the actor and checks the role: `unauthenticated` when nobody, `forbidden` when the role is too low. */
export async function requireActor(role: Role, request?: Request): Promise<Result<Actor>> {
  return authorizeVerified(await verifyCredentials(await credentialsFor(request)), role)
}

/**
 * For layouts and pages, and only for people: the actor, or a redirect — to `/signin?next=…` when
 * nobody is signed in, to `/no-access` when the person has no role or too low a role. It protects
 * nothing on its own (Next does not re-run a layout for client navigations); every read does that.
 */
export async function requirePageActor(role: Role = 'viewer'): Promise<Actor> {
  const h = await headers()
  const verified = await verifyCredentials(await currentCredentials())
  if (!verified.actor) {
    if (h.get('authorization') || verified.session) redirect(`/no-access${role === 'viewer' ? '' : `?need=${role}`}`)
    redirect(`/signin?next=${encodeURIComponent(safeNextPath(h.get(PATHNAME_HEADER)))}`)
  }
  if (!hasRole(verified.actor.role, role)) redirect(`/no-access?need=${role}`)
  return verified.actor
}
