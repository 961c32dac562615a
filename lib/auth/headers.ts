/**
 * Security headers and request ids for every response. Pure (no secrets, no Node-only APIs) so
 * proxy.ts can use it cheaply on every request.
 */

/** Header carrying the per-request id (set by proxy.ts, echoed on every response, attached to every log line). */
export const REQUEST_ID_HEADER = 'x-request-id'

/** Set by proxy.ts on the forwarded request: the requested path, so layouts can send people back after sign-in. */
export const PATHNAME_HEADER = 'x-portal-pathname'

/** Set by the production server (scripts/portal-server.mjs) from the connection, replacing anything a client sent. */
export const CLIENT_ADDRESS_HEADER = 'x-portal-client-address'

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

/** A caller-supplied request id when it is well-formed, else a fresh one. */
export const requestIdFrom = (value: string | null | undefined): string => (value && REQUEST_ID.test(value) ? value : crypto.randomUUID())

/** A fresh CSP nonce (128 random bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return btoa(String.fromCharCode(...bytes))
}

/**
 * The Content-Security-Policy for a response. Scripts run only with this request's nonce
 * ('strict-dynamic' lets Next's nonce'd loader pull in its chunks); inline style *attributes* are
 * allowed (charts set positions with them) but style elements need the nonce.
 */
export function contentSecurityPolicy({ nonce, isDev, isHttps }: { nonce: string; isDev: boolean; isHttps: boolean }): string {
  return [
    "default-src 'self'",
    // React's dev build needs eval to rebuild server error stacks; the production build does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on the demo's http://127.0.0.1 it would send every asset to a port nobody listens on.
    ...(isHttps ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** The headers every response carries besides the CSP. HSTS only in production. */
export function securityHeaders({ isProduction }: { isProduction: boolean }): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(isProduction ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  }
}

/** The path as routed: percent-encoding undone where it can be (a malformed escape is left as is). */
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return pathname
  }
}

function isPublicPathAsGiven(pathname: string): boolean {
  return (
    pathname === '/signin' ||
    pathname.startsWith('/signin/') ||
    pathname === '/no-access' ||
    pathname.startsWith('/auth/') ||
    pathname === '/api/health' ||
    pathname.startsWith('/_next/') ||
    // Files from public/ (favicon, robots.txt): never a page, never an API route.
    (!pathname.startsWith('/api/') && /\.[a-z0-9]{2,5}$/i.test(pathname))
  )
}

/**
 * Paths anyone may open without signing in: sign-in, its callbacks, the no-access page, the liveness
 * check and static files. A path counts as public only when it is public both as sent and decoded.
 */
export function isPublicPath(pathname: string): boolean {
  return isPublicPathAsGiven(pathname) && isPublicPathAsGiven(decodedPath(pathname))
}

/** API paths answer 401 JSON instead of a redirect to the sign-in page. */
export const isApiPath = (pathname: string): boolean => decodedPath(pathname).toLowerCase().startsWith('/api/')

/** True for a Host header naming this machine (127.0.0.0/8, localhost, [::1]) with any port. */
function isLoopbackHostHeader(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  const h = (name ?? '').toLowerCase()
  if (h === 'localhost' || h === '[::1]') return true
  return /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(h) && h.split('.').every((n) => Number(n) <= 255)
}

/**
 * DNS-rebinding defence: the portal answers only to its public host (PORTAL_PUBLIC_URL) or to a
 * loopback host. A page on another site that rebinds its own name to 127.0.0.1 sends that name as
 * Host and is refused, so it can neither use a one-click sign-in nor read what the portal answers.
 */
export function isAllowedHost(host: string | null, publicUrl: string | undefined): boolean {
  if (!host) return false
  if (isLoopbackHostHeader(host)) return true
  if (!publicUrl) return false
  return new URL(publicUrl).host.toLowerCase() === host.toLowerCase()
}
