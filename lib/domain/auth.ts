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
