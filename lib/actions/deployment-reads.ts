import 'server-only'

import { type LedgerEntry, listLedger } from '@/lib/audit/ledger'
import { findImagesBySha, getImageFindings } from '@/lib/aws/ecr'
import { probeHealth } from '@/lib/aws/health'
import { eventsByNameRead, lookupEventsByName } from '@/lib/aws/cloudtrail'
import { getDeploymentLog } from '@/lib/aws/logs'
import { runtime } from '@/lib/aws/runtime'
import { config } from '@/lib/config'
import {
  type Deployment,
  type DeploymentList,
  type DeploymentProgress,
  type DeployPreview,
  deployPreviewInputSchema,
  outcomeOf,
  type RollbackTarget,
} from '@/lib/domain/actions'
import type { Actor } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import type { Image } from '@/lib/domain/image'
import { bySeverity } from '@/lib/domain/image.values'
import type { Operation, OperationList } from '@/lib/domain/service'
import { isNotCreated, type NotCreated } from '@/lib/domain/setup.values'
import { isFullSha, shortSha } from '@/lib/domain/sha'
import { logger } from '@/lib/logger'
import { processState } from '@/lib/process-state'
import { err, ok, type Result } from '@/lib/result'

import { KEEPS_RUNNING_SHA as KEEPS_RUNNING, type TrailRecord, trailOnlyRow, withShas, withTrail } from './deployment-history'
import { deployedTagFromLog, failureReason } from './deployment-log'
import { authorize, created, invalidInput } from './support'

/*
 * The deployments read model: history, one deployment's progress, the deploy preview and the
 * rollback target. The runtime's operations joined with the portal's ledger. Reads never write:
 * a ledger entry's status is shown from the live operation; storing it is the writes' job
 * (`recordOutcomes` in deployments.ts).
 */

/** GitHub's compare view between two commits of the configured repository. */
export const compareUrl = (repo: string, from: string, to: string): string => `https://github.com/${repo}/compare/${from}...${to}`

/** The CRITICAL findings of an image's last scan. */
export const criticalCount = (image: Image): number => image.scan.findings.CRITICAL ?? 0

/** One ledger entry and/or one runtime operation → a history row (who and SHA from the ledger; CloudTrail adds the rest). */
export function joinDeployment(op: Operation | undefined, entry: LedgerEntry | undefined): Deployment {
  const status = op?.status ?? entry?.status ?? null
  return {
    operationId: op?.id ?? entry?.operationId ?? '',
    type: op?.type ?? null,
    status,
    outcome: outcomeOf(status),
    startedByPortal: entry !== undefined,
    listedByRuntime: op !== undefined,
    kind: entry?.kind ?? null,
    sha: entry?.sha ?? null,
    shaSource: entry?.sha ? 'ledger' : null,
    digest: entry?.digest ?? null,
    imageIdentifier: entry?.imageIdentifier ?? null,
    fromSha: entry?.fromSha ?? null,
    previousSha: null,
    compareUrl: null,
    actorId: entry?.actorId ?? null,
    actorName: entry?.actorName ?? null,
    actorKind: entry ? 'portal' : 'unknown',
    actorArn: null,
    overrideReason: entry?.overrideReason ?? null,
    reason: entry?.reason ?? null,
    startedAt: op?.startedAt ?? entry?.startedAt ?? null,
    endedAt: op?.endedAt ?? entry?.endedAt ?? null,
  }
}

/** The one image a (possibly short) SHA names, or `invalid_input` saying why there is none. */
export async function resolveImage(sha: string): Promise<Result<Image & { sha: string }>> {
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
    const some = images
      .slice(0, 5)
      .map((i) => shortSha(i.sha))
      .join(', ')
    return err(
      appError('invalid_input', `${sha} is ambiguous: it matches ${images.length} images (${some}).`, {
        hint: 'Type more characters of the SHA.',
      }),
    )
  }
  return ok(only)
}

