/**
 * Time-driven state changes, evaluated lazily from the world clock (no timers): every AWS request
 * and GET /_emulator/state calls `advanceWorld` first. Durations are divided by `world.speed`,
 * except RDS's 7-day automatic restart, which follows the world clock (see POST /_emulator/clock).
 */
import { randomUUID } from 'node:crypto'

import { SERVICE_LOG_GROUP } from './constants'
import type { OperationState } from './shapes'
import { appHealth, type World } from './world'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

export const DURATIONS = {
  dbStop: 3 * MINUTE,
  dbStart: 6 * MINUTE,
  deploy: 5 * MINUTE,
  /** A failed deployment plus its rollback. */
  failedDeploy: 8 * MINUTE,
  pauseResume: 3 * MINUTE,
} as const

/** A stopped RDS instance starts by itself after 7 days. */
export const AUTO_RESTART_MS = 7 * DAY
export const AUTO_RESTART_MESSAGE = 'DB instance is being started due to it exceeding the maximum allowed time being stopped.'

const scaled = (world: World, ms: number) => Math.max(1, Math.round(ms / world.speed))

export function advanceWorld(world: World, now: number): void {
  advanceDb(world, now)
  advanceOperations(world, now)
}

// ---------------------------------------------------------------- RDS

function advanceDb(world: World, now: number): void {
  const db = world.db
  for (let guard = 0; guard < 6; guard++) {
    if (db.status === 'stopping' && db.transitionEndsAt !== undefined && now >= db.transitionEndsAt) {
      db.status = 'stopped'
      db.stoppedAt = db.transitionEndsAt
      db.transitionEndsAt = undefined
      db.events.push({ date: db.stoppedAt, message: 'DB instance stopped', categories: ['notification'], eventId: 'RDS-EVENT-0087' })
      continue
    }
    if (db.status === 'starting' && db.transitionEndsAt !== undefined && now >= db.transitionEndsAt) {
      db.status = 'available'
      db.events.push({ date: db.transitionEndsAt, message: 'DB instance started', categories: ['notification'], eventId: 'RDS-EVENT-0088' })
      db.stoppedAt = undefined
      db.transitionEndsAt = undefined
      continue
    }
    if (db.status === 'stopped' && db.stoppedAt !== undefined && now >= db.stoppedAt + AUTO_RESTART_MS) {
      const at = db.stoppedAt + AUTO_RESTART_MS
      db.status = 'starting'
      db.transitionEndsAt = at + scaled(world, DURATIONS.dbStart)
      db.events.push({ date: at, message: AUTO_RESTART_MESSAGE, categories: ['notification'], eventId: 'RDS-EVENT-0154' })
      continue
    }
    return
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

// ---------------------------------------------------------------- App Runner

const TERMINAL: OperationState['status'][] = ['SUCCEEDED', 'FAILED', 'ROLLBACK_SUCCEEDED', 'ROLLBACK_FAILED']

export const isOperationActive = (op: OperationState) => !TERMINAL.includes(op.status)

export function hasActiveOperation(world: World): boolean {
  return world.service.operations.some(isOperationActive)
}

function deploymentLog(world: World, op: OperationState, at: number, lines: string[]): void {
  world.logs.append(
    SERVICE_LOG_GROUP,
    `deployment/${op.id}`,
    lines.map((message, i) => ({ timestamp: at + i, message: `[AppRunner] ${message}` })),
  )
}

function eventsLog(world: World, at: number, message: string): void {
  world.logs.append(SERVICE_LOG_GROUP, 'events', [{ timestamp: at, message: `[AppRunner] ${message}` }])
}

const tagOf = (image: string | undefined) => (image ? image.slice(image.lastIndexOf(':') + 1) : '')

/** Why deploying `image` would fail now, or undefined when it would succeed. */
export function deployFailure(world: World, image: string, now: number): string | undefined {
  const colon = image.lastIndexOf(':')
  const repoUri = colon > 0 ? image.slice(0, colon) : image
  const tag = colon > 0 ? image.slice(colon + 1) : 'latest'
  const found = world.images.some((i) => i.tags.includes(tag)) && repoUri.endsWith('/appfactory-app')
  if (!found) {
    return `Failed to pull your application image. Be sure you configure your service with a valid access role to your ECR repository. Reason: ${image}: not found: manifest unknown: requested image not found`
  }
  const health = appHealth(world, now)
  if (!health.ok) {
    const hc = world.service.healthCheck
    return `Health check failed on protocol \`${hc.protocol}\` [Path: '${hc.path}'], [Port: '${world.service.port}']. ${health.reason ?? ''}`.trim()
  }
  return undefined
}

/** Starts an App Runner operation: the service goes OPERATION_IN_PROGRESS and the op is listed first. */
export function beginOperation(
  world: World,
  now: number,
  type: OperationState['type'],
  opts: { targetImage?: string; previousImage?: string; failureReason?: string } = {},
): OperationState {
  const failing = opts.failureReason !== undefined
  const base =
    type === 'PAUSE_SERVICE' || type === 'RESUME_SERVICE' ? DURATIONS.pauseResume : failing ? DURATIONS.failedDeploy : DURATIONS.deploy
  const duration = scaled(world, base)
  const op: OperationState = {
    id: randomUUID(),
    type,
    status: 'PENDING',
    startedAt: now,
    updatedAt: now,
    targetImage: opts.targetImage,
    previousImage: opts.previousImage,
    finishesAt: now + duration,
    failureReason: opts.failureReason,
    phases: {
      inProgressAt: now + Math.max(1, Math.round(duration * 0.05)),
      rollbackAt: failing ? now + Math.round(duration * 0.4) : undefined,
    },
  }
  world.service.operations.unshift(op)
  world.service.status = 'OPERATION_IN_PROGRESS'
  world.service.updatedAt = now
  const trigger = type === 'UPDATE_SERVICE' ? 'SERVICE_UPDATE' : type === 'START_DEPLOYMENT' ? 'MANUAL_DEPLOYMENT' : type
  if (type === 'UPDATE_SERVICE' || type === 'START_DEPLOYMENT') {
    deploymentLog(world, op, now, [
      `Deployment with ID : ${op.id} started. Triggering event : ${trigger}`,
      `Deployment Artifact: [Repo Type: ECR], [Image URL: ${(opts.targetImage ?? '').replace(/:[^:/]*$/, '')}], [Image Tag: ${tagOf(opts.targetImage)}]`,
    ])
  } else {
    deploymentLog(world, op, now, [`${type === 'PAUSE_SERVICE' ? 'Pausing' : 'Resuming'} service. Operation ID : ${op.id}`])
  }
  eventsLog(world, now, `Operation ${type} started. Operation ID : ${op.id}`)
  return op
}

function advanceOperations(world: World, now: number): void {
  const service = world.service
  // Oldest first, so logs and the final image follow the order the operations ran in.
  for (const op of [...service.operations].reverse()) {
    if (!isOperationActive(op) || op.finishesAt === undefined) continue
    const phases = op.phases ?? { inProgressAt: op.startedAt }
    const isDeploy = op.type === 'UPDATE_SERVICE' || op.type === 'START_DEPLOYMENT'
    if (op.status === 'PENDING' && now >= phases.inProgressAt) {
      op.status = 'IN_PROGRESS'
      op.updatedAt = phases.inProgressAt
      if (isDeploy) deploymentLog(world, op, phases.inProgressAt, [`Pulling image ${op.targetImage ?? ''} from ECR repository.`])
    }
    if (op.status === 'IN_PROGRESS' && phases.rollbackAt !== undefined && now >= phases.rollbackAt) {
      op.status = 'ROLLBACK_IN_PROGRESS'
      op.updatedAt = phases.rollbackAt
      deploymentLog(world, op, phases.rollbackAt, [
        op.failureReason ?? 'Deployment failed.',
        `Deployment with ID : ${op.id} failed. Rolling back to the previous version ${op.previousImage ?? ''}.`.replace(' .', '.'),
      ])
      if (op.previousImage) service.imageIdentifier = op.previousImage
    }
    if (now >= op.finishesAt) {
      op.endedAt = op.finishesAt
      op.updatedAt = op.finishesAt
      if (op.failureReason !== undefined) {
        op.status = 'ROLLBACK_SUCCEEDED'
        if (op.previousImage) service.imageIdentifier = op.previousImage
        deploymentLog(world, op, op.finishesAt, [
          `Rollback with ID : ${op.id} completed successfully. The service is running the previous version again.`,
        ])
        eventsLog(world, op.finishesAt, `Operation ${op.type} rolled back. Operation ID : ${op.id}`)
      } else {
        op.status = 'SUCCEEDED'
        if (isDeploy) {
          if (op.targetImage) service.imageIdentifier = op.targetImage
          const hc = service.healthCheck
          deploymentLog(world, op, op.finishesAt - 2, [
            `Successfully pulled your application image from ECR.`,
            `Provisioning instances and deploying image for privately accessible service.`,
            `Performing health check on protocol \`${hc.protocol}\` [Path: '${hc.path}'], [Port: '${service.port}'].`,
            `Health check is successful. Routing traffic to application.`,
            `Deployment with ID : ${op.id} completed successfully.`,
          ])
        } else {
          deploymentLog(world, op, op.finishesAt, [`Service ${op.type === 'PAUSE_SERVICE' ? 'paused' : 'resumed'} successfully.`])
        }
        eventsLog(world, op.finishesAt, `Operation ${op.type} completed successfully. Operation ID : ${op.id}`)
      }
      service.status = op.type === 'PAUSE_SERVICE' && op.status === 'SUCCEEDED' ? 'PAUSED' : 'RUNNING'
      service.updatedAt = op.finishesAt
    }
  }
  if (service.operations.some(isOperationActive)) service.status = 'OPERATION_IN_PROGRESS'
}
