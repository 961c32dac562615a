import 'server-only'

import { getLedgerEntry, type LedgerEntry, listLedger, recordDeployment, updateDeploymentStatus } from '@/lib/audit/ledger'
import { findImagesBySha, getImageFindings } from '@/lib/aws/ecr'
import { probeHealth } from '@/lib/aws/health'
import { getDeploymentLog } from '@/lib/aws/logs'
import { runtime } from '@/lib/aws/runtime'
import { config } from '@/lib/config'
import {
  type Deployment,
  type DeploymentKind,
  type DeploymentList,
  type DeploymentProgress,
  type DeployPreview,
  deployPreviewInputSchema,
  type DeployStarted,
  outcomeOf,
  redeployInputSchema,
  type RollbackTarget,
} from '@/lib/domain/actions'
import type { Actor } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import type { Image } from '@/lib/domain/image'
import type { LogEvent } from '@/lib/domain/logs'
import { isOperationActive, type Operation, type OperationList } from '@/lib/domain/service'
import { isFullSha, shortSha } from '@/lib/domain/sha'
import { withLock } from '@/lib/locks'
import { logger } from '@/lib/logger'
import { processState } from '@/lib/process-state'
import { err, ok, type Result } from '@/lib/result'

import { audited, authorize, forgetService, invalidInput, locks, targets } from './support'

// ---------------------------------------------------------------- pure helpers (unit-tested)

/** GitHub's compare view between two commits of the configured repository. */
export const compareUrl = (repo: string, from: string, to: string): string => `https://github.com/${repo}/compare/${from}...${to}`

const criticalCount = (image: Image): number => image.scan.findings.CRITICAL ?? 0

/**
 * The failure reason in an operation's `deployment/<operation-id>` log stream: the first line that
 * reports a failure (App Runner writes the specific cause first, e.g. "Health check failed on …",
 * then a generic "Deployment … failed. Rolling back …").
 */
export function failureReason(events: readonly LogEvent[]): string | null {
  const lines = events.map((e) => e.message.replace(/^\s*\[(AppRunner|Build)\]\s*/, '').trim()).filter(Boolean)
  const failing = lines.find(
    (l) => /fail|error|unable|denied|not found|timed? ?out|unhealthy/i.test(l) && !/completed successfully|^Rollback with ID/i.test(l),
  )
  return failing ? failing.slice(0, 1000) : null
}

/** The image tag a deployment log names (`Deployment Artifact: … [Image Tag: <tag>]`). */
export function deployedTagFromLog(events: readonly LogEvent[]): string | null {
  for (const e of events) {
    const tag = e.message.match(/\[Image Tag:\s*([^\]\s]+)\s*\]/)?.[1]
    if (tag) return tag.toLowerCase()
  }
  return null
}

/** One ledger entry and/or one App Runner operation → the row the deployments page shows. */
export function joinDeployment(op: Operation | undefined, entry: LedgerEntry | undefined): Deployment {
  const status = op?.status ?? entry?.status ?? null
  return {
    operationId: op?.id ?? entry?.operationId ?? '',
    type: op?.type ?? null,
    status,
    outcome: outcomeOf(status),
    startedByPortal: entry !== undefined,
    kind: entry?.kind ?? null,
    sha: entry?.sha ?? null,
    digest: entry?.digest ?? null,
    imageIdentifier: entry?.imageIdentifier ?? null,
    fromSha: entry?.fromSha ?? null,
    actorId: entry?.actorId ?? null,
    actorName: entry?.actorName ?? null,
    overrideReason: entry?.overrideReason ?? null,
    reason: entry?.reason ?? null,
    startedAt: op?.startedAt ?? entry?.startedAt ?? null,
    endedAt: op?.endedAt ?? entry?.endedAt ?? null,
  }
}

// ---------------------------------------------------------------- reads