// The failure reason of a finished operation: its log no longer changes, so each is read once per
// server process (bounded). A failed read is not remembered, so the next refresh tries again; a log
// that does not exist is (it will not appear for an operation that has ended).
const MAX_REASONS = 200
const MAX_REASON_READS = 10

/** The failure reason of each failed operation among `ops` (from its deployment log; read once per process). */
export async function failureReasons(ops: readonly Operation[]): Promise<Map<string, string | null>> {
  const memo = processState('operation-reasons', () => new Map<string, string | null>())
  const failed = ops.filter((o) => outcomeOf(o.status) === 'failed').slice(0, MAX_REASON_READS)
  await Promise.all(
    failed
      .filter((o) => !memo.has(o.id))
      .map(async (o) => {
        const log = await getDeploymentLog(o.id)
        if (log.ok) memo.set(o.id, failureReason(log.data) ?? `${runtime.label} reported ${o.status}.`)
        // A finished operation without a log never gets one: remembered too, so it is not asked again.
        else if (log.error.code === 'not_found') memo.set(o.id, `${runtime.label} reported ${o.status}.`)
      }),
  )
  if (memo.size > MAX_REASONS) for (const k of [...memo.keys()].slice(0, memo.size - MAX_REASONS)) memo.delete(k)
  return new Map(failed.filter((o) => memo.has(o.id)).map((o) => [o.id, memo.get(o.id) ?? null]))
}

/**
 * Ledger entries as the runtime sees them now: the status (and end) of each listed operation laid
 * over what the ledger stored, and the failure reason of a failed one. Nothing is written.
 */
export async function currentLedger(operations: readonly Operation[], entries: readonly LedgerEntry[]): Promise<LedgerEntry[]> {
  const byId = new Map(operations.map((o) => [o.id, o]))
  const reasons = await failureReasons(operations.filter((o) => entries.some((e) => e.operationId === o.id && e.reason === null)))
  return entries.map((e) => {
    const op = byId.get(e.operationId)
    if (!op) return e
    return { ...e, status: op.status, endedAt: op.endedAt ?? e.endedAt, reason: e.reason ?? reasons.get(op.id) ?? null }
  })
}

// The SHA a finished operation deployed, from its deployment log: read once per server process (bounded).
const MAX_LOG_SHAS = 200
const MAX_LOG_SHA_READS = 6

/** The commit each operation among `ops` deployed, read from its deployment log (finished ones, once per process). */
async function shasFromLogs(ops: readonly Operation[]): Promise<Map<string, string>> {
  const memo = processState('operation-log-shas', () => new Map<string, string | null>())
  const todo = ops.filter((o) => outcomeOf(o.status) !== 'running' && !memo.has(o.id)).slice(0, MAX_LOG_SHA_READS)
  await Promise.all(
    todo.map(async (o) => {
      const log = await getDeploymentLog(o.id)
      const tag = log.ok ? deployedTagFromLog(log.data) : null
      if (log.ok || log.error.code === 'not_found') memo.set(o.id, tag && isFullSha(tag) ? tag : null)
    }),
  )
  if (memo.size > MAX_LOG_SHAS) for (const k of [...memo.keys()].slice(0, memo.size - MAX_LOG_SHAS)) memo.delete(k)
  return new Map(
    ops.flatMap((o) => {
      const sha = memo.get(o.id)
      return sha ? [[o.id, sha] as const] : []
    }),
  )
}

/** The portal's ledger, or why it could not be read. */
async function readLedger(): Promise<Result<LedgerEntry[]>> {
  try {
    return ok(await listLedger())
  } catch (e: unknown) {
    logger().error({ err: e }, 'deployment ledger unavailable')
    return err(
      appError('store_unavailable', "The portal's deployment ledger could not be read.", {
        hint: "Check the portal's database (PORTAL_DATABASE_URL or PORTAL_DATA_DIR).",
      }),
    )
  }
}

/**
 * Whether the deployment history can be read without waiting for CloudTrail, which takes a lookup per
 * event name, one after another, the first time a process reads it. When not, that first read starts
 * now (nothing is returned from it here); a page then lets the browser fetch the history instead of
 * holding its HTML back for those round trips.
 */
