/**
 * Time-driven state changes, evaluated lazily from the world clock (no timers): every AWS request and
 * GET /_emulator/state call `advanceWorld` first, which applies every change that is due in the order
 * the changes happened — so an App Runner health check at the end of a deployment sees the database as
 * it was at that moment. Durations are divided by `world.speed`, except RDS's 7-day automatic restart,
 * which follows the world clock (see POST /_emulator/clock).
 */
import { DURATIONS, scaled, type Step } from './clock'
import { nextOperationStep } from './deployments'
import type { DbState, World } from './shapes'

const DAY = 24 * 3_600_000

/** A stopped RDS instance starts by itself after 7 days. */
export const AUTO_RESTART_MS = 7 * DAY
export const AUTO_RESTART_MESSAGE = 'DB instance is being started due to it exceeding the maximum allowed time being stopped.'

/** How each RDS transition ends: the status it reaches, what the instance records, and the event RDS writes. */
const TRANSITION_ENDS: Record<
  string,
  { to: string; message: string; category: string; eventId: string; record: (db: DbState, at: number) => void }
> = {
  creating: {
    to: 'available',
    message: 'DB instance created',
    category: 'creation',
    eventId: 'RDS-EVENT-0005',
    record: (db, at) => {
      db.availableAt = at
    },
  },
  stopping: {
    to: 'stopped',
    message: 'DB instance stopped',
    category: 'notification',
    eventId: 'RDS-EVENT-0087',
    record: (db, at) => {
      db.stoppedAt = at
    },
  },
  starting: {
    to: 'available',
    message: 'DB instance started',
    category: 'notification',
    eventId: 'RDS-EVENT-0088',
    record: (db) => {
      db.stoppedAt = undefined
    },
  },
}

function nextDbStep(world: World): Step | undefined {
  const db = world.db
  const end = TRANSITION_ENDS[db.status]
  if (end && db.transitionEndsAt !== undefined) {
    const at = db.transitionEndsAt
    return {
      at,
      apply: () => {
        db.status = end.to
        end.record(db, at)
        db.transitionEndsAt = undefined
        db.events.push({ date: at, message: end.message, categories: [end.category], eventId: end.eventId })
      },
    }
  }
  if (db.status === 'stopped' && db.stoppedAt !== undefined) {
    const at = db.stoppedAt + AUTO_RESTART_MS
    return {
      at,
      apply: () => {
        db.status = 'starting'
        db.transitionEndsAt = at + scaled(world, DURATIONS.dbStart)
        db.events.push({ date: at, message: AUTO_RESTART_MESSAGE, categories: ['notification'], eventId: 'RDS-EVENT-0154' })
      },
    }
  }
  return undefined
}

/** Another source of time-ordered changes (EventBridge Scheduler's invocations), interleaved with the world's own. */
export type StepSource = (world: World) => Step | undefined

/** Applies every change due by `now`, oldest first (the world's own, and those of `more`). */
export function advanceWorld(world: World, now: number, more: StepSource[] = []): void {
  for (let guard = 0; guard < 100_000; guard++) {
    let next: Step | undefined
    const operations = world.service?.operations ?? []
    const steps = [nextDbStep(world), ...operations.map((op) => nextOperationStep(world, op)), ...more.map((m) => m(world))]
    for (const step of steps) {
      if (step && step.at <= now && (!next || step.at < next.at)) next = step
    }
    if (!next) return
    next.apply()
  }
}

/** available → stopping. The caller has checked the state. */
export function beginDbStop(world: World, now: number): void {
  const db = world.db
  db.status = 'stopping'
  db.transitionEndsAt = now + scaled(world, DURATIONS.dbStop)
  db.events.push({ date: now, message: 'DB instance shutdown', categories: ['notification'], eventId: 'RDS-EVENT-0087' })
}

/** stopped → starting. The caller has checked the state. */
export function beginDbStart(world: World, now: number): void {
  const db = world.db
  db.status = 'starting'
  db.transitionEndsAt = now + scaled(world, DURATIONS.dbStart)
  db.events.push({ date: now, message: 'DB instance is being started', categories: ['notification'], eventId: 'RDS-EVENT-0088' })
}

/** When a stopped instance will start by itself. */
export function automaticRestartTime(world: World): number | undefined {
  return world.db.status === 'stopped' && world.db.stoppedAt !== undefined ? world.db.stoppedAt + AUTO_RESTART_MS : undefined
}
