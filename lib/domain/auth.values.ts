import type { Role } from '@/lib/domain/auth'

/* The zod-free half of lib/domain/auth (the browser needs it before zod has loaded). */

const rank = { viewer: 0, operator: 1, admin: 2 } as const satisfies Record<Role, number>

/** True when `role` includes everything `required` may do. */
export const hasRole = (role: Role, required: Role): boolean => rank[role] >= rank[required]
