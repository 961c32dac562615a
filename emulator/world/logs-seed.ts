/**
 * Seeds the CloudWatch Logs of a fresh world: the App Runner service log group (the seeded operations'
 * deployment streams and the events stream) and the application log group.
 */
import { logGroupsOf } from './constants'
import { operationLogLines } from './deployment-log'
import { LogStore } from './log-store'
import { DEFAULT_APPLICATION_EVENTS, seedApplication } from './log-traffic'
import type { ServiceState, WorldState } from './shapes'

const SECOND = 1000

/** The service's two log groups, as App Runner creates them with the service. */
export function createServiceLogGroups(store: LogStore, service: ServiceState): void {
  const groups = logGroupsOf(service)
  store.createGroup(groups.service, service.createdAt - 2 * SECOND)
  store.createGroup(groups.application, service.createdAt - SECOND)
}

function seedService(store: LogStore, service: ServiceState, now: number): void {
  const group = logGroupsOf(service).service
  store.createStream(group, 'events', service.createdAt)
  const events: { timestamp: number; message: string }[] = []
  for (const op of [...service.operations].reverse()) {
    const lines = operationLogLines(service, op)
    const visible = lines.deployment.filter((l) => l.timestamp <= now)
    if (visible.length > 0) store.append(group, `deployment/${op.id}`, visible)
    events.push(...lines.events.filter((l) => l.timestamp <= now))
  }
  store.append(group, 'events', events)
}

export type LogSeedOptions = {
  /** How many request lines the application group gets over the last 24 h (default 3000). */
  events?: number
}

/** Seeds the App Runner log groups from the finished world (operations, scenario, health) as of `now`; none without a service. */
export function createLogStore(world: WorldState, now: number, opts: LogSeedOptions = {}): LogStore {
  const store = new LogStore()
  if (!world.service) return store
  createServiceLogGroups(store, world.service)
  seedService(store, world.service, now)
  seedApplication(store, world, now, Math.max(0, Math.floor(opts.events ?? DEFAULT_APPLICATION_EVENTS)))
  return store
}
