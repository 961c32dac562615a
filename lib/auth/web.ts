import 'server-only'

import type { NextResponse } from 'next/server'

import { config, isLoopbackUrl } from '@/lib/config'
import { readBodyCapped } from '@/lib/http-body'

import { FLOW_COOKIE, FLOW_TTL_SECONDS, SESSION_COOKIE, SESSION_TTL_SECONDS } from './session'

/** The portal's external origin: PORTAL_PUBLIC_URL, else the scheme of the request and its Host header. */
export function publicOrigin(request: Request): string {
  const configured = config().publicUrl
  if (configured) return new URL(configured).origin
  const url = new URL(request.url)
  const host = request.headers.get('host') ?? url.host
  return `${url.protocol}//${host}`
}

/**
 * The Secure flag follows PORTAL_PUBLIC_URL: set for https, not for http (lib/config allows http only
 * on a loopback host in production — the demo and e2e run the production build on http://127.0.0.1,
 * where a Secure cookie would never be sent back). Without a public URL: Secure in production unless
 * the request came to a loopback host.
 */
export function isSecureCookie(request: Request): boolean {
  const configured = config().publicUrl
  if (configured) return configured.startsWith('https:')
  const origin = publicOrigin(request)
  if (origin.startsWith('https:')) return true
  return config().isProduction && !isLoopbackUrl(origin)
}

const baseCookie = (request: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: isSecureCookie(request), path: '/' })

/** Sets the session cookie (httpOnly, SameSite=Lax so links into the portal keep the session; CSRF is the Origin check's job). */
export function setSessionCookie(response: NextResponse, request: Request, value: string): void {
  response.cookies.set(SESSION_COOKIE, value, { ...baseCookie(request), maxAge: SESSION_TTL_SECONDS })
}

/** Sets the short-lived cookie holding PKCE verifier, state and nonce for one sign-in round trip. */
export function setFlowCookie(response: NextResponse, request: Request, value: string): void {
  response.cookies.set(FLOW_COOKIE, value, { ...baseCookie(request), maxAge: FLOW_TTL_SECONDS })
}

/** Expires a cookie. */
export function clearCookie(response: NextResponse, request: Request, name: string): void {
  response.cookies.set(name, '', { ...baseCookie(request), maxAge: 0 })
}

/** The form fields of a sign-in POST, or null when the body is not a form or larger than a form ever is. */
export async function readFormCapped(request: Request): Promise<URLSearchParams | null> {
  const type = request.headers.get('content-type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded')) return null
  const body = await readBodyCapped(request)
  return body.ok ? new URLSearchParams(body.data) : null
}

/** Which sign-in methods this portal offers (demo sign-in: as decided at start-up, see lib/auth/demo.ts). */
export function signInMethods(demo: { isOn: boolean }): {
  oidc: boolean
  github: boolean
  demo: boolean
  oidcIssuerHost: string | undefined
} {
  const c = config()
  return {
    oidc: Boolean(c.oidc),
    github: Boolean(c.github),
    demo: demo.isOn,
    oidcIssuerHost: c.oidc ? new URL(c.oidc.issuer).host : undefined,
  }
}
