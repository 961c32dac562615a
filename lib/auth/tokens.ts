import 'server-only'

import { createHash, timingSafeEqual } from 'node:crypto'

import { type Role, roleSchema } from '@/lib/domain/auth'

/** One automation token from PORTAL_API_TOKENS. */
export type TokenEntry = { name: string; role: Role; token: string }

/** Parses PORTAL_API_TOKENS (`name:role:token`, comma-separated); malformed entries are reported, not guessed. */
export function parseTokens(spec: string | undefined): { tokens: TokenEntry[]; invalid: string[] } {
  const tokens: TokenEntry[] = []
  const invalid: string[] = []
  if (!spec) return { tokens, invalid }
  for (const raw of spec.split(',')) {
    const entry = raw.trim()
    if (!entry) continue
    const [name, role, ...rest] = entry.split(':')
    const parsedRole = roleSchema.safeParse(role)
    // The token itself may contain ':'; never echo it back in `invalid` (only the name).
    const token = rest.join(':')
    if (name && parsedRole.success && token.length >= 16) tokens.push({ name, role: parsedRole.data, token })
    else invalid.push(name || '(unnamed)')
  }
  return { tokens, invalid }
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so neither the length nor the
 * position of the first differing byte leaks through timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest()
  const hb = createHash('sha256').update(b, 'utf8').digest()
  return timingSafeEqual(ha, hb)
}

/** Finds the token entry matching a presented bearer token; every entry is compared, so timing does not reveal which one matched. */
export function findToken(tokens: readonly TokenEntry[], presented: string): TokenEntry | undefined {
  let match: TokenEntry | undefined
  for (const t of tokens) if (constantTimeEqual(t.token, presented) && !match) match = t
  return match
}

/** Extracts the token from an `Authorization: Bearer <token>` header value. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const m = header?.match(/^Bearer[ \t]+([^\s]+)[ \t]*$/i)
  return m?.[1]
}
