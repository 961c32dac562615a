'use client'

import { useQuery } from '@tanstack/react-query'

import type { Range } from '@/lib/cost'
import { formatUsd } from '@/lib/format'
import { toPanelError } from '@/lib/queries/fetcher'
import { costQuery } from '@/lib/queries/schedules'

const range = (r: Range) => (r.low === r.high ? formatUsd(r.low) : `${formatUsd(r.low)}–${formatUsd(r.high)}`)
const percent = (f: number) => `${Math.round(f * 100)}%`

/**
 * What the schedules save: always on, projected with the current schedules, and saved this month from
 * what really happened — with the price table's source and date (GET /api/cost).
 */
export function SavingsSummary() {
  const q = useQuery(costQuery())
  if (q.isPending) return <p className="text-xs text-muted">Loading savings…</p>
  if (!q.data) return <p className="text-xs text-tone-warn">Savings could not be computed: {toPanelError(q.error).message}</p>
  const c = q.data
  return (
    <div className="space-y-2 border-t border-border pt-3 text-sm" data-testid="savings">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        <dt className="text-muted">Always on</dt>
        <dd className="text-right font-mono tabular-nums">{range(c.estimateMonthly)} / month</dd>
        <dt className="text-muted">With the schedules</dt>
        <dd className="text-right font-mono tabular-nums" data-testid="cost-projected">
          {c.projectedWithSchedules ? `${range(c.projectedWithSchedules)} / month` : 'not known'}
        </dd>
        <dt className="text-muted">Saved this month</dt>
        <dd className="text-right font-mono tabular-nums" data-testid="cost-saved">
          {range(c.savedThisMonth)}
        </dd>
      </dl>
      <p className="text-xs text-muted">
        {c.projectedDowntime
          ? `The schedules keep the service paused ${percent(c.projectedDowntime.service)} and the database stopped ${percent(c.projectedDowntime.database)} of the next four weeks. `
          : ''}
        Saved: {c.pausedHoursThisMonth ?? '?'} h paused, {c.stoppedHoursThisMonth ?? '?'} h stopped since {c.monthStart.slice(0, 10)} (RDS
        keeps 14 days of events).
      </p>
      <p className="text-xs text-muted">
        Prices: {c.prices.source}, as of {c.prices.asOf}.
      </p>
      {c.missing.length > 0 ? <p className="text-xs text-tone-warn">Partial: {c.missing.join('; ')}.</p> : null}
    </div>
  )
}
