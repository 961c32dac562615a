import 'server-only'

import { config } from '@/lib/config'
import type { Actor } from '@/lib/domain/auth'
import { processSlot } from '@/lib/process-state'

import { cookieFromHeader, readSessionCookie, resolveSessionSecret, SESSION_COOKIE, type SessionCookie } from './session'
import { bearerToken, findToken, parseTokens, type TokenEntry } from './tokens'

/*
 * The cheap, I/O-free half of verifying a request's credentials: a configured token, or a session
 * cookie whose signature and expiry hold. proxy.ts and the admission queue use it on every request;
 * lib/auth/actor.ts adds the server-side session record (revocation, idle time, membership).
 */

/** What a request presents: its Authorization header and its session cookie. */
export type RequestCredentials = { authorization: string | null; sessionCookie: string | undefined }

type ParsedTokens = { spec: string | undefined; tokens: TokenEntry[] }
let parsedTokens: ParsedTokens | null = null

/** The automation tokens from PORTAL_API_TOKENS (validated at start-up by lib/config). */
export function apiTokens(): TokenEntry[] {
  const spec = config().apiTokens
  const cachedTokens: ParsedTokens | null = parsedTokens
  if (cachedTokens !== null && cachedTokens.spec === spec) return cachedTokens.tokens
  const tokens = parseTokens(spec).tokens
  parsedTokens = { spec, tokens }
  return tokens
}

/** The key that signs session cookies (PORTAL_SESSION_SECRET, or a per-process key in dev/demo). */
export const sessionSecret = (): string => resolveSessionSecret(config().sessionSecret).secret

/** The credentials of a request's headers. */
export function credentialsOf(headers: Pick<Headers, 'get'>): RequestCredentials {
  return { authorization: headers.get('authorization'), sessionCookie: cookieFromHeader(headers.get('cookie'), SESSION_COOKIE) }
}

/** The actor of a configured bearer token; null for anything else (a malformed header, an unknown token). */
export function tokenActor(authorization: string | null): Actor | null {
  const token = bearerToken(authorization)
  const entry = token ? findToken(apiTokens(), token) : undefined
  return entry ? { id: `token:${entry.name}`, name: entry.name, role: entry.role, kind: 'token' } : null
}

/** The signed session cookie, when its signature and expiry hold (the session itself is not looked up). */
export const signedSession = (c: RequestCredentials, now = Date.now()): SessionCookie | null =>
  c.authorization ? null : readSessionCookie(c.sessionCookie, sessionSecret(), now)

/**
 * True when the request carries a configured token or a validly signed, unexpired session cookie.
 * A request with an Authorization header is judged by that header alone (never by a cookie).
 */
export function hasValidCredentials(c: RequestCredentials, now = Date.now()): boolean {
  if (c.authorization) return tokenActor(c.authorization) !== null
  return signedSession(c, now) !== null
}

type NodeHeaders = Record<string, string | string[] | undefined>
/** The registry slot scripts/portal-server.mjs reads (through lib/process-state's global registry). */
export const ADMISSION_CHECK_SLOT = 'admission-credential-check'

/**
 * Hands the production server's admission queue (scripts/portal-server.mjs, same process) this cheap
 * credential check, so requests without valid credentials wait in a small lane of their own and can
 * never fill the queue signed-in users wait in. Called once at start-up (instrumentation.ts).
 */
export function registerAdmissionCheck(): void {
  processSlot<(headers: NodeHeaders) => boolean>(ADMISSION_CHECK_SLOT).current = (h) =>
    hasValidCredentials(
      credentialsOf({
        get: (name: string) => {
          const v = h[name]
          return Array.isArray(v) ? v.join(', ') : (v ?? null)
        },
      }),
    )
}
