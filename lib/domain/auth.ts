import { z } from 'zod/mini'

// The zod-free helpers live in auth.values.ts; re-exported for server code.
export { hasRole } from '@/lib/domain/auth.values'

export const roleSchema = z.enum(['viewer', 'operator', 'admin'])
export type Role = z.infer<typeof roleSchema>

/** Who is acting: a signed-in person or an automation token. */
export const actorSchema = z.object({
  /** Stable identity: an email, `github:<login>`, or `token:<name>`. */
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  kind: z.enum(['user', 'token', 'demo']),
})
export type Actor = z.infer<typeof actorSchema>
