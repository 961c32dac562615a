'use client'

import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'

import { AlarmContextLinks } from '@/components/metrics/alarm-context'
import { QueryView } from '@/components/panel/query-view'
import { StatusBadge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import { NoAlarmsYet } from '@/components/setup/no-alarms-yet'
import { Time } from '@/components/ui/time'
import type { Alarm, AlarmState } from '@/lib/domain/metrics'
import { alarmsQuery } from '@/lib/queries/alarms'
import { linkClasses } from '@/components/ui/link'

const order = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 } as const satisfies Record<AlarmState, number>

/** ALARM first, then INSUFFICIENT_DATA, then OK; within a state the longest-standing first. */
export function sortAlarms(alarms: readonly Alarm[]): Alarm[] {
  return [...alarms].sort(
    (a, b) => order[a.state] - order[b.state] || (a.since ?? '').localeCompare(b.since ?? '') || a.name.localeCompare(b.name),
  )
}

export function AlarmsSummarySkeleton() {
  return <SkeletonLines lines={4} />
}

/** Alarm counts by state, and every alarm with its state and since when (ALARM first). */
export function AlarmsSummary() {
  const query = useQuery(alarmsQuery())
  return (
    <QueryView query={query} skeleton={<AlarmsSummarySkeleton />}>
      {({ alarms }) => {
        if (alarms.length === 0) return <NoAlarmsYet />
        const sorted = sortAlarms(alarms)
        const count = (s: AlarmState) => alarms.filter((a) => a.state === s).length
        return (
          <div className="space-y-3">
            <p className="flex flex-wrap gap-2 text-sm" aria-label="Alarms by state">
              <StatusBadge status="ALARM" label={`${count('ALARM')} in alarm`} />
              <StatusBadge status="INSUFFICIENT_DATA" label={`${count('INSUFFICIENT_DATA')} insufficient data`} />
              <StatusBadge status="OK" label={`${count('OK')} OK`} />
            </p>
            <ul className="divide-y divide-border text-sm">
              {sorted.slice(0, 6).map((a) => (
                <li key={a.name} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                  <span className="min-w-0 wrap-anywhere md:truncate" title={a.reason ?? a.description ?? undefined}>
                    {a.name}
                  </span>
                  <span className="flex items-center gap-2">
                    <StatusBadge status={a.state} />
                    <span className="text-xs text-muted">
                      since <Time iso={a.since} />
                    </span>
                  </span>
                  <AlarmContextLinks alarm={a} className="w-full" />
                </li>
              ))}
            </ul>
            <Link href="/metrics" className={linkClasses('text-xs')}>
              All alarms and metrics
            </Link>
          </div>
        )
      }}
    </QueryView>
  )
}
