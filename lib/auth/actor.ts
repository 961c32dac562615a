import 'server-only'

import { headers } from 'next/headers'
import { redirect } from 'next/navigation'

import { type Actor, hasRole, type Role } from '@/lib/domain/auth'
import { currentRequestId } from '@/lib/logger'
import { noteActor } from '@/lib/request-records'
import type { Result } from '@/lib/result'

import { credentialsOf, type RequestCredentials } from './credentials'
import { PATHNAME_HEADER, REQUEST_ID_HEADER } from './headers'
import { safeNextPath } from './session'
import type { SessionRecord } from './session-store'
import { authorizeVerified, currentCredentials, type Verified, verifyCredentials } from './verify'

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

/** Verifies the request (given, or the one being served) and notes who made it for its log line. */
async function verifiedFor(request?: Request): Promise<Verified> {
  const v = await verifyCredentials(await credentialsFor(request))
  // The request's log line (scripts/portal-server.mjs) and its AWS call lines name who made it.
  if (v.actor) noteActor(request ? (request.headers.get(REQUEST_ID_HEADER) ?? undefined) : await currentRequestId(), v.actor)
  return v
}

/** The open session of a request (null when absent, tampered, expired, ended or idle). Bearer requests have none. */
export async function getSession(request?: Request): Promise<SessionRecord | null> {
  return (await verifiedFor(request)).session
}

/** The actor behind a request (bearer token or session), or null when nobody with a role is signed in. */
export async function getActor(request?: Request): Promise<Actor | null> {
  return (await verifiedFor(request)).actor
}

/** Resolves the actor and checks the role: `unauthenticated` when nobody, `forbidden` when the role is too low. */
export async function requireActor(role: Role, request?: Request): Promise<Result<Actor>> {
  return authorizeVerified(await verifiedFor(request), role)
}

/**
 * For layouts and pages, and only for people: the actor, or a redirect — to `/signin?next=…` when
 * nobody is signed in, to `/no-access` when the person has no role or too low a role. It protects
 * nothing on its own (Next does not re-run a layout for client navigations); every read does that.
 */
export async function requirePageActor(role: Role = 'viewer'): Promise<Actor> {
  const h = await headers()
  const verified = await verifiedFor()
  if (!verified.actor) {
    if (h.get('authorization') || verified.session) redirect(`/no-access${role === 'viewer' ? '' : `?need=${role}`}`)
    redirect(`/signin?next=${encodeURIComponent(safeNextPath(h.get(PATHNAME_HEADER)))}`)
  }
  if (!hasRole(verified.actor.role, role)) redirect(`/no-access?need=${role}`)
  return verified.actor
}
