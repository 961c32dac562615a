'use client'

import { type FormEvent, useId, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'

import { useDisabledReason } from '@/components/auth/actor-context'
import { ActionDialog, ActionError, DialogActions, dialogInputClasses } from '@/components/actions/action-dialog'
import { DeploymentFollow } from '@/components/actions/deployment-follow'
import { Badge } from '@/components/ui/badge'
import { Button, type ButtonSize, type ButtonVariant } from '@/components/ui/button'
import type { DeployPreview, DeployStarted } from '@/lib/domain/actions'
import { bySeverity } from '@/lib/domain/image.values'
import { normalizeSha, shaMessage, shortSha } from '@/lib/domain/sha.values'
import { deployPreviewQuery, invalidateAfterAction, mutationSchemas } from '@/lib/queries/actions'
import { apiPost, toPanelError } from '@/lib/queries/fetcher'
import { toneOf } from '@/lib/status-tone'
import { cn } from '@/lib/utils'
import { linkClasses } from '@/components/ui/link'

const severityTone = (s: string) => (s === 'CRITICAL' || s === 'HIGH' ? 'bad' : s === 'MEDIUM' ? 'warn' : 'idle')

/**
 * Deploys a commit: from an image row (`sha` given) or from a "Deploy a SHA…" button (typed SHA).
 * The confirmation shows from → to, the GitHub compare link and the image's scan findings; CRITICAL
 * findings need an explicit override with a reason. After the 202 it follows the operation live.
 */
export function DeployDialog({
  sha: fixedSha,
  label,
  variant = 'secondary',
  size = 'md',
  hideTrigger = false,
}: {
  /** The image's commit SHA (from an image row); omitted → the dialog asks for one. */
  sha?: string
  label?: string
  variant?: ButtonVariant
  size?: ButtonSize
  /**
   * Hides the button but keeps an open dialog mounted: an image row hides it once its image is
   * deployed, which happens while the dialog still follows that very deployment.
   */
  hideTrigger?: boolean
}) {
  const [open, setOpen] = useState(false)
  const [dialogKey, setDialogKey] = useState(0)
  const roleReason = useDisabledReason('operator')
  const buttonLabel = label ?? (fixedSha ? 'Deploy…' : 'Deploy a SHA…')
  return (
    <>
      {hideTrigger ? null : (
        <Button
          variant={variant}
          size={size}
          onClick={() => {
            setDialogKey((k) => k + 1)
            setOpen(true)
          }}
          aria-label={fixedSha ? `Deploy ${shortSha(fixedSha)}…` : undefined}
          disabled={!!roleReason}
          title={roleReason}
          isPrimaryAction
        >
          {buttonLabel}
        </Button>
      )}
      <ActionDialog open={open} onClose={() => setOpen(false)} title={fixedSha ? `Deploy ${shortSha(fixedSha)}` : 'Deploy a commit'}>
        <DeployFlow key={dialogKey} fixedSha={fixedSha} onClose={() => setOpen(false)} />
      </ActionDialog>
    </>
  )
}

function DeployFlow({ fixedSha, onClose }: { fixedSha?: string; onClose: () => void }) {
  const inputId = useId()
  const [typed, setTyped] = useState('')
  const [submitted, setSubmitted] = useState<string | null>(fixedSha ?? null)
  const [typedError, setTypedError] = useState<string | null>(null)

  const handleLookUp = (e: FormEvent) => {
    e.preventDefault()
    // The same check as shaSchema, without waiting for zod; the server parses the SHA again.
    const sha = normalizeSha(typed)
    if (!sha) {
      setTypedError(shaMessage)
      return
    }
    setTypedError(null)
    setSubmitted(sha)
  }

  return (
    <div className="space-y-4">
      {fixedSha ? null : (
        <form onSubmit={handleLookUp} className="space-y-1.5" noValidate>
          <label htmlFor={inputId} className="block text-sm font-medium">
            Commit SHA
          </label>
          <div className="flex gap-2">
            <input
              id={inputId}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder="7 to 40 hex characters"
              // A SHA typed on a phone: no capitals, corrections or suggestions from the keyboard.
              autoComplete="off"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="search"
              aria-invalid={typedError ? true : undefined}
              aria-describedby={typedError ? `${inputId}-error` : undefined}
              className={cn(dialogInputClasses, 'flex-1')}
            />
            <Button type="submit" className="max-md:h-11">
              Look up
            </Button>
          </div>
          {typedError ? (
            <p id={`${inputId}-error`} className="text-sm text-tone-bad">
              {typedError}
            </p>
          ) : null}
        </form>
      )}
      {submitted ? <DeployConfirm key={submitted} sha={submitted} onClose={onClose} /> : null}
    </div>
  )
}

function DeployConfirm({ sha, onClose }: { sha: string; onClose: () => void }) {
  const qc = useQueryClient()
  const preview = useQuery(deployPreviewQuery(sha))
  const reasonId = useId()
  const [reason, setReason] = useState('')
  const deploy = useMutation({
    mutationFn: (p: DeployPreview) =>
      apiPost<DeployStarted>(
        '/api/deployments',
        p.isCurrent ? { redeployCurrent: true } : { sha: p.to.sha, ...(p.requiresOverride ? { override: { reason: reason.trim() } } : {}) },
        mutationSchemas.deployStarted(),
      ),
    onSuccess: () => invalidateAfterAction(qc),
  })

  if (preview.isPending)
    return (
      <p className="text-sm text-muted" role="status">
        Looking up {shortSha(sha)}…
      </p>
    )
  if (preview.isError) {
    const e = toPanelError(preview.error)
    return <ActionError message={e.message} hint={e.hint} code={e.code} />
  }
  const p = preview.data
  const critical = p.to.findingCounts.CRITICAL ?? 0
  const reasonOk = !p.requiresOverride || reason.trim().length >= 5
  const counts = Object.entries(p.to.findingCounts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => bySeverity(a, b))

  if (deploy.isSuccess) {
    return (
      <div className="space-y-4">
        <DeploymentFollow operationId={deploy.data.operationId} />
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
        </DialogActions>
      </div>
    )
  }

  const deployError = deploy.isError ? toPanelError(deploy.error) : null
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault()
        if (reasonOk && !deploy.isPending) deploy.mutate(p)
      }}
    >
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-muted">From</dt>
        <dd className="font-mono">{p.from.sha ? shortSha(p.from.sha) : (p.from.imageTag ?? 'unknown')}</dd>
        <dt className="text-muted">To</dt>
        <dd className="min-w-0 font-mono break-all" title={p.to.sha}>
          {shortSha(p.to.sha)} <span className="text-xs text-muted">({p.to.digest.slice(0, 19)}…)</span>
        </dd>
        <dt className="text-muted">Changes</dt>
        <dd>
          {p.isCurrent ? (
            'This image runs now: it will be redeployed (StartDeployment).'
          ) : p.compareUrl ? (
            <a href={p.compareUrl} target="_blank" rel="noreferrer" className={linkClasses('underline')}>
              Compare {p.from.sha ? shortSha(p.from.sha) : ''}…{shortSha(p.to.sha)} on GitHub
            </a>
          ) : (
            'The running commit is unknown, so there is no compare link.'
          )}
        </dd>
        <dt className="text-muted">Scan</dt>
        <dd className="flex flex-wrap items-center gap-1.5">
          <Badge tone={toneOf(p.to.scanStatus)}>{p.to.scanStatus}</Badge>
          {counts.length === 0 ? <span>No findings.</span> : null}
          {counts.map(([sev, n]) => (
            <Badge key={sev} tone={severityTone(sev)}>
              {n} {sev}
            </Badge>
          ))}
        </dd>
      </dl>

      {p.findings.length > 0 ? (
        <details className="text-sm">
          <summary className="flex min-h-6 cursor-pointer items-center text-muted">Findings ({p.findings.length} shown)</summary>
          <ul className="mt-2 max-h-48 space-y-1 overflow-y-auto">
            {p.findings.map((f) => (
              <li key={`${f.name}-${f.packageName ?? ''}`} className="flex flex-wrap gap-2">
                <Badge tone={severityTone(f.severity)}>{f.severity}</Badge>
                {f.uri ? (
                  <a href={f.uri} target="_blank" rel="noreferrer" className="underline">
                    {f.name}
                  </a>
                ) : (
                  <span>{f.name}</span>
                )}
                {f.packageName ? <span className="text-muted">{f.packageName}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {p.requiresOverride ? (
        <div className="space-y-1.5 rounded-md border border-tone-bad/40 bg-tone-bad/10 p-3">
          <p className="text-sm font-medium text-tone-bad">
            This image has {critical} CRITICAL finding{critical === 1 ? '' : 's'}. Deploying it needs an override.
          </p>
          <label htmlFor={reasonId} className="block text-sm font-medium">
            Override reason
          </label>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            required
            minLength={5}
            className="w-full rounded-md border border-border bg-surface px-2.5 py-1.5 text-sm max-md:text-base"
            placeholder="Why deploying this image is acceptable (recorded in the audit log)"
          />
        </div>
      ) : null}

      <div aria-live="assertive">
        {deployError ? <ActionError message={deployError.message} hint={deployError.hint} code={deployError.code} /> : null}
      </div>

      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant={p.requiresOverride ? 'danger' : 'primary'}
          disabled={!reasonOk || deploy.isPending}
          aria-busy={deploy.isPending}
          isPrimaryAction
        >
          {deploy.isPending ? 'Starting deployment…' : p.isCurrent ? `Redeploy ${shortSha(p.to.sha)}` : `Deploy ${shortSha(p.to.sha)}`}
        </Button>
      </DialogActions>
    </form>
  )
}
