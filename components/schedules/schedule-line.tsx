'use client'

import { useQuery } from '@tanstack/react-query'
import Link from 'next/link'

import { linkClasses } from '@/components/ui/link'

import { toPanelError } from '@/lib/queries/fetcher'
import { schedulesQuery } from '@/lib/queries/schedules'

import { ZonedTime } from './zoned-time'

/** The overview's schedule line: "sleeps at 20:00 · wakes at 07:00", and any override in force with its expiry. */
export function ScheduleLine() {
  const q = useQuery(schedulesQuery())
  if (q.isPending) return <p className="text-sm text-muted">Loading schedules…</p>
  if (!q.data) return <p className="text-xs text-tone-warn">Schedules could not be read: {toPanelError(q.error).message}</p>
  const { summary, activeOverrides, schedules } = q.data
  const timezones = [...new Set(schedules.filter((s) => s.kind === 'recurring').map((s) => s.timezone))]
  return (
    <div className="space-y-1 text-sm" data-testid="schedule-line">
      <p>
        <Link href="/schedules" className={linkClasses()}>
          {summary ?? 'No sleep/wake schedule'}
        </Link>
        {summary && timezones.length === 1 ? <span className="text-xs text-muted"> ({timezones[0]})</span> : null}
      </p>
      {activeOverrides.map((o) => (
        <p key={o.name} className="rounded-md border border-tone-info/40 bg-tone-info/10 px-2 py-1">
          Override: {o.mode === 'awake' ? 'awake' : 'asleep'} until <ZonedTime iso={o.until} inline />
        </p>
      ))}
    </div>
  )
}