async function resolveImage(sha: string): Promise<Result<Image & { sha: string }>> {
  const found = await findImagesBySha(sha)
  if (!found.ok) return found
  const images = found.data.flatMap((i) => (i.sha ? [{ ...i, sha: i.sha }] : []))
  const repo = config().ecrRepository
  if (images.length === 0) {
    return err(
      appError('invalid_input', `No image in ${repo} is tagged with a commit starting with ${sha}.`, {
        hint: 'Check the SHA; only commits that CI built and pushed to ECR can be deployed.',
      }),
    )
  }
  const [only, ...rest] = images
  if (!only || rest.length > 0) {
    return err(
      appError(
        'invalid_input',
        `${sha} is ambiguous: it matches ${images.length} images (${images
          .slice(0, 5)
          .map((i) => shortSha(i.sha))
          .join(', ')}).`,
        {
          hint: 'Type more characters of the SHA.',
        },
      ),
    )
  }
  return ok(only)
}

/** An operation in progress on the service, read fresh (never from the cache), or null. */
async function runningOperation(): Promise<Result<Operation | null>> {
  forgetService()
  const ops = await runtime.listOperations()
  if (!ops.ok) return ops
  return ok(ops.data.operations.find((o) => isOperationActive(o.status)) ?? null)
}

const busy = (op: Operation) =>
  appError('conflict', `App Runner operation ${op.id} (${op.type}) is ${op.status}; a new deployment has to wait until it ends.`, {
    hint: 'Follow it on the deployments page and retry when it has finished.',
  })

/** Refreshes non-final ledger statuses from App Runner (with the failure reason for rolled-back ones). */
async function refreshLedger(operations: readonly Operation[], entries: LedgerEntry[]): Promise<LedgerEntry[]> {
  const byId = new Map(operations.map((o) => [o.id, o]))
  return Promise.all(
    entries.map(async (e) => {
      const op = byId.get(e.operationId)
      if (!op) return e
      const outcome = outcomeOf(op.status)
      const needsReason = outcome === 'failed' && e.reason === null
      if (op.status === e.status && !needsReason) return e
      let reason = e.reason
      if (needsReason) {
        const log = await getDeploymentLog(op.id)
        reason = log.ok ? (failureReason(log.data) ?? `App Runner reported ${op.status}.`) : null
      }
      await updateDeploymentStatus(e.operationId, { status: op.status, reason, endedAt: op.endedAt })
      return { ...e, status: op.status, reason, endedAt: op.endedAt ?? e.endedAt }
    }),
  )
}

// Failure reasons of operations the portal did not start. A finished operation's log no longer
// changes, so each is read once per server process (bounded).
const MAX_REASONS = 200

async function foreignFailureReasons(ops: readonly Operation[]): Promise<Map<string, string | null>> {
  const memo = processState('operation-reasons', () => new Map<string, string | null>())
  const failed = ops.filter((o) => outcomeOf(o.status) === 'failed').slice(0, 10)
  await Promise.all(
    failed
      .filter((o) => !memo.has(o.id))
      .map(async (o) => {
        const log = await getDeploymentLog(o.id)
        // A failed read is not memoised, so the next refresh tries again.
        if (log.ok) memo.set(o.id, failureReason(log.data) ?? `App Runner reported ${o.status}.`)
      }),
  )
  if (memo.size > MAX_REASONS) for (const k of [...memo.keys()].slice(0, memo.size - MAX_REASONS)) memo.delete(k)
  return new Map(failed.filter((o) => memo.has(o.id)).map((o) => [o.id, memo.get(o.id) ?? null]))
}

/** App Runner's operations joined with the ledger, newest first; portal-started ones carry SHA, digest and who. */
export async function listDeployments(): Promise<Result<DeploymentList>> {
  const ops = await runtime.listOperations()
  if (!ops.ok) return ops
  const ledger = await refreshLedger(ops.data.operations, await listLedger())
  const byOp = new Map(ledger.map((e) => [e.operationId, e]))
  const listed = new Set(ops.data.operations.map((o) => o.id))
  const reasons = await foreignFailureReasons(ops.data.operations.filter((o) => !byOp.has(o.id)))
  const rows = [
    ...ops.data.operations.map((o) => {
      const d = joinDeployment(o, byOp.get(o.id))
      return d.reason === null && reasons.has(o.id) ? { ...d, reason: reasons.get(o.id) ?? null } : d
    }),
    // Older portal deployments App Runner no longer lists.
    ...ledger.filter((e) => !listed.has(e.operationId)).map((e) => joinDeployment(undefined, e)),
  ].sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''))
  return ok({ deployments: rows, fetchedAt: ops.data.fetchedAt })
}