export function deploymentHistoryReady(): boolean {
  if (eventsByNameRead(runtime.trailEventNames)) return true
  void lookupEventsByName(runtime.trailEventNames).catch((e: unknown) => logger().error({ err: e }, 'CloudTrail: first read failed'))
  return false
}

/** The runtime's operations CloudTrail recorded, by operation id, with who started each. */
async function readTrail(): Promise<Result<Map<string, TrailRecord>>> {
  const events = await lookupEventsByName(runtime.trailEventNames)
  if (!events.ok) return events
  const byOp = new Map<string, TrailRecord>()
  for (const e of events.data) {
    if (e.errorCode) continue
    const op = runtime.trailOperation(e)
    if (op && !byOp.has(op.operationId)) byOp.set(op.operationId, { ...op, actor: e.actor, eventTime: e.eventTime })
  }
  return ok(byOp)
}

/**
 * The deployment history, newest first: every runtime operation (deploy, redeploy, pause, resume,
 * create) with the SHA it deployed and who started it — the portal (its ledger), GitHub Actions or a
 * person (CloudTrail) — its outcome, and the SHA it replaced with a compare link. Each source is read
 * on its own: when the runtime cannot be read the ledger's and CloudTrail's rows are shown
 * (`listedByRuntime: false`) and `missing` says so. Fails only when neither the runtime nor the ledger
 * can be read. NotCreated while the service does not exist (it has no deployments: a state, not a failure).
 */
export async function listDeployments(): Promise<Result<DeploymentList | NotCreated>> {
  const [ops, stored, trail] = await Promise.all([runtime.listOperations(), readLedger(), readTrail()])
  const runtimeOps = ops.ok ? ops.data : null
  if (runtimeOps && isNotCreated(runtimeOps)) return ok(runtimeOps)
  if (!ops.ok && !stored.ok) return ops
  const missing: DeploymentList['missing'] = [
    ...(ops.ok ? [] : [{ source: 'runtime' as const, error: ops.error }]),
    ...(stored.ok ? [] : [{ source: 'ledger' as const, error: stored.error }]),
    ...(trail.ok ? [] : [{ source: 'cloudtrail' as const, error: trail.error }]),
  ]
  const operations = runtimeOps ? runtimeOps.operations : []
  const entries = stored.ok ? stored.data : []
  const ledger = runtimeOps ? await currentLedger(operations, entries) : entries
  const byOp = new Map(ledger.map((e) => [e.operationId, e]))
  const trailByOp = trail.ok ? trail.data : new Map<string, TrailRecord>()
  const listed = new Set(operations.map((o) => o.id))
  const reasons = await failureReasons(operations.filter((o) => !byOp.has(o.id)))
  const joined = [
    ...operations.map((o) => {
      const d = joinDeployment(o, byOp.get(o.id))
      return d.reason === null && reasons.has(o.id) ? { ...d, reason: reasons.get(o.id) ?? null } : d
    }),
    // Portal deployments the runtime does not list (no longer, or it could not be read).
    ...ledger.filter((e) => !listed.has(e.operationId)).map((e) => joinDeployment(undefined, e)),
    // Without the runtime, the operations CloudTrail recorded that the ledger does not hold.
    ...(runtimeOps ? [] : [...trailByOp.values()].filter((t) => !byOp.has(t.operationId)).map(trailOnlyRow)),
  ]
    .map((d) => withTrail(d, trailByOp.get(d.operationId)))
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''))
  const withoutSha = new Set(
    joined.filter((d) => d.sha === null && d.type !== null && !KEEPS_RUNNING.has(d.type)).map((d) => d.operationId),
  )
  const logShas = await shasFromLogs(operations.filter((o) => withoutSha.has(o.id)))
  const rows = withShas(joined, logShas, (from, to) => compareUrl(config().githubRepo, from, to))
  return ok({ deployments: rows, missing, fetchedAt: runtimeOps ? runtimeOps.fetchedAt : new Date().toISOString() })
}

