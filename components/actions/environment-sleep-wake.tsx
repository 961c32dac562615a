'use client'

import { useEffect, useRef, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'

import { useDisabledReason } from '@/components/auth/actor-context'
import { ActionDialog, ActionError, DialogActions } from '@/components/actions/action-dialog'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import type { EnvironmentJob, JobStepStatus } from '@/lib/domain/actions'
import { environmentJobQuery, invalidateAfterAction, latestEnvironmentJobQuery, mutationSchemas } from '@/lib/queries/actions'
import { apiPost, toPanelError } from '@/lib/queries/fetcher'
import type { Tone } from '@/lib/status-tone'

const stepTone = {
  pending: 'idle',
  running: 'busy',
  succeeded: 'ok',
  failed: 'bad',
  skipped: 'idle',
} as const satisfies Record<JobStepStatus, Tone>

const stepWord = {
  pending: 'waiting',
  running: 'running',
  succeeded: 'done',
  failed: 'failed',
  skipped: 'skipped',
} as const satisfies Record<JobStepStatus, string>

export const plannedSteps = {
  sleep: ['Pause the App Runner service', 'Stop the database'],
  wake: ['Start the database', 'Wait until the database is available', 'Resume the App Runner service', 'Check the health endpoint'],
} as const

/** Starts a sleep or wake job (POST) and returns the mutation; the job is then followed with `JobSteps`. */
export function useEnvironmentMutation(kind: 'sleep' | 'wake') {
  return useMutation({
    mutationFn: () => apiPost<EnvironmentJob>(`/api/environment/${kind}`, {}, mutationSchemas.environmentJob()),
  })
}

/** A job's steps with their live status; at the end, what runs now and what does not. */
export function JobSteps({ jobId, initial }: { jobId: string; initial?: EnvironmentJob }) {
  const qc = useQueryClient()
  const q = useQuery({ ...environmentJobQuery(jobId), initialData: initial })
  const job = q.data
  const ended = job !== undefined && job.status !== 'running'
  const invalidated = useRef(false)
  useEffect(() => {
    if (ended && !invalidated.current) {
      invalidated.current = true
      invalidateAfterAction(qc)
    }
  }, [ended, qc])

  if (!job) return <p className="text-sm text-muted">Starting…</p>
  const title = job.kind === 'sleep' ? 'Environment sleep' : 'Environment wake'
  return (
    <div className="space-y-3 text-sm">
      <ol aria-label={`${title} steps`} className="space-y-1.5">
        {job.steps.map((s, i) => (
          <li key={s.id} className="flex flex-wrap items-baseline gap-2">
            <span className="w-5 text-right text-muted">{i + 1}.</span>
            <span className="font-medium">{s.label}</span>
            <Badge tone={stepTone[s.status]}>{stepWord[s.status]}</Badge>
            {s.detail ? <span className="basis-full pl-7 text-muted">{s.detail}</span> : null}
          </li>
        ))}
      </ol>
      <div role="status" aria-live="polite">
        {job.status === 'running' ? <p>{title} in progress…</p> : null}
        {job.status === 'succeeded' ? (
          <p className="font-medium text-tone-ok">
            {job.kind === 'sleep' ? 'The environment is asleep.' : 'The environment is awake and healthy.'} {job.summary ?? ''}
          </p>
        ) : null}
        {job.status === 'failed' ? (
          <div className="rounded-md border border-tone-bad/40 bg-tone-bad/10 p-3">
            <p className="font-medium text-tone-bad">
              {title} failed: {job.error?.message ?? 'a step failed'}
            </p>
            {job.summary ? <p className="mt-1">{job.summary}</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  )
}

/**
 * Environment sleep (pause App Runner, then stop RDS) and wake (start RDS, wait, resume App Runner,
 * check health), each behind a confirmation that lists the steps, then followed live step by step.
 */
export function EnvironmentSleepWake() {
  const latest = useQuery(latestEnvironmentJobQuery())
  const [kind, setKind] = useState<'sleep' | 'wake' | null>(null)
  const sleep = useEnvironmentMutation('sleep')
  const wake = useEnvironmentMutation('wake')
  const mutation = kind === 'wake' ? wake : sleep
  const started = mutation.data
  const running = latest.data?.job?.status === 'running' ? latest.data.job : null
  const error = mutation.isError ? toPanelError(mutation.error) : null

  const roleReason = useDisabledReason('operator')
  const handleOpen = (k: 'sleep' | 'wake') => {
    sleep.reset()
    wake.reset()
    setKind(k)
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => handleOpen('sleep')} disabled={running !== null || !!roleReason} title={roleReason} isPrimaryAction>
          Sleep environment…
        </Button>
        <Button onClick={() => handleOpen('wake')} disabled={running !== null || !!roleReason} title={roleReason} isPrimaryAction>
          Wake environment…
        </Button>
        {roleReason ? <span className="self-center text-xs text-muted">{roleReason}</span> : null}
      </div>
      {running && kind === null ? <JobSteps jobId={running.id} initial={running} /> : null}
      <ActionDialog
        open={kind !== null}
        onClose={() => setKind(null)}
        title={kind === 'wake' ? 'Wake the environment' : 'Sleep the environment'}
        description={
          kind === 'wake'
            ? 'Starts the database, waits until it is available, resumes App Runner, then checks the health endpoint.'
            : 'Pauses App Runner (no compute charges), then stops the database. Storage is still billed; AWS starts a stopped database again after 7 days.'
        }
      >
        {started ? (
          <div className="space-y-4">
            <JobSteps jobId={started.id} initial={started} />
            <DialogActions>
              <Button onClick={() => setKind(null)}>Close</Button>
            </DialogActions>
          </div>
        ) : (
          <div className="space-y-4 text-sm">
            <ol className="list-decimal space-y-1 pl-5">
              {(kind ? plannedSteps[kind] : []).map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
            <p className="text-muted">A failed step stops the sequence; the result says what is running and what is not.</p>
            <div aria-live="assertive">{error ? <ActionError message={error.message} hint={error.hint} code={error.code} /> : null}</div>
            <DialogActions>
              <Button onClick={() => setKind(null)}>Cancel</Button>
              <Button
                variant={kind === 'sleep' ? 'danger' : 'primary'}
                onClick={() => mutation.mutate()}
                disabled={mutation.isPending}
                aria-busy={mutation.isPending}
                isPrimaryAction
              >
                {mutation.isPending ? 'Starting…' : kind === 'wake' ? 'Wake environment' : 'Sleep environment'}
              </Button>
            </DialogActions>
          </div>
        )}
      </ActionDialog>
    </div>
  )
}
