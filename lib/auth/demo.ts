import 'server-only'

import { loadSharedConfigFiles } from '@smithy/core/config'

import { config } from '@/lib/config'
import { logger } from '@/lib/logger'
import { processState } from '@/lib/process-state'

/**
 * Demo sign-in hands a role to anyone who clicks, so it is on only when it provably cannot reach
 * real AWS: asked for (PORTAL_DEMO_AUTH=on, which `npm run demo` sets), AWS_ENDPOINT_URL loopback
 * and passed to every client as their endpoint, no AWS_ENDPOINT_URL_<SERVICE> or ignore flag in the
 * environment or the profile, and the endpoint answering the emulator's control route when the
 * portal starts. Anything else keeps it off, with the reason in the log and on the sign-in page.
 */
export type DemoStatus = { isOn: boolean; reason: string | null }

type State = { status: DemoStatus | null; checking: Promise<DemoStatus> | null }
const state = processState<State>('demo-sign-in', () => ({ status: null, checking: null }))

const CONTROL_ROUTE = '/_emulator/state'
const PROBE_TIMEOUT_MS = 3000

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The profile's `ignore_configured_endpoint_urls`, or null when the shared config files say nothing (or cannot be read). */
async function profileIgnoresEndpoints(profile: string, configFile: string | undefined): Promise<boolean> {
  const files = await loadSharedConfigFiles(configFile ? { configFilepath: configFile } : {})
  const value = files.configFile[profile]?.ignore_configured_endpoint_urls
  return value !== undefined && value.trim().toLowerCase() !== 'false'
}

/** True when `endpoint` answers the emulator's control route with its world (a JSON object). */
async function answersAsEmulator(endpoint: string): Promise<boolean> {
  try {
    const r = await fetch(new URL(CONTROL_ROUTE, endpoint), { redirect: 'error', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    if (!r.ok) return false
    const body: unknown = await r.json()
    return isRecord(body) && typeof body.scenario === 'string' && isRecord(body.service)
  } catch {
    return false
  }
}

/** Works out whether demo sign-in may be on (the I/O half of the decision; lib/config holds the rest). */
export async function decideDemoSignIn(): Promise<DemoStatus> {
  const c = config()
  if (!c.demoAuth) return { isOn: false, reason: c.demoAuthRefusal }
  const endpoint = c.endpointUrl
  if (!endpoint) return { isOn: false, reason: 'AWS_ENDPOINT_URL is not set' }
  const profile = c.awsProfile ?? 'default'
  if (await profileIgnoresEndpoints(profile, c.awsConfigFile).catch(() => false))
    return { isOn: false, reason: `the AWS profile ${profile} sets ignore_configured_endpoint_urls` }
  if (!(await answersAsEmulator(endpoint)))
    return { isOn: false, reason: `${endpoint} does not answer the emulator's control route (${CONTROL_ROUTE})` }
  return { isOn: true, reason: null }
}

/** Decides once per process (at start-up; on first use in `next dev`) and logs a refusal. */
export function checkDemoSignIn(): Promise<DemoStatus> {
  if (state.status) return Promise.resolve(state.status)
  state.checking ??= decideDemoSignIn().then((status) => {
    state.status = status
    state.checking = null
    if (status.isOn) logger().info('demo sign-in is on (AWS_ENDPOINT_URL answers as the local emulator)')
    else if (status.reason) logger().warn({ reason: status.reason }, 'demo sign-in was asked for but stays off')
    return status
  })
  return state.checking
}

/** The decision so far: off until the start-up check has confirmed the emulator. */
export function demoSignInStatus(): DemoStatus {
  return state.status ?? { isOn: false, reason: config().demoAuth ? 'not checked yet' : config().demoAuthRefusal }
}

/** Forgets the decision (tests that change the environment). */
export function resetDemoSignInForTests(): void {
  state.status = null
  state.checking = null
}
