import { z } from 'zod/mini'

// The zod-free helpers live in auth.values.ts; re-exported for server code.
export { hasRole } from '@/lib/domain/auth.values'

export const roleSchema = z.enum(['viewer', 'operator', 'admin'])
export type Role = z.infer<typeof roleSchema>

/** Who is acting: a signed-in person or an automation token. */
export const actorSchema = z.object({
  /** Stable identity: a verified email, `oidc:<sub>`, `github:<numeric id>`, `demo:<role>`, `token:<name>` or `system:<purpose>`. */
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** `system`: a local command with no request (e.g. `npm run checks`), never a web request. */
  kind: z.enum(['user', 'token', 'demo', 'system']),
})
export type Actor = z.infer<typeof actorSchema>

/**
 * An open sign-in session as an admin sees it. `handle` names the session without being it: the
 * session id itself is a bearer secret and never leaves the server.
 */
export const sessionInfoSchema = z.object({
  handle: z.string(),
  userId: z.string(),
  name: z.string(),
  provider: z.enum(['oidc', 'github', 'demo']),
  /** The address the sign-in came from, as the portal's server saw it. */
  clientAddress: z.nullable(z.string()),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** When it ends without further activity (idle timeout or absolute lifetime, whichever is first). */
  endsAt: z.string(),
})
export type SessionInfo = z.infer<typeof sessionInfoSchema>
export const sessionListSchema = z.object({ sessions: z.array(sessionInfoSchema) })
export type SessionList = z.infer<typeof sessionListSchema>

/** `POST /api/sessions/revoke`: end one session (its handle) or every session of one person. */
export const revokeSessionsInputSchema = z.union([
  z.strictObject({ session: z.string().check(z.minLength(8), z.maxLength(128)) }),
  z.strictObject({ userId: z.string().check(z.minLength(1), z.maxLength(320)) }),
])
export type RevokeSessionsInput = z.infer<typeof revokeSessionsInputSchema>
export const revokeSessionsResultSchema = z.object({ revoked: z.number() })
