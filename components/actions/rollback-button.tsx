'use client'

import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'

import { useDisabledReason } from '@/components/auth/actor-context'
import { ActionDialog, ActionError, DialogActions } from '@/components/actions/action-dialog'
import { DeploymentFollow } from '@/components/actions/deployment-follow'
import { Button } from '@/components/ui/button'
import type { DeployStarted } from '@/lib/domain/actions'
import { shortSha } from '@/lib/domain/sha.values'
import { invalidateAfterAction, mutationSchemas, rollbackTargetQuery } from '@/lib/queries/actions'
import { apiPost, toPanelError } from '@/lib/queries/fetcher'
import { linkClasses } from '@/components/ui/link'

/**
 * One-click rollback to the previously deployed SHA (the server decides which; the button shows it),
 * behind a confirmation, then follows the operation live.
 */
export function RollbackButton({ githubRepo }: { githubRepo?: string }) {
  const qc = useQueryClient()
  const target = useQuery(rollbackTargetQuery())
  const [open, setOpen] = useState(false)
  const rollback = useMutation({
    mutationFn: () => apiPost<DeployStarted>('/api/deployments/rollback', {}, mutationSchemas.deployStarted()),
    onSuccess: () => invalidateAfterAction(qc),
  })
  const t = target.data
  const toSha = t?.toSha ?? null
  const roleReason = useDisabledReason('operator')
  const handleOpen = () => {
    rollback.reset()
    setOpen(true)
  }
  const error = rollback.isError ? toPanelError(rollback.error) : null

  return (
    <>
      <Button onClick={handleOpen} disabled={!toSha || !!roleReason} title={roleReason ?? t?.reason ?? undefined} isPrimaryAction>
        {toSha ? `Roll back to ${shortSha(toSha)}…` : 'Roll back…'}
      </Button>
      {t && !toSha && t.reason ? <span className="sr-only">{t.reason}</span> : null}
      <ActionDialog open={open} onClose={() => setOpen(false)} title="Roll back the service">
        {rollback.isSuccess ? (
          <div className="space-y-4">
            <DeploymentFollow operationId={rollback.data.operationId} />
            <DialogActions>
              <Button onClick={() => setOpen(false)}>Close</Button>
            </DialogActions>
          </div>
        ) : (
          <div className="space-y-4 text-sm">
            <p>
              Redeploy the previously deployed commit <span className="font-mono">{toSha ? shortSha(toSha) : '—'}</span> in place of{' '}
              <span className="font-mono">{t?.fromSha ? shortSha(t.fromSha) : 'the running image'}</span>.
            </p>
            {githubRepo && toSha && t?.fromSha ? (
              <a
                href={`https://github.com/${githubRepo}/compare/${toSha}...${t.fromSha}`}
                target="_blank"
                rel="noreferrer"
                className={linkClasses('underline')}
              >
                What is being rolled back (GitHub compare)
              </a>
            ) : null}
            <div aria-live="assertive">{error ? <ActionError message={error.message} hint={error.hint} code={error.code} /> : null}</div>
            <DialogActions>
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button
                variant="danger"
                onClick={() => rollback.mutate()}
                disabled={rollback.isPending || !toSha}
                aria-busy={rollback.isPending}
                isPrimaryAction
              >
                {rollback.isPending ? 'Starting rollback…' : 'Roll back'}
              </Button>
            </DialogActions>
          </div>
        )}
      </ActionDialog>
    </>
  )
}
