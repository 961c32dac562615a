import 'server-only'

import { type LedgerEntry, listLedger, recordDeployment, updateDeploymentStatus } from '@/lib/audit/ledger'
import { findImagesBySha } from '@/lib/aws/ecr'
import { runtime } from '@/lib/aws/runtime'
import { type DeploymentKind, type DeployStarted, redeployInputSchema } from '@/lib/domain/actions'
import type { Actor } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { isOperationActive, type Operation } from '@/lib/domain/service'
import { isFullSha, shortSha } from '@/lib/domain/sha'
import { withLock } from '@/lib/locks'
import { logger } from '@/lib/logger'
import { processState } from '@/lib/process-state'
import { err, ok, type Result } from '@/lib/result'

import { criticalCount, currentLedger, getRollbackTarget, resolveImage } from './deployment-reads'
import { audited, authorize, fresh, invalidInput, locks, targets } from './support'

/*
 * Deployments: the writes. Deploy a SHA, redeploy what runs, roll back — each audited, authorised,
 * re-verified against AWS under the service lock — and the ledger of what the portal started, whose
 * outcome is stored here too (`recordOutcomes`), never by a read.
 */

/**
 * The service's operations read fresh (a value read before this call is not reused; a read already
 * under way is joined), and the one in progress, if any.
 */
async function freshOperations(): Promise<Result<{ operations: Operation[]; running: Operation | null }>> {
  const ops = await fresh(runtime.listOperations)
  if (!ops.ok) return ops
  return ok({ operations: ops.data.operations, running: ops.data.operations.find((o) => isOperationActive(o.status)) ?? null })
}

const busy = (op: Operation) =>
  appError('conflict', `${runtime.label} operation ${op.id} (${op.type}) is ${op.status}; a new deployment has to wait until it ends.`, {
    hint: 'Follow it on the deployments page and retry when it has finished.',
  })

/**
 * Stores in the ledger what the runtime now says about the portal's deployments among `operations`:
 * status, end and (for a failed one) the reason from its deployment log. The explicit reconciliation
 * step: run by a deployment's follower when it ends, and before every new deployment. Never throws.
 */
export async function recordOutcomes(operations: readonly Operation[]): Promise<void> {
  try {
    const stored = await listLedger()
    const current = await currentLedger(operations, stored)
    for (const [i, e] of current.entries()) {
      const before = stored[i]
      if (!before || e.status === null || (before.status === e.status && before.reason === e.reason)) continue
      await updateDeploymentStatus(e.operationId, { status: e.status, reason: e.reason, endedAt: e.endedAt })
    }
  } catch (e: unknown) {
    // The history still shows live statuses; the next deployment or follower stores them.
    logger().error({ err: e }, 'deployment ledger: could not store outcomes')
  }
}

export type FollowOptions = {
  /** Pause between looks at the operation (ms); the reads are cached, so viewers and the follower share them. */
  pollMs?: number
  /** Longest a deployment is followed (ms); a redeploy or rollback records any outcome it finds later. */
  timeoutMs?: number
}

type Follower = { done: Promise<void>; stop: () => void }
const followers = (): Map<string, Follower> => processState('deployment-followers', () => new Map<string, Follower>())

/** Follows a deployment the portal started until it ends, then records its outcome in the ledger. */
function follow(operationId: string, o: Required<FollowOptions>): void {
  const map = followers()
  if (map.has(operationId)) return
  const deadline = Date.now() + o.timeoutMs
  let stopped = false
  let wake: () => void = () => undefined
  const run = async () => {
    while (!stopped) {
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, o.pollMs).unref()
      })
      if (stopped) return
      const ops = await runtime.listOperations()
      const op = ops.ok ? ops.data.operations.find((x) => x.id === operationId) : undefined
      if (ops.ok && (!op || !isOperationActive(op.status))) return recordOutcomes(ops.data.operations)
      if (Date.now() >= deadline) return
    }
  }
  const done = run()
    .catch((e: unknown) => logger().error({ err: e, operationId }, 'deployment follower failed'))
    .finally(() => {
      if (map.get(operationId)?.done === done) map.delete(operationId)
    })
  map.set(operationId, {
    done,
    stop: () => {
      stopped = true
      wake()
    },
  })
}

