/**
 * `npm run emulator`: the local AWS emulator on 127.0.0.1 (EMULATOR_PORT, default 4566).
 * Env: EMULATOR_SCENARIO, EMULATOR_SPEED, EMULATOR_LATENCY_MS, EMULATOR_IMAGES, EMULATOR_CREDENTIALS
 * (see the README's configuration table), and EMULATOR_LOG_EVENTS (how many application log events the
 * world starts with; scale benchmarks).
 */
import { parseCredentials } from './core/credentials'
import { startEmulator } from './core/server'
import { SCENARIOS } from './world/constants'
import { isScenario } from './world/world'

function fail(message: string): never {
  console.error(`emulator: ${message}`)
  process.exit(2)
}

function intEnv(name: string, dflt: number, min: number, max: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return dflt
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be an integer from ${min} to ${max} (got "${raw}")`)
  return n
}

function numberEnv(name: string, dflt: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return dflt
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) fail(`${name} must be a number greater than 0 (got "${raw}")`)
  return n
}

async function main(): Promise<void> {
  const port = intEnv('EMULATOR_PORT', 4566, 0, 65535)
  const scenarioRaw = process.env.EMULATOR_SCENARIO?.trim() || 'healthy'
  if (!isScenario(scenarioRaw)) fail(`EMULATOR_SCENARIO "${scenarioRaw}" is not a scenario. Valid scenarios: ${SCENARIOS.join(', ')}`)
  const speed = numberEnv('EMULATOR_SPEED', 1)
  const latencyMs = intEnv('EMULATOR_LATENCY_MS', 0, 0, 60_000)
  const images = intEnv('EMULATOR_IMAGES', 12, 3, 100_000)
  const logEvents = process.env.EMULATOR_LOG_EVENTS?.trim() ? intEnv('EMULATOR_LOG_EVENTS', 0, 0, 1_000_000) : undefined
  const credentialsRaw = process.env.EMULATOR_CREDENTIALS?.trim()
  const credentials = credentialsRaw ? parseCredentials(credentialsRaw) : undefined
  if (typeof credentials === 'string') fail(`EMULATOR_CREDENTIALS: ${credentials}`)

  let emulator
  try {
    emulator = await startEmulator({ port, host: '127.0.0.1', scenario: scenarioRaw, speed, latencyMs, images, logEvents, credentials })
  } catch (e: unknown) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : ''
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use (set EMULATOR_PORT to another port, or stop the other process)`)
    throw e
  }
  const auth = credentials
    ? `${credentials.length} access key${credentials.length === 1 ? '' : 's'}, signatures verified`
    : 'any access key'
  console.log(`AWS emulator listening on ${emulator.url} (scenario ${scenarioRaw}; ${auth})`)

  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    emulator
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(0))
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((e: unknown) => {
  console.error('emulator: failed to start:', e)
  process.exit(1)
})
