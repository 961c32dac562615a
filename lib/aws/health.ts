import 'server-only'

import { config, isLoopbackUrl } from '@/lib/config'
import { serviceHref } from '@/lib/console-links'

export type HealthProbe = {
  /** The full URL that was requested. */
  url: string
  /** HTTP status, or null when no answer arrived (timeout, refused, DNS). */
  status: number | null
  /** Time until the answer (or the failure), in milliseconds. */
  ms: number
  error?: string
}

export const HEALTH_TIMEOUT_MS = 3000

/** The health URL: the service's link (scheme rules in `serviceHref`) plus the configured path. */
export function healthUrl(serviceUrl: string, healthPath: string): string {
  return `${serviceHref(serviceUrl.trim().replace(/\/+$/, ''))}${healthPath}`
}

/** The network error code (ECONNREFUSED, ENOTFOUND…) undici puts in `cause`. */
function causeCode(e: unknown): string | undefined {
  if (!(e instanceof Error) || typeof e.cause !== 'object' || e.cause === null) return undefined
  const code: unknown = 'code' in e.cause ? e.cause.code : undefined
  return typeof code === 'string' ? code : e.cause instanceof Error ? e.cause.message : undefined
}

/**
 * Whether the portal may fetch this health URL: only App Runner's own `https://<id>.<region>.awsapprunner.com`,
 * or — when AWS_ENDPOINT_URL is a loopback emulator — a URL on that very origin. The URL comes from
 * an AWS answer; without this rule a changed ServiceUrl would make the portal fetch any address
 * (an internal service, the instance metadata endpoint) on the viewer's behalf.
 */
export function isProbeAllowed(url: string, { region, endpointUrl }: { region: string; endpointUrl: string | undefined }): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.username || u.password) return false
  const appRunnerHost = new RegExp(`^[a-z0-9]{1,64}\\.${region.replace(/[^a-z0-9-]/g, '')}\\.awsapprunner\\.com$`)
  if (u.protocol === 'https:' && u.port === '' && appRunnerHost.test(u.hostname)) return true
  return endpointUrl !== undefined && isLoopbackUrl(endpointUrl) && u.origin === new URL(endpointUrl).origin
}

/** GETs the service's health path with a 3 s timeout. Never throws: failures come back as `status: null` with `error`. */
export async function probeHealth(serviceUrl: string): Promise<HealthProbe> {
  const c = config()
  const url = healthUrl(serviceUrl, c.healthPath)
  if (!isProbeAllowed(url, c))
    return {
      url,
      status: null,
      ms: 0,
      error: 'not probed: the service URL is not an App Runner URL (https://<id>.<region>.awsapprunner.com)',
    }
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const res = await fetch(url, { method: 'GET', redirect: 'manual', cache: 'no-store', signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) })
    // Drain the body so the connection is released; its content is not needed.
    await res.arrayBuffer().catch(() => undefined)
    return { url, status: res.status, ms: elapsed() }
  } catch (e) {
    const name = e instanceof Error ? e.name : ''
    const cause = causeCode(e)
    const error =
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${HEALTH_TIMEOUT_MS / 1000} s`
        : `request failed${cause ? ` (${cause})` : ''}`
    return { url, status: null, ms: elapsed(), error }
  }
}
