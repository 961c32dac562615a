/**
 * The control surface under /_emulator/ (JSON): reset the world, read it, inject faults, read the call
 * log, move the clock, change the accepted credentials. Tests and the bench drive the emulator through
 * it; AWS clients never see it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import { worldNow } from '../world/clock'
import { SCENARIOS } from '../world/constants'
import { appHealth } from '../world/health'
import { isScenario } from '../world/world'
import { parseCredentials } from './credentials'
import { parseFault, type Fault } from './faults'
import { readBody, sendJson } from './http'
import { isRecord } from './input'
import type { EmulatorState } from './state'
import { advance } from './advance'

/** Which keys are accepted (never their secrets); null = any key, signatures not verified. */
const acceptedKeys = (state: EmulatorState) =>
  state.settings.credentials?.map((c) => ({ accessKeyId: c.accessKeyId, identityArn: c.identity.arn })) ?? null

export async function serveControl(state: EmulatorState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`
  const raw = (await readBody(req)).toString('utf8')
  let body: unknown = {}
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw)
    } catch {
      return sendJson(res, 400, { error: 'body must be JSON' })
    }
  }
  switch (route) {
    case 'GET /_emulator/health':
      return sendJson(res, 200, { status: 'ok' })
    case 'POST /_emulator/reset': {
      const scenario = isRecord(body) ? body.scenario : undefined
      if (scenario !== undefined && !isScenario(scenario))
        return sendJson(res, 400, { error: `Unknown scenario "${String(scenario)}". Valid scenarios: ${SCENARIOS.join(', ')}` })
      state.reset(scenario ?? state.settings.scenario)
      return sendJson(res, 200, { ok: true, scenario: state.world.scenario })
    }
    case 'GET /_emulator/state': {
      const world = state.world
      const now = worldNow(world)
      advance(world, now)
      return sendJson(res, 200, {
        ...world,
        now,
        appHealth: appHealth(world),
        faults: state.faults,
        latencyMs: state.settings.latencyMs,
        credentials: acceptedKeys(state),
      })
    }
    case 'POST /_emulator/faults': {
      const list = Array.isArray(body) ? body : [body]
      const parsed: Fault[] = []
      for (const item of list) {
        const f = parseFault(item)
        if (typeof f === 'string') return sendJson(res, 400, { error: f })
        parsed.push(f)
      }
      state.faults.push(...parsed)
      return sendJson(res, 200, { faults: state.faults })
    }
    case 'GET /_emulator/faults':
      return sendJson(res, 200, { faults: state.faults })
    case 'DELETE /_emulator/faults':
      state.faults = []
      return sendJson(res, 200, { faults: state.faults })
    case 'GET /_emulator/calls':
      return sendJson(res, 200, state.calls)
    case 'DELETE /_emulator/calls':
      state.calls = {}
      state.timeline = []
      return sendJson(res, 200, state.calls)
    case 'GET /_emulator/calls/timeline':
      return sendJson(res, 200, { nowMs: state.since(), calls: state.timeline })
    case 'GET /_emulator/credentials':
      return sendJson(res, 200, { credentials: acceptedKeys(state) })
    case 'PUT /_emulator/credentials': {
      // Replaces the accepted keys (EMULATOR_CREDENTIALS syntax; null = any key) until the next reset:
      // a key rotated or deactivated under a running portal.
      const text = isRecord(body) ? body.credentials : undefined
      if (text === null) state.settings.credentials = undefined
      else {
        const parsed =
          typeof text === 'string' ? parseCredentials(text) : 'credentials must be a string "accessKeyId:secret[:identityArn],…" or null'
        if (typeof parsed === 'string') return sendJson(res, 400, { error: parsed })
        state.settings.credentials = parsed
      }
      return sendJson(res, 200, { credentials: acceptedKeys(state) })
    }
    case 'POST /_emulator/clock': {
      const advanceMs = isRecord(body) ? body.advanceMs : undefined
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs)) return sendJson(res, 400, { error: 'advanceMs must be a number' })
      state.world.clock.offsetMs += advanceMs
      const now = worldNow(state.world)
      advance(state.world, now)
      return sendJson(res, 200, { now, offsetMs: state.world.clock.offsetMs })
    }
    default:
      return sendJson(res, 404, { error: `Unknown control route ${route}` })
  }
}
