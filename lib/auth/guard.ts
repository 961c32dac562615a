import 'server-only'

import { headers } from 'next/headers'

import { config } from '@/lib/config'
import type { Actor, Role } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { requestLogger } from '@/lib/logger'
import { mutationLimiter } from '@/lib/rate-limit'
import { err, ok, type Result } from '@/lib/result'

import { requireActor } from './actor'
import { hasBearer, isSameOrigin } from './csrf'

/**
 * Everything a mutation needs before it may run, in one call: authentication, the CSRF origin check
 * for cookie-authenticated requests, the role, and the per-identity rate limit.
 * Pass the Request in route handlers; omit it in Server Actions (the current request's headers are used).
 */
export async function guardMutation(request?: Request, role: Role = 'operator'): Promise<Result<Actor>> {
  const h = request?.headers ?? (await headers())
  const log = await requestLogger(request)
  const actor = await requireActor(role, request)
  if (!actor.ok && actor.error.code === 'unauthenticated') return actor
  // Browsers never attach Authorization on their own, so only cookie-authenticated calls can be forged cross-site.
  if (!hasBearer(h) && !isSameOrigin(h, config().publicUrl)) {
    log.warn({ origin: h.get('origin'), host: h.get('host') }, 'refused cross-origin mutation')
    return err(appError('forbidden', 'Cross-origin request refused.', { hint: 'Changes can only be made from the portal itself.' }))
  }
  if (!actor.ok) {
    log.info({ code: actor.error.code, required: role }, 'mutation refused')
    return actor
  }
  const decision = await mutationLimiter(config().rateLimitPerMinute).take(actor.data.id)
  if (!decision.ok) {
    log.warn({ actor: actor.data.id, retryAfterSeconds: decision.retryAfterSeconds }, 'mutation rate-limited')
    return err(
      appError('rate_limited', `Too many changes from ${actor.data.name}: at most ${config().rateLimitPerMinute} a minute.`, {
        hint: `Wait ${decision.retryAfterSeconds} s and try again.`,
      }),
    )
  }
  return ok(actor.data)
}
