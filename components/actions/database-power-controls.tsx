'use client'

import { useId, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'

import { useDisabledReason } from '@/components/auth/actor-context'
import { ActionDialog, ActionError, DialogActions, dialogInputClasses } from '@/components/actions/action-dialog'
import { JobSteps, useEnvironmentMutation } from '@/components/actions/environment-sleep-wake'
import { StatusBadge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Time } from '@/components/ui/time'
import { prices } from '@/lib/cost'
import type { DatabasePowerResult } from '@/lib/domain/actions'
import { RDS_AUTO_RESTART_DAYS } from '@/lib/domain/actions.values'
import type { Database } from '@/lib/domain/database'
import { canPowerDatabase, databasePower, isDbTransitioning } from '@/lib/domain/database.values'
import { formatUsd } from '@/lib/format'
import { invalidateAfterAction, mutationSchemas } from '@/lib/queries/actions'
import { databaseQuery } from '@/lib/queries/database'
import { apiPost, toPanelError } from '@/lib/queries/fetcher'
import { cn } from '@/lib/utils'

const DAY_MS = 86_400_000

/** Instance-hours saved per day stopped (Multi-AZ bills the standby too); storage keeps being billed. Null when the class is not priced. */
export function savingPerDay(db: Pick<Database, 'instanceClass' | 'multiAz'>): number | null {
  const hourly = prices.rdsInstanceHour[db.instanceClass]
  return hourly === undefined ? null : hourly * 24 * (db.multiAz ? 2 : 1)
}

/** What the status line says while RDS moves the instance. */
const liveText = (status: string) =>
  status === 'stopping'
    ? 'The database is stopping…'
    : status === 'starting'
      ? 'The database is starting…'
      : status === 'stopped'
        ? 'The database is stopped.'
        : status === 'available'
          ? 'The database is available.'
          : `The database is ${status}.`

/**
 * Stop / start the RDS instance: a typed confirmation of the instance name; before stopping, the 503
 * warning with "sleep the environment instead", the automatic restart date and the saving per day.
 * The status follows live (the database query polls fast while RDS is stopping or starting).
 */
export function DatabasePowerControls() {
  const db = useQuery(databaseQuery())
  const [action, setAction] = useState<'stop' | 'start' | null>(null)
  // Shown disabled with the reason for viewers; the server refuses them anyway.
  const roleReason = useDisabledReason('operator')
  const d = db.data
  if (!d)
    return db.isError ? <ActionError message={toPanelError(db.error).message} /> : <p className="text-sm text-muted">Loading database…</p>

  const canStop = canPowerDatabase(d.status, 'stop')
  const canStart = canPowerDatabase(d.status, 'start')
  return (
    <div className="space-y-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-muted">Database {d.identifier}</span>
        <StatusBadge status={d.status} />
        <span role="status" aria-live="polite" className="sr-only">
          {liveText(d.status)}
        </span>
        {isDbTransitioning(d.status) ? <span className="text-muted">{liveText(d.status)}</span> : null}
      </div>
      {d.status === 'stopped' && d.automaticRestartTime ? (
        <p>
          AWS starts it again automatically on <Time iso={d.automaticRestartTime} mode="exact" /> (<Time iso={d.automaticRestartTime} />
          ).
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="danger"
          onClick={() => setAction('stop')}
          disabled={!canStop || !!roleReason}
          title={roleReason ?? (canStop ? undefined : `The database is ${d.status}.`)}
          isPrimaryAction
        >
          Stop database…
        </Button>
        <Button
          onClick={() => setAction('start')}
          disabled={!canStart || !!roleReason}
          title={roleReason ?? (canStart ? undefined : `The database is ${d.status}.`)}
          isPrimaryAction
        >
          Start database…
        </Button>
        {roleReason ? <span className="text-xs text-muted">{roleReason}</span> : null}
      </div>
      <ActionDialog
        open={action !== null}
        onClose={() => setAction(null)}
        title={action === 'start' ? `Start database ${d.identifier}` : `Stop database ${d.identifier}`}
      >
        {action ? <PowerConfirm key={action} action={action} db={d} onClose={() => setAction(null)} /> : null}
      </ActionDialog>
    </div>
  )
}

function PowerConfirm({ action, db, onClose }: { action: 'stop' | 'start'; db: Database; onClose: () => void }) {
  const qc = useQueryClient()
  const inputId = useId()
  const [typed, setTyped] = useState('')
  const [restartAt] = useState(() => new Date(Date.now() + RDS_AUTO_RESTART_DAYS * DAY_MS).toISOString())
  const power = useMutation({
    mutationFn: () => apiPost<DatabasePowerResult>(`/api/database/${action}`, {}, mutationSchemas.databasePower()),
    onSuccess: () => invalidateAfterAction(qc),
  })
  const sleep = useEnvironmentMutation('sleep')
  const live = useQuery(databaseQuery()).data ?? db
  const matches = typed.trim() === db.identifier
  const saving = savingPerDay(db)
  const error = power.isError ? toPanelError(power.error) : sleep.isError ? toPanelError(sleep.error) : null

  if (sleep.isSuccess) {
    return (
      <div className="space-y-4">
        <JobSteps jobId={sleep.data.id} initial={sleep.data} />
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
        </DialogActions>
      </div>
    )
  }

  if (power.isSuccess) {
    const done = action !== null && live.status === databasePower[action].to
    return (
      <div className="space-y-4 text-sm">
        <div role="status" aria-live="polite" className="flex items-center gap-2">
          <StatusBadge status={live.status} />
          <span className={done ? 'font-medium text-tone-ok' : undefined}>{liveText(live.status)}</span>
        </div>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
        </DialogActions>
      </div>
    )
  }

  return (
    <form
      className="space-y-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault()
        if (matches && !power.isPending) power.mutate()
      }}
    >
      {action === 'stop' ? (
        <>
          <div className="rounded-md border border-tone-warn/50 bg-tone-warn/10 p-3">
            <p className="font-medium">While the database is stopped, the app fails its health checks and answers 503.</p>
            <p className="mt-1">
              To save money without a broken app, sleep the whole environment instead: App Runner is paused first, then the database is
              stopped.
            </p>
            <Button size="sm" className="mt-2" onClick={() => sleep.mutate()} disabled={sleep.isPending} aria-busy={sleep.isPending}>
              {sleep.isPending ? 'Starting…' : 'Sleep the environment instead'}
            </Button>
          </div>
          <ul className="list-disc space-y-1 pl-5">
            <li>
              AWS starts a stopped instance again automatically after {RDS_AUTO_RESTART_DAYS} days: if stopped now, on{' '}
              <Time iso={restartAt} mode="exact" />.
            </li>
            <li>
              Estimated saving: {saving === null ? `unknown for ${db.instanceClass}` : `${formatUsd(saving)} per day stopped`} (instance
              hours; storage and backups are still billed).
            </li>
          </ul>
        </>
      ) : (
        <p>Starting takes several minutes; the app answers again once the database is available.</p>
      )}
      <div className="space-y-1.5">
        <label htmlFor={inputId} className="block font-medium">
          Type the instance name to confirm
        </label>
        <input
          id={inputId}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={db.identifier}
          // Typed on a phone: no capitals, corrections or suggestions from the on-screen keyboard.
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="done"
          className={cn(dialogInputClasses, 'w-full')}
        />
      </div>
      <div aria-live="assertive">{error ? <ActionError message={error.message} hint={error.hint} code={error.code} /> : null}</div>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant={action === 'stop' ? 'danger' : 'primary'}
          disabled={!matches || power.isPending}
          aria-busy={power.isPending}
          isPrimaryAction
        >
          {power.isPending ? (action === 'stop' ? 'Stopping…' : 'Starting…') : action === 'stop' ? 'Stop database' : 'Start database'}
        </Button>
      </DialogActions>
    </form>
  )
}
