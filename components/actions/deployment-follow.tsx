'use client'

import { useEffect, useRef } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'

import { StatusBadge } from '@/components/ui/badge'
import { shortSha } from '@/lib/domain/sha.values'
import { deploymentProgressQuery, invalidateAfterAction } from '@/lib/queries/actions'
import { toPanelError } from '@/lib/queries/fetcher'

/**
 * Follows one App Runner operation live until it ends, then shows the truthful outcome: a rolled-back
 * update is a failure (with the reason from its deployment log), never a success. Then the health probe.
 */
export function DeploymentFollow({ operationId }: { operationId: string }) {
  const qc = useQueryClient()
  const q = useQuery(deploymentProgressQuery(operationId))
  const d = q.data
  const ended = d !== undefined && (d.outcome === 'succeeded' || d.outcome === 'failed')
  const invalidated = useRef(false)

  useEffect(() => {
    if (ended && !invalidated.current) {
      invalidated.current = true
      invalidateAfterAction(qc)
    }
  }, [ended, qc])

  const target = d?.sha ? shortSha(d.sha) : 'the current image'
  return (
    <div className="space-y-2 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        <span className="text-muted">Operation</span>
        <code className="font-mono text-xs">{operationId}</code>
        {d?.status ? <StatusBadge status={d.outcome === 'failed' ? 'FAILED' : d.status} label={d.status} /> : null}
      </p>
      <div aria-live="polite" role="status" className="space-y-1">
        {q.isError && !d ? <p className="text-tone-warn">Could not read the operation: {toPanelError(q.error).message} Retrying…</p> : null}
        {!ended ? (
          <p>
            Deploying {target}… App Runner status: {d?.status ?? 'starting'}.
          </p>
        ) : null}
        {d?.outcome === 'succeeded' ? (
          <p className="font-medium text-tone-ok">Deployment succeeded: the service now runs {target}.</p>
        ) : null}
        {d?.outcome === 'failed' ? (
          <div className="rounded-md border border-tone-bad/40 bg-tone-bad/10 p-3">
            <p className="font-medium text-tone-bad">
              Deployment failed{d.status === 'ROLLBACK_SUCCEEDED' ? ': App Runner rolled back to the previous version' : ` (${d.status})`}.
            </p>
            {d.reason ? <p className="mt-1">Reason: {d.reason}</p> : null}
          </div>
        ) : null}
        {ended && d?.health ? (
          <p className={d.health.status !== null && d.health.status < 300 ? 'text-tone-ok' : 'text-tone-bad'}>
            Health check: {d.health.status === null ? `no answer (${d.health.error ?? 'unreachable'})` : `HTTP ${d.health.status}`} in{' '}
            {d.health.ms} ms ({d.health.url}).
          </p>
        ) : null}
      </div>
    </div>
  )
}
