/** What one running emulator holds: its settings, the world, injected faults, and the call log. */
import { SCENARIOS, type Scenario } from '../world/constants'
import type { World } from '../world/shapes'
import { createWorld, DEFAULT_IMAGE_COUNT, isScenario } from '../world/world'
import type { Credential } from './credentials'
import type { Fault } from './faults'

export type EmulatorOptions = {
  /** 0 = a random free port. Default 4566. */
  port?: number
  host?: '127.0.0.1'
  scenario?: Scenario
  /** Transition speed multiplier (default 1). */
  speed?: number
  /** Latency added to every AWS call (not to control routes). */
  latencyMs?: number
  /** How many ECR images (default 12). */
  images?: number
  /** How many application log events the world starts with (default: the world's own default). */
  logEvents?: number
  /** The accepted access keys (EMULATOR_CREDENTIALS); undefined = any key, signatures not verified. */
  credentials?: Credential[]
  /** Check every answer against the operation's output shape; a mismatch answers InternalFailure and is kept in `outputProblems`. */
  checkOutputs?: boolean
}

/**
 * One AWS call in GET /_emulator/calls/timeline: `endMs` is null while it is being answered. `subject`
 * names what a read is about where one operation reads several things (the attribute a CloudTrail
 * lookup filters by, the query ids of a GetMetricData), so calls can be counted per resource.
 */
export type TimelineEntry = { call: string; startMs: number; endMs: number | null; subject?: string }
export const TIMELINE_CAP = 2000

export type EmulatorState = {
  settings: Required<Pick<EmulatorOptions, 'scenario' | 'speed' | 'latencyMs' | 'images'>> &
    Pick<EmulatorOptions, 'logEvents' | 'credentials'> & { checkOutputs: boolean; appUrl: string }
  world: World
  faults: Fault[]
  calls: Record<string, number>
  timeline: TimelineEntry[]
  /** Answers that did not fit their output shape (only with `checkOutputs`). */
  outputProblems: string[]
  /** Milliseconds since the emulator started (for the timeline). */
  since(): number
  /** A fresh world in the given scenario (and the credentials the emulator started with). */
  reset(scenario: Scenario): void
}

export function createState(opts: EmulatorOptions, appUrl: string): EmulatorState {
  const settings = {
    scenario: opts.scenario ?? 'healthy',
    speed: opts.speed ?? 1,
    latencyMs: opts.latencyMs ?? 0,
    images: opts.images ?? DEFAULT_IMAGE_COUNT,
    logEvents: opts.logEvents,
    credentials: opts.credentials,
    checkOutputs: opts.checkOutputs ?? false,
    appUrl,
  }
  if (!isScenario(settings.scenario))
    throw new Error(`Unknown scenario "${String(settings.scenario)}". Valid scenarios: ${SCENARIOS.join(', ')}`)
  if (!(settings.speed > 0)) throw new Error('speed must be > 0')
  if (!Number.isInteger(settings.images) || settings.images < 3) throw new Error('images must be an integer >= 3')
  const startedAt = performance.now()
  const build = (scenario: Scenario) =>
    createWorld({ scenario, speed: settings.speed, images: settings.images, appUrl, logEvents: settings.logEvents })
  const state: EmulatorState = {
    settings,
    world: build(settings.scenario),
    faults: [],
    calls: {},
    timeline: [],
    outputProblems: [],
    since: () => Math.round((performance.now() - startedAt) * 10) / 10,
    reset(scenario) {
      state.world = build(scenario)
      state.settings.credentials = opts.credentials
      state.faults = []
      state.calls = {}
      state.timeline = []
    },
  }
  return state
}
