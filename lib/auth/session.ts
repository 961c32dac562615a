import 'server-only'

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

import { processState } from '@/lib/process-state'

export { FLOW_COOKIE, SESSION_COOKIE } from './cookie-names'

/** Absolute session lifetime (the idle timeout, PORTAL_SESSION_IDLE_MINUTES, usually ends it sooner). */
export const SESSION_TTL_SECONDS = 12 * 60 * 60
/** How long a sign-in round trip to the identity provider may take. */
export const FLOW_TTL_SECONDS = 10 * 60

/**
 * What the session cookie carries: only the server-side session's id and the cookie's own lifetime,
 * signed. Who the person is, their claims and whether the session still holds live in the session
 * store (lib/auth/session-store.ts), so sign-out and revocation end a session at once.
 */
export const sessionCookieSchema = z.object({
  v: z.literal(2),
  sid: z.string().min(32).max(128),
  iat: z.number().int(),
  exp: z.number().int(),
})
export type SessionCookie = z.infer<typeof sessionCookieSchema>

export const flowSchema = z.object({
  provider: z.enum(['oidc', 'github']),
  state: z.string().min(16),
  codeVerifier: z.string().min(43),
  nonce: z.string().optional(),
  next: z.string(),
  exp: z.number().int(),
})
export type Flow = z.infer<typeof flowSchema>

type Purpose = 'session' | 'flow'

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url')

// The purpose is part of the MAC so a sign-in flow cookie can never be replayed as a session.
const mac = (purpose: Purpose, body: string, secret: string) => createHmac('sha256', secret).update(`${purpose}.${body}`).digest()

/** Signs a JSON payload: `base64url(json).base64url(hmac-sha256)`. */
export function signValue(purpose: Purpose, payload: object, secret: string): string {
  const body = b64url(JSON.stringify(payload))
  return `${body}.${b64url(mac(purpose, body, secret))}`
}

/** Verifies a signed value; returns the decoded JSON or null for anything tampered, truncated or malformed. */
export function verifyValue(purpose: Purpose, value: string | undefined, secret: string): unknown {
  if (!value || value.length > 8192) return null
  const dot = value.indexOf('.')
  if (dot <= 0 || dot !== value.lastIndexOf('.')) return null
  const body = value.slice(0, dot)
  const given = Buffer.from(value.slice(dot + 1), 'base64url')
  const expected = mac(purpose, body, secret)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown
  } catch {
    return null
  }
}

/** A fresh, unguessable session id (256 random bits). */
export const newSessionId = (): string => randomBytes(32).toString('base64url')

/** Creates a signed session cookie value for session `sid`, valid for SESSION_TTL_SECONDS from `now`. */
export function createSessionCookie(sid: string, secret: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000)
  const cookie: SessionCookie = { v: 2, sid, iat, exp: iat + SESSION_TTL_SECONDS }
  return signValue('session', cookie, secret)
}

/** Reads a session cookie value: null when missing, tampered, malformed, of an older format or expired. */
export function readSessionCookie(value: string | undefined, secret: string, now = Date.now()): SessionCookie | null {
  const parsed = sessionCookieSchema.safeParse(verifyValue('session', value, secret))
  if (!parsed.success) return null
  return parsed.data.exp * 1000 > now ? parsed.data : null
}

/** Reads a sign-in flow cookie value: null when missing, tampered or expired. */
export function readFlow(value: string | undefined, secret: string, now = Date.now()): Flow | null {
  const parsed = flowSchema.safeParse(verifyValue('flow', value, secret))
  if (!parsed.success) return null
  return parsed.data.exp * 1000 > now ? parsed.data : null
}

type SecretHolder = { secret?: string }
// Process-wide: every bundle of one process must sign and verify with the same key.
const holder = processState<SecretHolder>('session-key', () => ({}))

/**
 * The session key: PORTAL_SESSION_SECRET, or (dev/demo only — lib/config refuses this in a real
 * production deployment with sign-in) a random per-process key, so sessions end with the process.
 */
export function resolveSessionSecret(configured: string | undefined): { secret: string; isNewlyDerived: boolean } {
  if (configured) return { secret: configured, isNewlyDerived: false }
  const isNewlyDerived = holder.secret === undefined
  holder.secret ??= randomBytes(48).toString('base64url')
  return { secret: holder.secret, isNewlyDerived }
}

/** The value of one cookie in a Cookie request header. */
export function cookieFromHeader(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** Stands in for the portal's origin when the caller does not know it (the rule only compares origins). */
const PLACEHOLDER_ORIGIN = 'http://portal.invalid'
/** Control characters, whitespace and backslashes: URL parsers drop or reinterpret them (`/\t/evil.example` → `//evil.example`). */
const UNSAFE_IN_PATH = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/

/**
 * A `next` target is only ever a path on the portal itself (no open redirects): it must start with
 * one `/`, contain no control character, whitespace or backslash (raw or percent-encoded), and
 * `new URL(next, origin).origin` must be the portal's own origin. Sign-in and API paths go to `/`.
 */
export function safeNextPath(next: string | null | undefined, origin: string = PLACEHOLDER_ORIGIN): string {
  if (!next || next.length > 2048 || !next.startsWith('/') || next.startsWith('//')) return '/'
  // Raw anywhere; percent-encoded in the path (a query may well hold an encoded space).
  if (UNSAFE_IN_PATH.test(next) || /%(?:[01][0-9a-f]|7f|5c|20)/i.test(next.split(/[?#]/)[0] ?? '')) return '/'
  let resolved: URL
  try {
    resolved = new URL(next, origin)
  } catch {
    return '/'
  }
  if (resolved.origin !== new URL(origin).origin) return '/'
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`
  if (path.startsWith('/auth/') || path.startsWith('/signin') || path.startsWith('/api/') || path.startsWith('//')) return '/'
  return path
}
