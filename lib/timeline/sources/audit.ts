import 'server-only'

import { listAuditBetween } from '@/lib/audit/audit'
import type { AuditEntry } from '@/lib/domain/actions'
import { appError } from '@/lib/domain/errors'
import { shortSha } from '@/lib/domain/sha.values'
import type { TimelineEvent, TimelineOutcome } from '@/lib/domain/timeline'
import { logger } from '@/lib/logger'
import { err, ok } from '@/lib/result'

import { defineSource } from '../source'

/*
 * The portal's own actions from its audit log, refused attempts included and marked. A successful
 * deployment is not repeated here: the deployment itself is on the timeline, with the same SHA and who.
 */

/** A timeline window reads at most this many audit entries (newest first). */
const MAX_ENTRIES = 200

/** Error codes that mean the portal refused the attempt (nothing was tried in AWS). */
const refusals = new Set(['unauthenticated', 'forbidden', 'conflict', 'rate_limited', 'invalid_input', 'not_found'])

/** How an attempt ended: succeeded, failed (AWS or the portal failed), refused (the portal said no), or still running. */
export function actionOutcome(e: Pick<AuditEntry, 'result' | 'errorCode'>): TimelineOutcome {
  if (e.result === 'ok') return 'succeeded'
  if (e.result === 'pending') return 'running'
  return e.errorCode !== null && refusals.has(e.errorCode) ? 'refused' : 'failed'
}

const verbs: Record<string, string> = {
  'deployment.redeploy': 'deploy',
  'deployment.redeploy-current': 'redeploy the current image',
  'deployment.rollback': 'roll back',
  'database.stop': 'stop the database',
  'database.start': 'start the database',
  'environment.sleep': 'put the environment to sleep',
  'environment.wake': 'wake the environment',
}

/** The SHA an audit entry names (the resolved one, else the one asked for), when it names one. */
function shaOf(params: Record<string, unknown>): string | null {
  const v = params.resolvedSha ?? params.sha ?? params.toSha
  return typeof v === 'string' && /^[0-9a-f]{7,40}$/i.test(v) ? v.toLowerCase() : null
}

/** One audit entry → its timeline event ("Refused: viewer tried to deploy 3f9c2a1"). */
export function actionEvent(e: AuditEntry): TimelineEvent {
  const outcome = actionOutcome(e)
  const sha = shaOf(e.params)
  const what = `${verbs[e.action] ?? e.action}${sha ? ` ${shortSha(sha)}` : ''}`
  const title =
    outcome === 'refused'
      ? `Refused: ${e.actorName} tried to ${what}`
      : outcome === 'failed'
        ? `Failed: ${e.actorName} tried to ${what}`
        : `${e.actorName}: ${what}`
  const detail = [`${e.action} on ${e.target}`, e.errorMessage ? `${e.errorCode ?? 'error'}: ${e.errorMessage}` : null]
    .filter((p): p is string => p !== null)
    .join(' · ')
  return {
    id: `action:${e.id}`,
    at: e.startedAt,
    kind: 'action',
    title,
    detail,
    actorName: e.actorName,
    ...(sha ? { sha } : {}),
    outcome,
    link: `/audit?${new URLSearchParams({ action: e.action, actor: e.actorId }).toString()}`,
    ...(e.endedAt ? { endedAt: e.endedAt } : {}),
  }
}

/** True for an entry the timeline shows as the deployment itself (a successful portal deployment). */
const isShownAsDeployment = (e: AuditEntry) => e.result === 'ok' && e.action.startsWith('deployment.')

export const auditSource = defineSource({
  id: 'audit',
  label: "The portal's audit log",
  kinds: ['action'],
  async read(window) {
    try {
      const { entries, truncated } = await listAuditBetween(
        new Date(window.from).toISOString(),
        new Date(window.to).toISOString(),
        MAX_ENTRIES,
      )
      const oldest = entries.at(-1)
      return ok({
        events: entries.filter((e) => !isShownAsDeployment(e)).map(actionEvent),
        unread: truncated && oldest ? { from: window.from, to: Date.parse(oldest.startedAt) } : null,
      })
    } catch (e: unknown) {
      logger().error({ err: e }, 'timeline: the audit log cannot be read')
      return err(
        appError('store_unavailable', "The portal's audit log cannot be read: its database is not reachable.", {
          hint: 'The other sources are shown; retry in a moment.',
        }),
      )
    }
  },
})