/** Resolves when the follower of a deployment has recorded its outcome (tests; never awaited by routes). */
export async function deploymentSettled(operationId: string): Promise<void> {
  await followers().get(operationId)?.done
}

/** Stops every follower without recording anything. For tests only, between cases. */
export function stopDeploymentFollowersForTests(): void {
  for (const f of followers().values()) f.stop()
  followers().clear()
}

const followDefaults: Required<FollowOptions> = { pollMs: 5000, timeoutMs: 60 * 60_000 }

type Start = {
  kind: DeploymentKind
  image: { sha: string | null; digest: string | null }
  overrideReason: string | null
  actor: Actor
  redeploy: boolean
  follow: Required<FollowOptions>
}

/** Writes the ledger entry of a deployment that has started; a store failure is logged, never turned into an error (the runtime already deploys). */
async function safeLedger(operationId: string, entry: LedgerEntry): Promise<void> {
  await recordDeployment(entry).catch((e: unknown) => logger().error({ err: e, operationId }, 'deployment ledger: could not record'))
}

/** Under the service lock: re-check that nothing runs, make the one runtime call, write the ledger. */
function startDeploymentLocked(s: Start): Promise<Result<DeployStarted>> {
  return withLock(
    locks.service,
    async () => {
      const ops = await freshOperations()
      if (!ops.ok) return ops
      if (ops.data.running) return err(busy(ops.data.running))
      // Earlier deployments have all ended: store their outcomes before the ledger grows.
      await recordOutcomes(ops.data.operations)
      const service = await fresh(runtime.getService)
      if (!service.ok) return service
      if (service.data.status === 'PAUSED') {
        return err(
          appError('conflict', `${runtime.label} service ${service.data.name} is PAUSED; it cannot be deployed.`, {
            hint: 'Wake the environment first.',
          }),
        )
      }
      const fromSha = service.data.sha
      // The image that runs now is redeployed with StartDeployment: UpdateService would change nothing.
      const started =
        s.redeploy || s.image.sha === null || s.image.sha === fromSha
          ? await runtime.redeployCurrent().then((r) => (r.ok ? ok({ ...r.data, imageIdentifier: service.data.imageIdentifier ?? '' }) : r))
          : await runtime.deployImage(s.image.sha)
      if (!started.ok) return started
      await safeLedger(started.data.operationId, {
        operationId: started.data.operationId,
        kind: s.kind,
        sha: s.image.sha,
        digest: s.image.digest,
        imageIdentifier: started.data.imageIdentifier,
        fromSha,
        actorId: s.actor.id,
        actorName: s.actor.name,
        overrideReason: s.overrideReason,
        status: 'PENDING',
        reason: null,
        startedAt: new Date().toISOString(),
        endedAt: null,
      })
      follow(started.data.operationId, s.follow)
      return ok({
        operationId: started.data.operationId,
        kind: s.kind,
        image: { sha: s.image.sha, digest: s.image.digest, imageIdentifier: started.data.imageIdentifier },
        fromSha,
      })
    },
    'deployment',
  )
}

/**
 * Deploys the image tagged with a commit SHA (UpdateService), or redeploys what runs now
 * (`{redeployCurrent: true}` → StartDeployment). Role: operator. An image with CRITICAL findings
 * needs `override.reason`. Errors: invalid_input (bad/unknown/ambiguous SHA, missing override),
 * forbidden, conflict (an operation runs, the service is paused, another request holds the lock), aws_*.
 */