/**
 * The runtime's operations (the `GET /api/operations` shape) with `sha`, `actor` and `startedByPortal`
 * joined from the ledger, and for the rest from CloudTrail (who, and the image the request named).
 * The ledger and CloudTrail are extras: if either cannot be read, the operations are returned
 * without it (a ledger failure is logged), so the operations panel never fails because of them.
 */
export async function listOperationsWithLedger(): Promise<Result<OperationList | NotCreated>> {
  const [ops, stored, trail] = await Promise.all([runtime.listOperations(), readLedger(), readTrail()])
  if (!ops.ok) return ops
  if (isNotCreated(ops.data)) return ok(ops.data)
  const byOp = new Map((stored.ok ? stored.data : []).map((e) => [e.operationId, e]))
  const trailByOp = trail.ok ? trail.data : new Map<string, TrailRecord>()
  return ok({
    ...ops.data,
    operations: ops.data.operations.map((o) => {
      const e = byOp.get(o.id)
      if (e) return { ...o, sha: e.sha, actor: e.actorName, startedByPortal: true }
      const t = trailByOp.get(o.id)
      return t ? { ...o, sha: t.sha, actor: t.actor.name, startedByPortal: false } : { ...o, startedByPortal: false }
    }),
  })
}

/** One deployment followed live; once it has ended, with a probe of the service's health endpoint. */
export async function getDeploymentProgress(operationId: string): Promise<Result<DeploymentProgress>> {
  const list = await listDeployments()
  if (!list.ok) return list
  const d = isNotCreated(list.data) ? undefined : list.data.deployments.find((x) => x.operationId === operationId)
  if (!d) return err(appError('not_found', `${runtime.label} has no operation ${operationId}.`, { hint: 'Check the operation id.' }))
  if (d.outcome === 'running' || d.outcome === 'unknown') return ok({ ...d, health: null })
  const service = await runtime.getService()
  const health = service.ok && !isNotCreated(service.data) && service.data.url ? await probeHealth(service.data.url) : null
  return ok({ ...d, health })
}

/** What the deploy confirmation shows: from → to, the compare link, the target's findings. Role: viewer. */
export async function previewDeployment(input: unknown, actor: Actor): Promise<Result<DeployPreview>> {
  const allowed = authorize(actor, 'viewer')
  if (!allowed.ok) return allowed
  const parsed = deployPreviewInputSchema.safeParse(input)
  if (!parsed.success) return err(invalidInput(parsed.error.issues))
  const [image, found] = await Promise.all([resolveImage(parsed.data.sha), runtime.getService()])
  if (!image.ok) return image
  const service = created(found, 'a deployment')
  if (!service.ok) return service
  const findings = await getImageFindings(image.data.digest)
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
      .toSorted((a, b) => bySeverity(a.severity, b.severity))
      .slice(0, 25)
      .map((f) => ({ name: f.name, severity: f.severity, packageName: f.packageName, uri: f.uri })),
    requiresOverride: criticalCount(image.data) > 0,
    isCurrent: from === image.data.sha,
  })
}

/** How many older deployment logs the rollback may read when the ledger does not know the previous image. */
const MAX_LOGS_FOR_ROLLBACK = 6

/**
 * Where a rollback goes: the SHA of the most recent successful portal deployment other than what
 * runs now; failing that, the image tag named in the deployment log of the latest successful
 * deployment of another image. `toSha` null (with `reason`) when there is none.
 */
export async function getRollbackTarget(): Promise<Result<RollbackTarget>> {
  const [service, ops] = await Promise.all([runtime.getService(), runtime.listOperations()])
  if (!service.ok) return service
  if (!ops.ok) return ops
  if (isNotCreated(service.data) || isNotCreated(ops.data))
    return ok({ fromSha: null, toSha: null, reason: `${runtime.label} service is not created yet: there is nothing to roll back.` })
  const current = service.data.sha
  const ledger = await currentLedger(ops.data.operations, await listLedger())
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
    reason: `Nothing to roll back to: no earlier successful deployment of another image is known (ledger or recent ${runtime.label} operations).`,
  })
}