/**
 * App Runner's operations (the `GET /api/operations` shape) with `sha`, `actor` and `startedByPortal`
 * joined from the ledger. The ledger is an extra: if the portal's database cannot be read, the plain
 * operations are returned (logged), so the operations panel never fails because of it.
 */
export async function listOperationsWithLedger(): Promise<Result<OperationList>> {
  const ops = await runtime.listOperations()
  if (!ops.ok) return ops
  let ledger: LedgerEntry[]
  try {
    ledger = await refreshLedger(ops.data.operations, await listLedger())
  } catch (e: unknown) {
    logger().error({ err: e }, 'deployment ledger unavailable')
    return ops
  }
  const byOp = new Map(ledger.map((e) => [e.operationId, e]))
  return ok({
    ...ops.data,
    operations: ops.data.operations.map((o) => {
      const e = byOp.get(o.id)
      return e ? { ...o, sha: e.sha, actor: e.actorName, startedByPortal: true } : { ...o, startedByPortal: false }
    }),
  })
}

/** One deployment followed live; once it has ended, with a probe of the service's health endpoint. */
export async function getDeploymentProgress(operationId: string): Promise<Result<DeploymentProgress>> {
  const list = await listDeployments()
  if (!list.ok) return list
  const d = list.data.deployments.find((x) => x.operationId === operationId)
  if (!d) return err(appError('not_found', `App Runner has no operation ${operationId}.`, { hint: 'Check the operation id.' }))
  if (d.outcome === 'running' || d.outcome === 'unknown') return ok({ ...d, health: null })
  const service = await runtime.getService()
  const health = service.ok && service.data.url ? await probeHealth(service.data.url) : null
  return ok({ ...d, health })
}

/** What the deploy confirmation shows: from → to, the compare link, the target's findings. Role: viewer. */
export async function previewDeployment(input: unknown, actor: Actor): Promise<Result<DeployPreview>> {
  const allowed = authorize(actor, 'viewer')
  if (!allowed.ok) return allowed
  const parsed = deployPreviewInputSchema.safeParse(input)
  if (!parsed.success) return err(invalidInput(parsed.error.issues))
  const [image, service] = await Promise.all([resolveImage(parsed.data.sha), runtime.getService()])
  if (!image.ok) return image
  if (!service.ok) return service
  const findings = await getImageFindings(image.data.digest)
  const order = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNDEFINED']
  const from = service.data.sha
  return ok({
    from: { sha: from, imageTag: service.data.imageTag },
    to: {
      sha: image.data.sha,
      digest: image.data.digest,
      tags: image.data.tags,
      pushedAt: image.data.pushedAt,
      scanStatus: image.data.scan.status,
      findingCounts: image.data.scan.findings,
    },
    compareUrl: from && from !== image.data.sha ? compareUrl(config().githubRepo, from, image.data.sha) : null,
    findings: (findings.ok ? findings.data : [])
      .toSorted((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))
      .slice(0, 25)
      .map((f) => ({ name: f.name, severity: f.severity, packageName: f.packageName, uri: f.uri })),
    requiresOverride: criticalCount(image.data) > 0,
    isCurrent: from === image.data.sha,
  })
}

// ---------------------------------------------------------------- writes

type Start = {
  kind: DeploymentKind
  image: { sha: string | null; digest: string | null }
  overrideReason: string | null
  actor: Actor
  redeploy: boolean
}

/** Writes the ledger entry of a deployment that has started; a store failure is logged, never turned into an error (App Runner already deploys). */
async function safeLedger(operationId: string, entry: LedgerEntry): Promise<void> {
  await recordDeployment(entry).catch((e: unknown) => logger().error({ err: e, operationId }, 'deployment ledger: could not record'))
}

