import 'server-only'

import { cache } from 'react'

import { authorizeVerified, currentCredentials, type Verified, verifyCredentials } from '@/lib/auth/verify'
import type { RequestCredentials } from '@/lib/auth/credentials'
import { config } from '@/lib/config'
import type { Actor, Role } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { requestLogger } from '@/lib/logger'
import { readLimiter } from '@/lib/rate-limit'
import { err, ok, type Result } from '@/lib/result'

import { systemActor } from './system'

/*
 * The data access layer's gate. Every read of AWS or of the portal's database made on behalf of a
 * page, panel, route handler or check passes through `requireAccess` (or `authorized`), which
 * verifies the request's credentials itself — signature, expiry and the server-side session, or a
 * configured token — memoised per request with React `cache()`. Nothing depends on the layout or on
 * proxy.ts having run: a client navigation that reuses a layout, a prefetch the proxy skipped, a
 * route handler called directly, all arrive here with their own credentials or get nothing.
 */

/** The credentials of the request being served; null when there is no request (a local command). */
async function requestCredentials(): Promise<RequestCredentials | null> {
  try {
    return await currentCredentials()
  } catch {
    // Outside a request scope headers()/cookies() refuse: no request, so no credentials.
    return null
  }
}

/**
 * Who the current request is, verified once per request. Outside a request the answer is the
 * system actor when a local command entered that scope explicitly (lib/dal/system.ts), else nobody.
 */
export const verifiedRequest = cache(async (): Promise<Verified> => {
  const credentials = await requestCredentials()
  if (credentials === null) return { actor: systemActor() ?? null, session: null }
  return verifyCredentials(credentials)
})

/** The verified actor of the current request (or local command), or null. */
export const verifiedActor = async (): Promise<Actor | null> => (await verifiedRequest()).actor

/** Takes one unit of the actor's read allowance, once per request however many reads it makes. */
const readPermit = cache(async (actorId: string): Promise<Result<null>> => {
  const limit = config().readRateLimitPerMinute
  const decision = await readLimiter(limit).take(actorId)
  if (decision.ok) return ok(null)
  ;(await requestLogger()).warn({ actor: actorId, retryAfterSeconds: decision.retryAfterSeconds }, 'reads rate-limited')
  return err(
    appError('rate_limited', `Too many requests from this identity: at most ${limit} a minute.`, {
      hint: `Wait ${decision.retryAfterSeconds} s and try again.`,
    }),
  )
})

/**
 * The verified actor when it has at least `role`: `unauthenticated` without valid credentials,
 * `forbidden` with too low a role (or none), `rate_limited` past PORTAL_READ_RATE_LIMIT_PER_MINUTE.
 */
export async function requireAccess(role: Role): Promise<Result<Actor>> {
  const allowed = authorizeVerified(await verifiedRequest(), role)
  if (!allowed.ok || allowed.data.kind === 'system') return allowed
  const permit = await readPermit(allowed.data.id)
  return permit.ok ? allowed : permit
}

/** Wraps a read so that it runs only for a verified actor with `role`, and otherwise answers the refusal. */
export function authorized<A extends unknown[], T>(
  role: Role,
  read: (...args: A) => Promise<Result<T>>,
): (...args: A) => Promise<Result<T>> {
  return async (...args: A) => {
    const access = await requireAccess(role)
    return access.ok ? read(...args) : access
  }
}

/** Like `authorized`, for reads that need to know who asks (the actor comes first). */
export function authorizedFor<A extends unknown[], T>(
  role: Role,
  read: (actor: Actor, ...args: A) => Promise<Result<T>>,
): (...args: A) => Promise<Result<T>> {
  return async (...args: A) => {
    const access = await requireAccess(role)
    return access.ok ? read(access.data, ...args) : access
  }
}
