import { type NextRequest, NextResponse } from 'next/server'

import { hasBearer, isSafeMethod, isSameOrigin } from '@/lib/auth/csrf'
import { SESSION_COOKIE } from '@/lib/auth/cookie-names'
import {
  contentSecurityPolicy,
  createNonce,
  isPublicPath,
  PATHNAME_HEADER,
  REQUEST_ID_HEADER,
  requestIdFrom,
  securityHeaders,
} from '@/lib/auth/headers'
import { config as portalConfig } from '@/lib/config'
import { appError, errorStatus } from '@/lib/domain/errors'

/**
 * Runs before every request: request id, CSP nonce and security headers on every response; the
 * CSRF Origin check for cookie-authenticated mutations; a redirect to /signin for page requests
 * that carry no credentials at all. Sessions and tokens are *verified* where they are used
 * (layouts, route handlers, actions), never only here.
 */
export function proxy(request: NextRequest) {
  const c = portalConfig()
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER))
  const nonce = createNonce()
  const isHttps = request.nextUrl.protocol === 'https:' || (c.publicUrl?.startsWith('https:') ?? false)
  const csp = contentSecurityPolicy({ nonce, isDev: c.isDevelopment, isHttps })
  const { pathname, search } = request.nextUrl
  const hasSessionCookie = request.cookies.has(SESSION_COOKIE)
  const isBearer = hasBearer(request.headers)

  const finish = (response: NextResponse) => {
    response.headers.set('Content-Security-Policy', csp)
    for (const [name, value] of Object.entries(securityHeaders({ isProduction: c.isProduction }))) response.headers.set(name, value)
    response.headers.set(REQUEST_ID_HEADER, requestId)
    return response
  }

  // A browser attaches the cookie to a forged cross-site POST; it never attaches an Authorization header.
  if (!isSafeMethod(request.method) && hasSessionCookie && !isBearer && !isSameOrigin(request.headers, c.publicUrl)) {
    return finish(
      NextResponse.json(
        { error: appError('forbidden', 'Cross-origin request refused.', { hint: 'Changes can only be made from the portal itself.' }) },
        { status: errorStatus.forbidden, headers: { 'Cache-Control': 'no-store' } },
      ),
    )
  }

  if (isSafeMethod(request.method) && !isPublicPath(pathname) && !hasSessionCookie && !isBearer) {
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
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
