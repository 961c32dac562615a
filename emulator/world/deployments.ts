/**
 * App Runner operations as App Runner runs them: an operation is listed at once (PENDING), goes
 * IN_PROGRESS, and a deployment pulls the image, then health-checks the new version near its end
 * against the world as it is *then* (database state, security groups, DATABASE_URL). A failed pull or
 * health check goes ROLLBACK_IN_PROGRESS → ROLLBACK_SUCCEEDED, back on the previous image, with the
 * cause in the deployment log. Pause and resume always succeed.
 */
import { randomUUID } from 'node:crypto'

import { DURATIONS, scaled, type Step } from './clock'
import { healthCheckTarget, writePhase } from './deployment-log'
import { appHealth } from './health'
import type { OperationState, World } from './shapes'

const TERMINAL: OperationState['status'][] = ['SUCCEEDED', 'FAILED', 'ROLLBACK_SUCCEEDED', 'ROLLBACK_FAILED']

export const isOperationActive = (op: OperationState) => !TERMINAL.includes(op.status)

export function hasActiveOperation(world: World): boolean {
  return world.service.operations.some(isOperationActive)
}

const isDeployment = (op: OperationState) => op.type === 'UPDATE_SERVICE' || op.type === 'START_DEPLOYMENT'

/** Why App Runner could not pull `image` from ECR (it is not in the repository), or undefined when it can. */
export function pullFailure(world: World, image: string): string | undefined {
  const colon = image.lastIndexOf(':')
  const repoUri = colon > 0 ? image.slice(0, colon) : image
  const tag = colon > 0 ? image.slice(colon + 1) : 'latest'
  if (world.images.some((i) => i.tags.includes(tag)) && repoUri.endsWith('/appfactory-app')) return undefined
  return `Failed to pull your application image. Be sure you configure your service with a valid access role to your ECR repository. Reason: ${image}: not found: manifest unknown: requested image not found`
}

/** Starts an App Runner operation: the service goes OPERATION_IN_PROGRESS and the operation is listed first. */
export function beginOperation(
  world: World,
  now: number,
  type: OperationState['type'],
  opts: { targetImage?: string; previousImage?: string } = {},
): OperationState {
  const deploys = type === 'UPDATE_SERVICE' || type === 'START_DEPLOYMENT'
  const duration = scaled(world, deploys ? DURATIONS.deploy : DURATIONS.pauseResume)
  const pull = deploys && opts.targetImage ? pullFailure(world, opts.targetImage) : undefined
  const op: OperationState = {
    id: randomUUID(),
    type,
    status: 'PENDING',
    startedAt: now,
    updatedAt: now,
    targetImage: opts.targetImage,
    previousImage: opts.previousImage,
    finishesAt: now + duration,
    phases: {
      inProgressAt: now + Math.max(1, Math.round(duration * 0.05)),
      // A missing image fails at the pull; a pulled one is health-checked near the end.
      checkAt: deploys ? now + Math.round(duration * (pull ? 0.15 : 0.7)) : undefined,
      pullFailure: pull,
    },
  }
  world.service.operations.unshift(op)
  world.service.status = 'OPERATION_IN_PROGRESS'
  world.service.updatedAt = now
  writePhase(world, op, 'started', now)
  return op
}

function fail(world: World, op: OperationState, at: number, reason: string, phase: 'pullFailed' | 'unhealthy'): void {
  op.status = 'ROLLBACK_IN_PROGRESS'
  op.updatedAt = at
  op.failureReason = reason
  op.finishesAt = at + scaled(world, DURATIONS.rollback)
  if (op.previousImage) world.service.imageIdentifier = op.previousImage
  writePhase(world, op, phase, at)
}

function finish(world: World, op: OperationState, at: number): void {
  const s = world.service
  op.endedAt = at
  op.updatedAt = at
  if (op.status === 'ROLLBACK_IN_PROGRESS') {
    op.status = 'ROLLBACK_SUCCEEDED'
    writePhase(world, op, 'rolledBack', at)
  } else {
    op.status = 'SUCCEEDED'
    if (isDeployment(op) && op.targetImage) s.imageIdentifier = op.targetImage
    writePhase(world, op, 'succeeded', at)
  }
  s.updatedAt = at
  s.status = s.operations.some((o) => o !== op && isOperationActive(o))
    ? 'OPERATION_IN_PROGRESS'
    : op.type === 'PAUSE_SERVICE' && op.status === 'SUCCEEDED'
      ? 'PAUSED'
      : 'RUNNING'
}

/** The next change of one operation, if it has one. */
export function nextOperationStep(world: World, op: OperationState): Step | undefined {
  if (!isOperationActive(op) || op.finishesAt === undefined) return undefined
  const phases = op.phases ?? { inProgressAt: op.startedAt }
  if (op.status === 'PENDING') {
    const at = phases.inProgressAt
    return {
      at,
      apply: () => {
        op.status = 'IN_PROGRESS'
        op.updatedAt = at
        if (isDeployment(op)) writePhase(world, op, 'inProgress', at)
      },
    }
  }
  if (op.status === 'IN_PROGRESS' && isDeployment(op) && phases.checkAt !== undefined && !phases.checked) {
    const at = phases.checkAt
    return {
      at,
      apply: () => {
        phases.checked = true
        if (phases.pullFailure) return fail(world, op, at, phases.pullFailure, 'pullFailed')
        const health = appHealth(world)
        if (health.ok) return writePhase(world, op, 'healthy', at)
        fail(
          world,
          op,
          at,
          `Health check failed on protocol ${healthCheckTarget(world.service)}. ${health.reason ?? ''}`.trim(),
          'unhealthy',
        )
      },
    }
  }
  const at = op.finishesAt
  return { at, apply: () => finish(world, op, at) }
}
