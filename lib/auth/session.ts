import 'server-only'

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

import { roleSchema } from '@/lib/domain/auth'
import { processState } from '@/lib/process-state'

export { FLOW_COOKIE, SESSION_COOKIE } from './cookie-names'

/** Absolute session lifetime. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60
/** How long a sign-in round trip to the identity provider may take. */
export const FLOW_TTL_SECONDS = 10 * 60

const identitySchema = z.object({
  email: z.string().optional(),
  groups: z.array(z.string()).max(200).optional(),
  githubLogin: z.string().optional(),
  githubOrgs: z.array(z.string()).max(200).optional(),
  githubTeams: z.array(z.string()).max(500).optional(),
})

export const sessionSchema = z.object({
  v: z.literal(1),
  /** `user`: role recomputed from configuration on every request; `demo`: role chosen at demo sign-in. */
  kind: z.enum(['user', 'demo']),
  provider: z.enum(['oidc', 'github', 'demo']),
  /** Stable identity: email, `github:<login>` or `demo:<role>`. */
  id: z.string().min(1),
  name: z.string(),
  identity: identitySchema,
  role: z.optional(roleSchema),
  iat: z.number().int(),
  exp: z.number().int(),
})
export type Session = z.infer<typeof sessionSchema>

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

/** Creates a signed session cookie value valid for SESSION_TTL_SECONDS from `now`. */
export function createSession(data: Omit<Session, 'v' | 'iat' | 'exp'>, secret: string, now = Date.now()): string {
  const iat = Math.floor(now / 1000)
  const session: Session = { v: 1, ...data, iat, exp: iat + SESSION_TTL_SECONDS }
  return signValue('session', session, secret)
}

/** Reads a session cookie value: null when missing, tampered, malformed or expired. */
export function readSession(value: string | undefined, secret: string, now = Date.now()): Session | null {
  const parsed = sessionSchema.safeParse(verifyValue('session', value, secret))
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

/** A `next` target is only ever a local path (no open redirects). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\r\n]/.test(next)) return '/'
  if (next.startsWith('/auth/') || next.startsWith('/signin') || next.startsWith('/api/')) return '/'
  return next
}
