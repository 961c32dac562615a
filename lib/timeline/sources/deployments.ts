import 'server-only'

import { listDeployments } from '@/lib/actions/deployment-reads'
import { runtime } from '@/lib/aws/runtime'
import type { Deployment, DeploymentOutcome, DeploymentSource } from '@/lib/domain/actions'
import { isNotCreated } from '@/lib/domain/setup.values'
import type { TimelineEvent } from '@/lib/domain/timeline'
import { deploymentTitle } from '@/lib/domain/timeline.values'
import { durationMs, formatDuration } from '@/lib/format'
import { ok } from '@/lib/result'

import { defineSource } from '../source'

/*
 * The runtime's operations — deploy, redeploy, rollback, pause, resume — from the deployment history:
 * the SHA and who for every deployment (the portal's ledger, CloudTrail, the deployment log), and the
 * truthful outcome (a rolled-back update is failed).
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

/** What the deployment history's sources are called where the timeline names one it could not read. */
const partLabels = {
  runtime: `${runtime.label} operations`,
  ledger: "The portal's deployment ledger",
  cloudtrail: 'CloudTrail (who started deployments outside the portal)',
} as const satisfies Record<DeploymentSource, string>

/**
 * The deployment history (lib/actions/deployment-reads: the runtime's operations, the ledger,
 * CloudTrail and the deployment logs, each read on its own) as timeline events. A part of it that
 * could not be read is named in the timeline's `missing`; the rows the others gave still show.
 */
export const deploymentSource = defineSource({
  id: runtime.kind,
  label: `${runtime.label} operations`,
  kinds: ['deployment'],
  async read() {
    const list = await listDeployments()
    if (!list.ok) return list
    // No service yet: no deployments to show, nothing missing.
    if (isNotCreated(list.data)) return ok({ events: [], missing: [] })
    return ok({
      events: list.data.deployments.flatMap((d) => deploymentEvent(d) ?? []),
      missing: list.data.missing.map((m) => ({ source: `deployments.${m.source}`, label: partLabels[m.source], error: m.error })),
    })
  },
})