export function redeploy(input: unknown, actor: Actor, options: FollowOptions = {}): Promise<Result<DeployStarted>> {
  const follow = { ...followDefaults, ...options }
  // Only validated values reach the audit log: a body that fails validation is recorded as its error.
  const params: Record<string, unknown> = {}
  const current = typeof input === 'object' && input !== null && 'redeployCurrent' in input
  return audited(actor, current ? 'deployment.redeploy-current' : 'deployment.redeploy', targets.service(), params, async () => {
    const parsed = redeployInputSchema.safeParse(input)
    if (!parsed.success) return err(invalidInput(parsed.error.issues, 'Send {"sha": "<7–40 hex>"} or {"redeployCurrent": true}.'))
    if ('redeployCurrent' in parsed.data) params.redeployCurrent = true
    else {
      params.sha = parsed.data.sha
      if (parsed.data.override) params.override = { reason: parsed.data.override.reason }
    }
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    if ('redeployCurrent' in parsed.data) return redeployCurrentAuthorized(actor, params, follow)

    const image = await resolveImage(parsed.data.sha)
    if (!image.ok) return image
    params.resolvedSha = image.data.sha
    params.digest = image.data.digest
    const critical = criticalCount(image.data)
    if (critical > 0) params.critical = critical
    const override = parsed.data.override?.reason ?? null
    if (critical > 0 && override === null) {
      return err(
        appError(
          'invalid_input',
          `Image ${shortSha(image.data.sha)} has ${critical} CRITICAL finding${critical === 1 ? '' : 's'}; deploying it needs an override.`,
          {
            hint: 'Review the findings, then deploy with an override and a reason ({"override": {"reason": "…"}}).',
          },
        ),
      )
    }
    return startDeploymentLocked({
      kind: 'update',
      image: { sha: image.data.sha, digest: image.data.digest },
      overrideReason: critical > 0 ? override : null,
      actor,
      redeploy: false,
      follow,
    })
  })
}

async function redeployCurrentAuthorized(
  actor: Actor,
  params: Record<string, unknown>,
  follow: Required<FollowOptions>,
): Promise<Result<DeployStarted>> {
  const service = await fresh(runtime.getService)
  if (!service.ok) return service
  const sha = service.data.sha && isFullSha(service.data.sha) ? service.data.sha : null
  const image = sha ? await findImagesBySha(sha) : null
  const digest = image?.ok ? (image.data[0]?.digest ?? null) : null
  params.resolvedSha = sha
  return startDeploymentLocked({ kind: 'redeploy', image: { sha, digest }, overrideReason: null, actor, redeploy: true, follow })
}

/** Redeploys what runs now (StartDeployment). Role: operator. */
export const redeployCurrent = (actor: Actor, options: FollowOptions = {}): Promise<Result<DeployStarted>> =>
  redeploy({ redeployCurrent: true }, actor, options)

/**
 * Redeploys the previously deployed SHA (see getRollbackTarget). Role: operator. A rollback goes back
 * to an image that already ran, so CRITICAL findings do not block it (they are recorded in the audit).
 * Errors: conflict (nothing to roll back to, an operation runs), forbidden, aws_*.
 */
export function rollback(actor: Actor, options: FollowOptions = {}): Promise<Result<DeployStarted>> {
  const params: Record<string, unknown> = {}
  return audited(actor, 'deployment.rollback', targets.service(), params, async () => {
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    const target = await getRollbackTarget()
    if (!target.ok) return target
    params.fromSha = target.data.fromSha
    params.toSha = target.data.toSha
    if (!target.data.toSha)
      return err(appError('conflict', target.data.reason ?? 'Nothing to roll back to.', { hint: 'Deploy a specific SHA instead.' }))
    const image = await resolveImage(target.data.toSha)
    if (!image.ok) return image
    const critical = criticalCount(image.data)
    if (critical > 0) params.critical = critical
    return startDeploymentLocked({
      kind: 'rollback',
      image: { sha: image.data.sha, digest: image.data.digest },
      overrideReason: null,
      actor,
      redeploy: false,
      follow: { ...followDefaults, ...options },
    })
  })
}
