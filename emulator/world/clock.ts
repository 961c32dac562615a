/** The world's clock and how long its state changes take (divided by EMULATOR_SPEED). */
import type { World } from './shapes'

const MINUTE = 60_000

export const DURATIONS = {
  dbStop: 3 * MINUTE,
  dbStart: 6 * MINUTE,
  deploy: 5 * MINUTE,
  /** From a failed health check (or image pull) back to the previous version. */
  rollback: 3 * MINUTE,
  pauseResume: 3 * MINUTE,
} as const

/** The world's current time in epoch ms (POST /_emulator/clock moves it ahead of the real clock). */
export function worldNow(world: Pick<World, 'clock'>): number {
  return Date.now() + world.clock.offsetMs
}

/** A duration at the world's speed. */
export const scaled = (world: Pick<World, 'speed'>, ms: number) => Math.max(1, Math.round(ms / world.speed))

/** One state change that becomes due at `at`. */
export type Step = { at: number; apply: () => void }
