import 'server-only'

import { z } from 'zod'

import { type DeploymentKind, deploymentKindSchema } from '@/lib/domain/actions'
import { operationStatusSchema, type OperationStatus } from '@/lib/domain/service'

import { store } from '@/lib/store/db'

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

/** Records a deployment the portal just started (replacing an entry for the same operation). */
export async function recordDeployment(e: LedgerEntry): Promise<void> {
  const { db } = await store()
  const fields = {
    kind: e.kind,
    sha: e.sha,
    digest: e.digest,
    image_identifier: e.imageIdentifier,
    from_sha: e.fromSha,
    actor_id: e.actorId,
    actor_name: e.actorName,
    override_reason: e.overrideReason,
    status: e.status,
    reason: e.reason,
    started_at: e.startedAt,
    ended_at: e.endedAt,
  }
  await db
    .insertInto('deployments')
    .values({ operation_id: e.operationId, ...fields })
    .onConflict((oc) => oc.column('operation_id').doUpdateSet(fields))
    .execute()
}

/** Stores what App Runner now says about a ledger entry's operation. */
export async function updateDeploymentStatus(
  operationId: string,
  u: { status: OperationStatus; reason?: string | null; endedAt?: string | null },
): Promise<void> {
  const { db } = await store()
  await db
    .updateTable('deployments')
    .set({ status: u.status, ...(u.reason ? { reason: u.reason } : {}), ...(u.endedAt ? { ended_at: u.endedAt } : {}) })
    .where('operation_id', '=', operationId)
    .execute()
}

/** Ledger entries, newest first. */
export async function listLedger(limit = 200): Promise<LedgerEntry[]> {
  const { db } = await store()
  const rows = await db
    .selectFrom('deployments')
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('operation_id', 'desc')
    .limit(limit)
    .execute()
  return z.array(rowSchema).parse(rows).map(toEntry)
}

/** One ledger entry, or null when the portal did not start that operation. */
export async function getLedgerEntry(operationId: string): Promise<LedgerEntry | null> {
  const { db } = await store()
  const row = await db.selectFrom('deployments').selectAll().where('operation_id', '=', operationId).executeTakeFirst()
  return row === undefined ? null : toEntry(rowSchema.parse(row))
}
