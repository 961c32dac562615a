import type { Role } from '@/lib/domain/auth'

/** What we know about a signed-in person, from the identity provider. */
export type Identity = {
  /** Lower-cased, verified email (undefined when the provider gave none or an unverified one). */
  email?: string
  /** OIDC groups claim values. */
  groups?: string[]
  /** GitHub's numeric user id (a login can be renamed and then taken by someone else; the id never changes). */
  githubId?: number
  /** GitHub login, org logins and `org/team` slugs (GitHub sign-in only). */
  githubLogin?: string
  githubOrgs?: string[]
  githubTeams?: string[]
}

/** One mapping rule from PORTAL_ROLE_* entries. */
export type RoleRule =
  | { kind: 'email'; value: string }
  | { kind: 'domain'; value: string }
  | { kind: 'group'; value: string }
  | { kind: 'github-org'; value: string }
  | { kind: 'github-team'; value: string }
  | { kind: 'github-user'; value: number }

export type RoleRules = Record<Role, RoleRule[]>

/**
 * Parses one PORTAL_ROLE_* value: emails, `@domain`, `group:<name>`, `github-org:<org>`,
 * `github-team:<org>/<team>`, `github:<numeric user id>` (`https://api.github.com/users/<login>` shows it).
 */
export function parseRoleRules(spec: string | undefined): { rules: RoleRule[]; invalid: string[] } {
  const rules: RoleRule[] = []
  const invalid: string[] = []
  for (const raw of (spec ?? '').split(',')) {
    const entry = raw.trim()
    if (!entry) continue
    const lower = entry.toLowerCase()
    if (lower.startsWith('group:') && entry.length > 6) rules.push({ kind: 'group', value: entry.slice(6) })
    else if (lower.startsWith('github-org:') && entry.length > 11) rules.push({ kind: 'github-org', value: lower.slice(11) })
    else if (lower.startsWith('github-team:') && /^[^/]+\/[^/]+$/.test(lower.slice(12)))
      rules.push({ kind: 'github-team', value: lower.slice(12) })
    else if (/^github:\d{1,12}$/.test(lower)) rules.push({ kind: 'github-user', value: Number(lower.slice(7)) })
    else if (/^@[a-z0-9.-]+\.[a-z]{2,}$/.test(lower)) rules.push({ kind: 'domain', value: lower.slice(1) })
    else if (/^[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(lower)) rules.push({ kind: 'email', value: lower })
    else invalid.push(entry)
  }
  return { rules, invalid }
}

function matches(rule: RoleRule, id: Identity): boolean {
  // Only an address the provider verified can grant a role (sign-in stores no other).
  const email = id.email?.toLowerCase()
  switch (rule.kind) {
    case 'email':
      return email === rule.value
    case 'domain':
      // Exact domain only: `@example.com` does not admit `evil-example.com` nor `sub.example.com`.
      return email !== undefined && email.slice(email.lastIndexOf('@') + 1) === rule.value
    case 'group':
      // Group names are matched exactly (Entra sends object ids, Okta/Cognito names; both are case-sensitive).
      return (id.groups ?? []).includes(rule.value)
    case 'github-org':
      return (id.githubOrgs ?? []).some((o) => o.toLowerCase() === rule.value)
    case 'github-team':
      return (id.githubTeams ?? []).some((t) => t.toLowerCase() === rule.value)
    case 'github-user':
      return id.githubId === rule.value
    default: {
      const never: never = rule
      return never
    }
  }
}

/** The highest role any rule grants this identity, or null for an unknown user (no access). */
export function resolveRole(id: Identity, rules: RoleRules): Role | null {
  for (const role of ['admin', 'operator', 'viewer'] as const) if (rules[role].some((r) => matches(r, id))) return role
  return null
}
