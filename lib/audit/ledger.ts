import 'server-only'

import { z } from 'zod'

import { type DeploymentKind, deploymentKindSchema } from '@/lib/domain/actions'
import { operationStatusSchema, type OperationStatus } from '@/lib/domain/service'

import { db } from './db'

/**
 * The deployment ledger: App Runner's operations carry neither the image nor the caller, so the
 * portal records, for every deployment it starts, operation id ↔ SHA ↔ digest ↔ who ↔ final status.
 */
export type LedgerEntry = {
  operationId: string
  kind: DeploymentKind
  sha: string | null
  digest: string | null
  imageIdentifier: string
  fromSha: string | null
  actorId: string
  actorName: string
  overrideReason: string | null
  /** The last App Runner status the portal saw; terminal statuses are final. */
  status: OperationStatus | null
  /** Failure reason from the operation's deployment log. */
  reason: string | null
  startedAt: string
  endedAt: string | null
}

const rowSchema = z.object({
  operation_id: z.string(),
  kind: deploymentKindSchema,
  sha: z.string().nullable(),
  digest: z.string().nullable(),
  image_identifier: z.string(),
  from_sha: z.string().nullable(),
  actor_id: z.string(),
  actor_name: z.string(),
  override_reason: z.string().nullable(),
  status: z.nullable(operationStatusSchema).catch(null),
  reason: z.string().nullable(),
  started_at: z.string(),
  ended_at: z.string().nullable(),
})

const toEntry = (r: z.infer<typeof rowSchema>): LedgerEntry => ({
  operationId: r.operation_id,
  kind: r.kind,
  sha: r.sha,
  digest: r.digest,
  imageIdentifier: r.image_identifier,
  fromSha: r.from_sha,
  actorId: r.actor_id,
  actorName: r.actor_name,
  overrideReason: r.override_reason,
  status: r.status,
  reason: r.reason,
  startedAt: r.started_at,
  endedAt: r.ended_at,
})

/** Records a deployment the portal just started. */
export function recordDeployment(e: LedgerEntry): void {
  db()
    .prepare(
      `INSERT OR REPLACE INTO deployments (operation_id, kind, sha, digest, image_identifier, from_sha, actor_id, actor_name,
         override_reason, status, reason, started_at, ended_at)
       VALUES (@operationId, @kind, @sha, @digest, @imageIdentifier, @fromSha, @actorId, @actorName,
         @overrideReason, @status, @reason, @startedAt, @endedAt)`,
    )
    .run(e)
}

/** Stores what App Runner now says about a ledger entry's operation. */
export function updateDeploymentStatus(
  operationId: string,
  u: { status: OperationStatus; reason?: string | null; endedAt?: string | null },
): void {
  db()
    .prepare(
      `UPDATE deployments SET status = @status, reason = COALESCE(@reason, reason), ended_at = COALESCE(@endedAt, ended_at)
       WHERE operation_id = @operationId`,
    )
    .run({ operationId, status: u.status, reason: u.reason ?? null, endedAt: u.endedAt ?? null })
}

/** Ledger entries, newest first. */
export function listLedger(limit = 200): LedgerEntry[] {
  const rows = db().prepare('SELECT * FROM deployments ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit)
  return z.array(rowSchema).parse(rows).map(toEntry)
}

/** One ledger entry, or null when the portal did not start that operation. */
export function getLedgerEntry(operationId: string): LedgerEntry | null {
  const row = db().prepare('SELECT * FROM deployments WHERE operation_id = ?').get(operationId)
  return row === undefined ? null : toEntry(rowSchema.parse(row))
}
