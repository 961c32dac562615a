'use client'

import { useId, useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'

import { ActionDialog, ActionError } from '@/components/actions/action-dialog'
import { useDisabledReason } from '@/components/auth/actor-context'
import { Button } from '@/components/ui/button'
import { useViewerTimeZone } from '@/components/ui/time'
import { actionLabels, describeExpression, scheduleActions, type ScheduleAction } from '@/lib/domain/schedules.values'
import { toPanelError } from '@/lib/queries/fetcher'
import { invalidateSchedules, scheduleMutations } from '@/lib/queries/schedules'

type Preset = 'weekdays' | 'nightly' | 'keep-stopped' | 'once' | 'custom'

const PRESETS: { id: Preset; label: string }[] = [
  { id: 'weekdays', label: 'Weekdays: sleep in the evening, wake in the morning' },
  { id: 'nightly', label: 'Every day: sleep in the evening, wake in the morning' },
  { id: 'keep-stopped', label: 'Keep the database stopped until a date' },
  { id: 'once', label: 'Once, at a time' },
  { id: 'custom', label: 'Custom expression' },
]

type Request = { action: ScheduleAction; expression: string; timezone: string; until?: string; reason?: string }

/** `cron(M H ? * <days> *)` from an `HH:MM` time. */
const cronAt = (time: string, days: string) => {
  const [h = '0', m = '0'] = time.split(':')
  return `cron(${Number(m)} ${Number(h)} ? * ${days} *)`
}

/** A local date-time input value (`2027-01-04T07:00`) → ISO with the browser's offset applied. */
const localToIso = (value: string) => (value ? new Date(value).toISOString() : undefined)

const field = 'mt-1 w-full rounded-md border border-border bg-surface px-2 py-1.5 text-sm'

/**
 * New schedules from presets in the browser's time zone ("weekdays 20:00 sleep, 07:00 wake"), a
 * "keep stopped until", a one-time action, or any EventBridge expression; confirmed before they are made.
 */
export function ScheduleForm() {
  const id = useId()
  const qc = useQueryClient()
  const roleReason = useDisabledReason('operator')
  const [preset, setPreset] = useState<Preset>('weekdays')
  const [sleepAt, setSleepAt] = useState('20:00')
  const [wakeAt, setWakeAt] = useState('07:00')
  const [until, setUntil] = useState('')
  const [onceAt, setOnceAt] = useState('')
  const [action, setAction] = useState<ScheduleAction>('sleep')
  const [expression, setExpression] = useState('')
  // The browser's zone: unknown on the server and while hydrating (no mismatch), filled in right after.
  const viewerZone = useViewerTimeZone()
  const [timezoneEdit, setTimezone] = useState<string | null>(null)
  const timezone = timezoneEdit ?? viewerZone ?? ''
  const [reason, setReason] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [announce, setAnnounce] = useState('')

  const requests = (): Request[] => {
    const base = { timezone, ...(reason.trim() ? { reason: reason.trim() } : {}) }
    switch (preset) {
      case 'weekdays':
      case 'nightly': {
        const days = preset === 'weekdays' ? 'MON-FRI' : '*'
        return [
          { ...base, action: 'sleep', expression: cronAt(sleepAt, days) },
          { ...base, action: 'wake', expression: cronAt(wakeAt, days) },
        ]
      }
      case 'keep-stopped':
        return [{ ...base, action: 'stop-database', expression: 'rate(1 hours)', until: localToIso(until) }]
      case 'once':
        return [{ ...base, action, expression: onceAt ? `at(${onceAt.length === 16 ? `${onceAt}:00` : onceAt})` : '' }]
      case 'custom':
        return [{ ...base, action, expression: expression.trim(), ...(until ? { until: localToIso(until) } : {}) }]
    }
  }
  const create = useMutation({
    mutationFn: async (list: Request[]) => {
      const made: string[] = []
      for (const r of list) made.push((await scheduleMutations.create(r)).schedule.name)
      return made
    },
    onSettled: () => invalidateSchedules(qc),
    onSuccess: (made) => {
      setConfirming(false)
      setAnnounce(`Created ${made.join(' and ')}.`)
    },
  })
  const error = create.isError ? toPanelError(create.error) : null
  const planned = requests()

  return (
    <form
      aria-labelledby={`${id}-title`}
      className="space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault()
        create.reset()
        setConfirming(true)
      }}
    >
      <h3 id={`${id}-title`} className="sr-only">
        New schedule
      </h3>
      <fieldset className="space-y-1">
        <legend className="font-medium">What</legend>
        {PRESETS.map((p) => (
          <label key={p.id} className="flex items-center gap-2">
            <input
              type="radio"
              name={`${id}-preset`}
              value={p.id}
              checked={preset === p.id}
              onChange={() => setPreset(p.id)}
              className="size-6 shrink-0 accent-accent md:size-4"
            />
            {p.label}
          </label>
        ))}
      </fieldset>
      {preset === 'weekdays' || preset === 'nightly' ? (
        <div className="grid grid-cols-2 gap-3">
          <label>
            Sleep at
            <input type="time" className={field} value={sleepAt} onChange={(e) => setSleepAt(e.target.value)} required />
          </label>
          <label>
            Wake at
            <input type="time" className={field} value={wakeAt} onChange={(e) => setWakeAt(e.target.value)} required />
          </label>
        </div>
      ) : null}
      {preset === 'once' || preset === 'custom' ? (
        <label className="block">
          Action
          <select
            className={field}
            value={action}
            onChange={(e) => setAction(scheduleActions.find((a) => a === e.target.value) ?? 'sleep')}
          >
            {scheduleActions.map((a) => (
              <option key={a} value={a}>
                {actionLabels[a]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {preset === 'once' ? (
        <label className="block">
          At
          <input type="datetime-local" className={field} value={onceAt} onChange={(e) => setOnceAt(e.target.value)} required />
        </label>
      ) : null}
      {preset === 'custom' ? (
        <label className="block">
          Expression
          <input
            className={`${field} font-mono`}
            value={expression}
            onChange={(e) => setExpression(e.target.value)}
            placeholder="cron(0 20 ? * MON-FRI *)"
            spellCheck={false}
            required
          />
        </label>
      ) : null}
      {preset === 'keep-stopped' || preset === 'custom' ? (
        <label className="block">
          {preset === 'keep-stopped' ? 'Keep it stopped until' : 'Until (optional)'}
          <input
            type="datetime-local"
            className={field}
            value={until}
            onChange={(e) => setUntil(e.target.value)}
            required={preset === 'keep-stopped'}
          />
        </label>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <label>
          Time zone
          <input className={field} value={timezone} onChange={(e) => setTimezone(e.target.value)} required />
        </label>
        <label>
          Reason
          <input
            className={field}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            placeholder="nights and weekends off"
          />
        </label>
      </div>
      {preset === 'keep-stopped' ? (
        <p className="text-xs text-muted">
          The database is stopped now and every hour until then, so AWS&apos;s automatic restart after 7 days costs at most an hour.
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={!!roleReason} title={roleReason}>
        Create…
      </Button>
      {roleReason ? <span className="ml-2 text-xs text-muted">{roleReason}</span> : null}
      <span role="status" aria-live="polite" className="sr-only">
        {announce}
      </span>
      <ActionDialog open={confirming} onClose={() => setConfirming(false)} title="Create schedules">
        <div className="space-y-4 text-sm">
          <ul className="list-disc space-y-1 pl-5">
            {planned.map((r) => (
              <li key={`${r.action}-${r.expression}`}>
                <strong>{actionLabels[r.action]}</strong> {describeExpression(r.expression)} ({r.timezone})
                {r.until ? `, until ${new Date(r.until).toLocaleString()}` : ''}
              </li>
            ))}
          </ul>
          <div aria-live="assertive">{error ? <ActionError message={error.message} hint={error.hint} code={error.code} /> : null}</div>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setConfirming(false)}>Cancel</Button>
            <Button variant="primary" disabled={create.isPending} onClick={() => create.mutate(planned)}>
              {create.isPending ? 'Creating…' : 'Create'}
            </Button>
          </div>
        </div>
      </ActionDialog>
    </form>
  )
}
