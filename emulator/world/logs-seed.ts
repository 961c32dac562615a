/**
 * Seeds the CloudWatch Logs of a fresh world: the App Runner service log group (the seeded operations'
 * deployment streams and the events stream) and the application log group.
 */
import { APPLICATION_LOG_GROUP, SERVICE_LOG_GROUP } from './constants'
import { operationLogLines } from './deployment-log'
import { LogStore } from './log-store'
import { DEFAULT_APPLICATION_EVENTS, seedApplication } from './log-traffic'
import type { WorldState } from './shapes'

const SECOND = 1000

function seedService(store: LogStore, world: WorldState, now: number): void {
  const service = world.service
  store.createStream(SERVICE_LOG_GROUP, 'events', service.createdAt)
  const events: { timestamp: number; message: string }[] = []
  for (const op of [...service.operations].reverse()) {
    const lines = operationLogLines(service, op)
    const visible = lines.deployment.filter((l) => l.timestamp <= now)
    if (visible.length > 0) store.append(SERVICE_LOG_GROUP, `deployment/${op.id}`, visible)
    events.push(...lines.events.filter((l) => l.timestamp <= now))
  }
  store.append(SERVICE_LOG_GROUP, 'events', events)
}

export type LogSeedOptions = {
  /** How many request lines the application group gets over the last 24 h (default 3000). */
  events?: number
}

/** Seeds the App Runner log groups from the finished world (operations, scenario, health) as of `now`. */
export function createLogStore(world: WorldState, now: number, opts: LogSeedOptions = {}): LogStore {
  const store = new LogStore()
  store.createGroup(SERVICE_LOG_GROUP, world.service.createdAt - 2 * SECOND)
  store.createGroup(APPLICATION_LOG_GROUP, world.service.createdAt - SECOND)
  seedService(store, world, now)
  seedApplication(store, world, now, Math.max(0, Math.floor(opts.events ?? DEFAULT_APPLICATION_EVENTS)))
  return store
}