/** Under the service lock: re-check that nothing runs, make the one App Runner call, write the ledger. */
function startDeploymentLocked(s: Start): Promise<Result<DeployStarted>> {
  return withLock(
    locks.service,
    async () => {
      const running = await runningOperation()
      if (!running.ok) return running
      if (running.data) return err(busy(running.data))
      const service = await runtime.getService()
      if (!service.ok) return service
      if (service.data.status === 'PAUSED') {
        return err(
          appError('conflict', `App Runner service ${service.data.name} is PAUSED; it cannot be deployed.`, {
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
export function redeploy(input: unknown, actor: Actor): Promise<Result<DeployStarted>> {
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
    if ('redeployCurrent' in parsed.data) return redeployCurrentAuthorized(actor, params)

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
    })
  })
}

async function redeployCurrentAuthorized(actor: Actor, params: Record<string, unknown>): Promise<Result<DeployStarted>> {
  forgetService()
  const service = await runtime.getService()
  if (!service.ok) return service
  const sha = service.data.sha && isFullSha(service.data.sha) ? service.data.sha : null
  const image = sha ? await findImagesBySha(sha) : null
  const digest = image?.ok ? (image.data[0]?.digest ?? null) : null
  params.resolvedSha = sha
  return startDeploymentLocked({ kind: 'redeploy', image: { sha, digest }, overrideReason: null, actor, redeploy: true })
}

/** Redeploys what runs now (StartDeployment). Role: operator. */
export const redeployCurrent = (actor: Actor): Promise<Result<DeployStarted>> => redeploy({ redeployCurrent: true }, actor)

/** How many older deployment logs the rollback may read when the ledger does not know the previous image. */
const MAX_LOGS_FOR_ROLLBACK = 6

/**
 * Where a rollback goes: the SHA of the most recent successful portal deployment other than what
 * runs now; failing that, the image tag named in the deployment log of the latest successful
 * App Runner deployment of another image. `toSha` null (with `reason`) when there is none.
 */
export async function getRollbackTarget(): Promise<Result<RollbackTarget>> {
  const [service, ops] = await Promise.all([runtime.getService(), runtime.listOperations()])
  if (!service.ok) return service
  if (!ops.ok) return ops
  const current = service.data.sha
  const ledger = await refreshLedger(ops.data.operations, await listLedger())
  // The image the latest successful update replaced, when the portal started that update: older
  // ledger entries may predate deployments made outside the portal, so they come second.
  const lastUpdate = ops.data.operations.find((o) => o.status === 'SUCCEEDED' && o.type === 'UPDATE_SERVICE')
  const replaced = lastUpdate ? ledger.find((e) => e.operationId === lastUpdate.id) : undefined
  if (replaced?.fromSha && replaced.sha === current && replaced.fromSha !== current)
    return ok({ fromSha: current, toSha: replaced.fromSha, reason: null })
  const fromLedger = ledger.find((e) => e.status === 'SUCCEEDED' && e.sha !== null && e.sha !== current)
  if (fromLedger?.sha) return ok({ fromSha: current, toSha: fromLedger.sha, reason: null })

  const known = new Set(ledger.map((e) => e.operationId))
  const candidates = ops.data.operations
    .filter((o) => o.status === 'SUCCEEDED' && (o.type === 'UPDATE_SERVICE' || o.type === 'CREATE_SERVICE') && !known.has(o.id))
    .slice(0, MAX_LOGS_FOR_ROLLBACK)
  for (const op of candidates) {
    const log = await getDeploymentLog(op.id)
    const tag = log.ok ? deployedTagFromLog(log.data) : null
    if (tag && isFullSha(tag) && tag !== current) return ok({ fromSha: current, toSha: tag, reason: null })
  }
  return ok({
    fromSha: current,
    toSha: null,
    reason: 'Nothing to roll back to: no earlier successful deployment of another image is known (ledger or recent App Runner operations).',
  })
}

/**
 * Redeploys the previously deployed SHA (see getRollbackTarget). Role: operator. A rollback goes back
 * to an image that already ran, so CRITICAL findings do not block it (they are recorded in the audit).
 * Errors: conflict (nothing to roll back to, an operation runs), forbidden, aws_*.
 */
export function rollback(actor: Actor): Promise<Result<DeployStarted>> {
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
    })
  })
}

/** The ledger entry of an operation the portal started (for tests and the API), or null. */
export const getPortalDeployment = (operationId: string): Promise<LedgerEntry | null> => getLedgerEntry(operationId)
