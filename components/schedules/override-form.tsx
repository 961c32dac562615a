'use client'

import { useId, useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'

import { ActionDialog, ActionError } from '@/components/actions/action-dialog'
import { useDisabledReason } from '@/components/auth/actor-context'
import { Button } from '@/components/ui/button'
import { useHydrated, useViewerTimeZone } from '@/components/ui/time'
import type { OverrideMode } from '@/lib/domain/schedules'
import { toPanelError } from '@/lib/queries/fetcher'
import { invalidateSchedules, scheduleMutations } from '@/lib/queries/schedules'

import { browserTimeZone } from './zoned-time'

const pad = (n: number) => String(n).padStart(2, '0')
const localValue = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`

/** Tonight 22:00, or tomorrow's if that has passed. */
function tonightAt22(): string {
  const d = new Date()
  d.setHours(22, 0, 0, 0)
  if (d.getTime() < Date.now() + 5 * 60_000) d.setDate(d.getDate() + 1)
  return localValue(d)
}

/** Next Monday 07:00. */
function nextMondayAt7(): string {
  const d = new Date()
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7))
  d.setHours(7, 0, 0, 0)
  return localValue(d)
}

const field = 'mt-1 w-full rounded-md border border-border bg-surface px-2 py-1.5 text-sm'

/** One mode of the override: its radio and the time it lasts until. */
function ModeOption(props: {
  group: string
  /** The radio's name ("Stay awake"); `label` names the time field ("Stay awake until"). */
  mode: string
  label: string
  checked: boolean
  onPick: () => void
  value: string
  onValue: (v: string) => void
}) {
  return (
    <label className="flex flex-wrap items-center gap-2">
      <input
        type="radio"
        name={props.group}
        aria-label={props.mode}
        checked={props.checked}
        onChange={props.onPick}
        className="size-6 shrink-0 accent-accent md:size-4"
      />
      {props.label}
      <input
        type="datetime-local"
        aria-label={props.label}
        className="rounded-md border border-border bg-surface px-2 py-1"
        value={props.value}
        onChange={(e) => {
          // Choosing a time chooses its mode too.
          props.onPick()
          props.onValue(e.target.value)
        }}
      />
    </label>
  )
}

/** Why the chosen time cannot be used, or null: empty, unreadable or already past. */
function untilProblem(value: string): string | null {
  if (!value) return 'Choose the time the override lasts until.'
  const at = new Date(value).getTime()
  if (Number.isNaN(at)) return 'That time could not be read; choose it again.'
  return at <= Date.now() ? 'That time has passed; choose a time in the future.' : null
}

/**
 * Overrides with an expiry: "stay awake until 22:00 tonight" skips the sleeps due before then and
 * sleeps at 22:00; "asleep until Monday 07:00" skips the wakes and wakes then. Both live in EventBridge
 * Scheduler, so they end on time even while the portal is down.
 */
export function OverrideForm() {
  const id = useId()
  const qc = useQueryClient()
  const roleReason = useDisabledReason('operator')
  const [mode, setMode] = useState<OverrideMode>('awake')
  // The defaults are in the browser's zone: none on the server and while hydrating (no mismatch), then tonight's 22:00 and next Monday's 07:00.
  const hydrated = useHydrated()
  const zone = useViewerTimeZone()
  const [awakeEdit, setAwakeUntil] = useState<string | null>(null)
  const [asleepEdit, setAsleepUntil] = useState<string | null>(null)
  const awakeUntil = awakeEdit ?? (hydrated ? tonightAt22() : '')
  const asleepUntil = asleepEdit ?? (hydrated ? nextMondayAt7() : '')
  const [reason, setReason] = useState('')
  const [announce, setAnnounce] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [invalid, setInvalid] = useState<string | null>(null)
  const until = mode === 'awake' ? awakeUntil : asleepUntil
  const create = useMutation({
    mutationFn: () =>
      scheduleMutations.override({
        mode,
        until: new Date(until).toISOString(),
        timezone: browserTimeZone(),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: (r) => {
      invalidateSchedules(qc)
      setConfirming(false)
      setAnnounce(`Override ${r.schedule.name} created.`)
    },
  })
  const error = create.isError ? toPanelError(create.error) : null
  return (
    <form
      className="space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault()
        create.reset()
        const problem = untilProblem(until)
        setInvalid(problem)
        if (!problem) setConfirming(true)
      }}
    >
      <fieldset className="space-y-2">
        <legend className="font-medium">Override the schedules until a time</legend>
        <ModeOption
          group={`${id}-mode`}
          mode="Stay awake"
          label="Stay awake until"
          checked={mode === 'awake'}
          onPick={() => setMode('awake')}
          value={awakeUntil}
          onValue={setAwakeUntil}
        />
        <ModeOption
          group={`${id}-mode`}
          mode="Stay asleep"
          label="Stay asleep until"
          checked={mode === 'asleep'}
          onPick={() => setMode('asleep')}
          value={asleepUntil}
          onValue={setAsleepUntil}
        />
      </fieldset>
      <label className="block">
        Reason
        <input className={field} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="demo tonight" />
      </label>
      <p className="text-xs text-muted">
        {mode === 'awake'
          ? 'Sleeps due before then are skipped; the environment sleeps at that time.'
          : 'Wakes due before then are skipped; the environment wakes at that time.'}{' '}
        Times are in your time zone{zone ? ` (${zone})` : ''}.
      </p>
      <Button type="submit" variant="primary" disabled={!!roleReason} title={roleReason}>
        Create override…
      </Button>
      {roleReason ? <span className="ml-2 text-xs text-muted">{roleReason}</span> : null}
      {invalid ? (
        <p role="alert" className="text-danger text-xs">
          {invalid}
        </p>
      ) : null}
      <ActionDialog open={confirming} onClose={() => setConfirming(false)} title={mode === 'awake' ? 'Stay awake' : 'Stay asleep'}>
        <div className="space-y-4">
          <p>
            {mode === 'awake' ? 'Stay awake' : 'Stay asleep'} until <strong>{until ? new Date(until).toLocaleString() : '—'}</strong>; the
            regular {mode === 'awake' ? 'sleeps' : 'wakes'} before then are skipped.
          </p>
          <div aria-live="assertive">{error ? <ActionError message={error.message} hint={error.hint} code={error.code} /> : null}</div>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button variant="primary" disabled={create.isPending} onClick={() => create.mutate()}>
              {create.isPending ? 'Creating…' : 'Create override'}
            </Button>
          </div>
        </div>
      </ActionDialog>
      <span role="status" aria-live="polite" className="sr-only">
        {announce}
      </span>
    </form>
  )
}
