import { z } from 'zod/mini'

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

const rank = { viewer: 0, operator: 1, admin: 2 } as const satisfies Record<Role, number>

/** True when `role` includes everything `required` may do. */
export const hasRole = (role: Role, required: Role): boolean => rank[role] >= rank[required]
