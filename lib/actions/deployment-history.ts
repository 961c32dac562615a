import type { TrailActor } from '@/lib/aws/cloudtrail'
import type { TrailOperation } from '@/lib/aws/runtime'
import type { Deployment } from '@/lib/domain/actions'

/*
 * The deployment history's join, pure: rows (the runtime's operations joined with the portal's
 * ledger) get who started them and the SHA they deployed from CloudTrail, then from the operation's
 * deployment log, and — for an operation that deploys nothing new (redeploy, pause, resume) — the SHA
 * that was running then; each row names the SHA it replaced, with a compare link.
 */

/** A runtime operation CloudTrail recorded: the operation, who started it and when. */
export type TrailRecord = TrailOperation & { actor: TrailActor; eventTime: string }

/** Operation types that deploy no new image: the SHA they run is the one running before them. */
export const KEEPS_RUNNING_SHA = new Set(['START_DEPLOYMENT', 'PAUSE_SERVICE', 'RESUME_SERVICE'])

/** A row for an operation only CloudTrail knows (the runtime could not be read, and the portal did not start it). */
export function trailOnlyRow(t: TrailRecord): Deployment {
  return {
    operationId: t.operationId,
    type: t.type,
    status: null,
    outcome: 'unknown',
    startedByPortal: false,
    listedByRuntime: false,
    kind: null,
    sha: null,
    shaSource: null,
    digest: null,
    imageIdentifier: null,
    fromSha: null,
    previousSha: null,
    compareUrl: null,
    actorId: null,
    actorName: null,
    actorKind: 'unknown',
    actorArn: null,
    overrideReason: null,
    reason: null,
    startedAt: t.eventTime,
    endedAt: null,
  }
}

/** Who started the row and what it asked for, from CloudTrail; the portal's ledger stays the authority for its own rows. */
export function withTrail(d: Deployment, t: TrailRecord | undefined): Deployment {
  if (!t) return d
  const sha = d.sha ?? t.sha
  const fromRequest = d.sha === null && t.sha !== null
  return {
    ...d,
    type: d.type ?? t.type,
    sha,
    shaSource: fromRequest ? 'request' : d.shaSource,
    imageIdentifier: d.imageIdentifier ?? t.imageIdentifier,
    actorArn: t.actor.arn,
    ...(d.startedByPortal ? {} : { actorName: t.actor.name, actorKind: t.actor.kind }),
  }
}

/**
 * Fills each row's SHA from its deployment log (`logShas`, by operation id) or, for a redeploy,
 * pause or resume, from what was running; then the SHA each replaced (`previousSha`: the latest
 * earlier successful deployment's) and the GitHub compare link between them. Rows newest first.
 */
export function withShas(
  rows: readonly Deployment[],
  logShas: ReadonlyMap<string, string>,
  compare: (from: string, to: string) => string,
): Deployment[] {
  let running: string | null = null
  const oldestFirst = [...rows].reverse().map((row) => {
    let d = row
    const logSha = logShas.get(d.operationId)
    if (d.sha === null && logSha) d = { ...d, sha: logSha, shaSource: 'log' }
    if (d.sha === null && running !== null && d.type !== null && KEEPS_RUNNING_SHA.has(d.type))
      d = { ...d, sha: running, shaSource: 'running' }
    const previousSha = running ?? d.fromSha
    d = { ...d, previousSha, compareUrl: previousSha && d.sha && previousSha !== d.sha ? compare(previousSha, d.sha) : null }
    if (d.outcome === 'succeeded' && d.sha) running = d.sha
    return d
  })
  return oldestFirst.reverse()
}
