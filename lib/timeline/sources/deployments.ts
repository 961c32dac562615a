import 'server-only'

import { joinDeployment, listDeployments } from '@/lib/actions/deployment-reads'
import { runtime } from '@/lib/aws/runtime'
import type { Deployment, DeploymentOutcome } from '@/lib/domain/actions'
import type { TimelineEvent } from '@/lib/domain/timeline'
import { deploymentTitle } from '@/lib/domain/timeline.values'
import { durationMs, formatDuration } from '@/lib/format'
import { logger } from '@/lib/logger'
import { ok, type Result } from '@/lib/result'

import { defineSource } from '../source'

/*
 * The runtime's operations — deploy, redeploy, rollback, pause, resume — from the deployments read
 * model: SHA and who from the portal's ledger, the truthful outcome (a rolled-back update is failed).
 */

const outcomeWords = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  unknown: 'outcome unknown',
} as const satisfies Record<DeploymentOutcome, string>

/** One operation (joined with the ledger) → its timeline event; null when it has no start time. */
export function deploymentEvent(d: Deployment): TimelineEvent | null {
  if (!d.startedAt) return null
  const took = d.outcome === 'running' ? null : durationMs(d.startedAt, d.endedAt)
  const parts = [
    `${runtime.label} ${d.type ?? 'operation'}`,
    took === null ? outcomeWords[d.outcome] : `${outcomeWords[d.outcome]} in ${formatDuration(took)}`,
    d.startedByPortal ? null : 'started outside the portal',
  ].filter((p): p is string => p !== null)
  const reasons = [
    d.outcome === 'failed' && d.reason ? `Reason: ${d.reason}` : null,
    d.overrideReason ? `CRITICAL override: ${d.overrideReason}` : null,
  ]
  const detail = [parts.join(' · '), ...reasons.filter((r): r is string => r !== null)].join('. ')
  return {
    id: `deployment:${d.operationId}`,
    at: d.startedAt,
    kind: 'deployment',
    title: deploymentTitle(d),
    detail,
    ...(d.actorName ? { actorName: d.actorName } : {}),
    ...(d.sha ? { sha: d.sha } : {}),
    outcome: d.outcome,
    link: `/deployments/${encodeURIComponent(d.operationId)}`,
    ...(d.endedAt && d.outcome !== 'running' ? { endedAt: d.endedAt } : {}),
  }
}

/** The deployments read model; if the portal's own database cannot be read, the runtime's operations alone (no SHA, no who). */
async function readDeployments(): Promise<Result<Deployment[]>> {
  try {
    const list = await listDeployments()
    return list.ok ? ok(list.data.deployments) : list
  } catch (e: unknown) {
    logger().error({ err: e }, 'timeline: deployment ledger unavailable')
    const ops = await runtime.listOperations()
    return ops.ok ? ok(ops.data.operations.map((o) => joinDeployment(o, undefined))) : ops
  }
}

export const deploymentSource = defineSource({
  id: runtime.kind,
  label: `${runtime.label} operations`,
  kinds: ['deployment'],
  async read() {
    const list = await readDeployments()
    if (!list.ok) return list
    return ok({ events: list.data.flatMap((d) => deploymentEvent(d) ?? []) })
  },
})
