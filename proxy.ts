import { type NextRequest, NextResponse } from 'next/server'

import { credentialsOf, hasValidCredentials } from '@/lib/auth/credentials'
import { isSafeMethod, isSameOrigin } from '@/lib/auth/csrf'
import {
  contentSecurityPolicy,
  createNonce,
  isAllowedHost,
  isApiPath,
  isPublicPath,
  PATHNAME_HEADER,
  REQUEST_ID_HEADER,
  requestIdFrom,
  securityHeaders,
} from '@/lib/auth/headers'
import { config as portalConfig } from '@/lib/config'
import { type AppError, appError, errorStatus } from '@/lib/domain/errors'
import { MAX_BODY_BYTES } from '@/lib/http-body'

const refuse = (error: AppError) =>
  NextResponse.json({ error }, { status: errorStatus[error.code], headers: { 'Cache-Control': 'no-store' } })

/**
 * Runs before every request but static assets — page loads, client navigations (flight requests),
 * prefetches and API calls alike: request id, CSP nonce and security headers on every response; the
 * Host check; 413 for bodies over 64 KB; the CSRF Origin check for cookie-authenticated mutations;
 * and credentials *verified* (a configured token, or a session cookie whose signature and expiry
 * hold) — anything else counts as none: a redirect to /signin for a page, 401 for an API.
 *
 * This is the first gate, not the only one: every read of AWS or the portal's database verifies the
 * request again, fully (lib/dal), so nothing depends on this file having run.
 */
export function proxy(request: NextRequest) {
  const c = portalConfig()
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER))
  const nonce = createNonce()
  const isHttps = request.nextUrl.protocol === 'https:' || (c.publicUrl?.startsWith('https:') ?? false)
  const csp = contentSecurityPolicy({ nonce, isDev: c.isDevelopment, isHttps })
  const { pathname, search } = request.nextUrl
  const credentials = credentialsOf(request.headers)

  const finish = (response: NextResponse) => {
    response.headers.set('Content-Security-Policy', csp)
    for (const [name, value] of Object.entries(securityHeaders({ isProduction: c.isProduction }))) response.headers.set(name, value)
    response.headers.set(REQUEST_ID_HEADER, requestId)
    return response
  }

  // The liveness check answers load balancers, which address the instance by IP; a configured token
  // (a metrics scraper inside the network) is no browser a rebinding page could drive.
  const isTokenRequest = credentials.authorization !== null && hasValidCredentials(credentials)
  if (pathname !== '/api/health' && !isTokenRequest && !isAllowedHost(request.headers.get('host'), c.publicUrl))
    return finish(
      refuse(
        appError('forbidden', 'This portal does not answer to that host name.', {
          hint: `Open it at ${c.publicUrl ?? 'http://127.0.0.1'} (set PORTAL_PUBLIC_URL to serve it under another name).`,
        }),
      ),
    )

  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES)
    return finish(
      refuse(
        appError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`, {
          hint: 'Send only the fields the endpoint takes.',
        }),
      ),
    )

  // A browser attaches the cookie to a forged cross-site POST; it never attaches an Authorization header.
  if (
    !isSafeMethod(request.method) &&
    credentials.sessionCookie !== undefined &&
    !credentials.authorization &&
    !isSameOrigin(request.headers, c.publicUrl)
  )
    return finish(
      refuse(appError('forbidden', 'Cross-origin request refused.', { hint: 'Changes can only be made from the portal itself.' })),
    )

  if (!isPublicPath(pathname) && !hasValidCredentials(credentials)) {
    if (isApiPath(pathname) || !isSafeMethod(request.method))
      return finish(
        refuse(appError('unauthenticated', 'Sign in to use the portal.', { hint: 'Sign in, or send Authorization: Bearer <token>.' })),
      )
    // The Host the browser used (nextUrl turns 127.0.0.1 into localhost, whose cookies are another host's).
    const origin = c.publicUrl ?? `${request.nextUrl.protocol}//${request.headers.get('host') ?? request.nextUrl.host}`
    const target = new URL('/signin', origin)
    if (pathname !== '/') target.searchParams.set('next', `${pathname}${search}`)
    return finish(NextResponse.redirect(target, 307))
  }

  const forwarded = new Headers(request.headers)
  forwarded.set(REQUEST_ID_HEADER, requestId)
  forwarded.set(PATHNAME_HEADER, `${pathname}${search}`)
  // Next reads the nonce from the request's CSP header and stamps it on its own scripts and styles.
  forwarded.set('Content-Security-Policy', csp)
  forwarded.set('x-nonce', nonce)
  return finish(NextResponse.next({ request: { headers: forwarded } }))
}

export const config = {
  // Every request but the build's static files: prefetch and flight requests included (they carry data).
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
}
