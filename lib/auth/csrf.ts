/**
 * CSRF defence for cookie-authenticated mutations: the request must come from the portal's own
 * origin. Pure (no secrets, no Node APIs) so proxy.ts and route guards share it.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** True for methods that never change state. */
export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method.toUpperCase())

function originOf(value: string | null): string | null {
  if (!value || value === 'null') return null
  try {
    return new URL(value).origin
  } catch {
    return null
  }
}

/**
 * True when the request's Origin (or, lacking it, its Referer) is the portal itself: the configured
 * public URL, or the host the request was addressed to. A missing or opaque (`null`) origin fails,
 * as does a browser-declared cross-site fetch.
 */
export function isSameOrigin(headers: Headers, publicUrl?: string): boolean {
  const fetchSite = headers.get('sec-fetch-site')
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return false
  const origin = originOf(headers.get('origin')) ?? originOf(headers.get('referer'))
  if (!origin) return false
  if (publicUrl && originOf(publicUrl) === origin) return true
  const host = headers.get('host')
  if (!host) return false
  // Compare hosts (with port), not schemes: a TLS-terminating proxy forwards https as http.
  return new URL(origin).host.toLowerCase() === host.toLowerCase()
}

/** True when the request authenticates with a bearer token (which browsers never attach on their own). */
export const hasBearer = (headers: Headers): boolean => /^Bearer\s+\S/i.test(headers.get('authorization') ?? '')
