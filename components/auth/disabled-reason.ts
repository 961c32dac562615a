import type { Role } from '@/lib/domain/auth'
import { hasRole } from '@/lib/domain/auth.values'

const roleLabel = { viewer: 'viewer', operator: 'operator', admin: 'admin' } as const satisfies Record<Role, string>

/**
 * Why a control is unavailable to this role, for a disabled button's title / description — or
 * undefined when the role may use it. The server refuses the action anyway; this only explains it.
 */
export function disabledReason(role: Role | null | undefined, required: Role): string | undefined {
  if (!role) return 'Sign in to use this.'
  if (hasRole(role, required)) return undefined
  return `Needs the ${roleLabel[required]} role; you are signed in as ${roleLabel[role]}.`
}
