import 'server-only'

import { sessionHandle } from '@/lib/auth/session-handle'
import { listSessions, revokeSession, revokeUserSessions } from '@/lib/auth/session-store'
import { type Actor, revokeSessionsInputSchema } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

import { audited, authorize, invalidInput } from './support'

/**
 * Ends sign-in sessions at once: one session (`{session: <handle>}`) or every session of a person
 * (`{userId}`). Role: admin. Audited. The next request of that browser is signed out, whatever its
 * cookie says. Errors: invalid_input, forbidden, not_found (no such open session).
 */
export function revokeSessions(input: unknown, actor: Actor): Promise<Result<{ revoked: number }>> {
  const params: Record<string, unknown> = {}
  return audited(actor, 'session.revoke', 'portal:sessions', params, async () => {
    const parsed = revokeSessionsInputSchema.safeParse(input)
    if (!parsed.success)
      return err(invalidInput(parsed.error.issues, 'Send {"session": "<handle>"} or {"userId": "<who>"} (GET /api/sessions lists them).'))
    Object.assign(params, parsed.data)
    const allowed = authorize(actor, 'admin')
    if (!allowed.ok) return allowed
    if ('userId' in parsed.data) return ok({ revoked: await revokeUserSessions(parsed.data.userId, actor.id) })
    const handle = parsed.data.session
    const target = (await listSessions()).find((s) => sessionHandle(s.id) === handle)
    if (!target || !(await revokeSession(target.id, actor.id)))
      return err(appError('not_found', 'No open session has that handle.', { hint: 'GET /api/sessions lists the open sessions.' }))
    params.userId = target.userId
    return ok({ revoked: 1 })
  })
}
