import type { InvocationMinute } from '@/lib/aws/scheduler'
import { parseExpression, runsBetween } from '@/lib/domain/schedule-expression'
import type { ScheduleRecord, ScheduleRun } from '@/lib/domain/schedules'

import { baseName } from './view'

/*
 * "Last runs": EventBridge Scheduler keeps no history of its own, and its CloudWatch metrics count
 * invocations per schedule group, per minute. Each minute with invocations is matched with the portal
 * schedules that were due in it (from their expressions), so a failed run can be told apart from a
 * successful one and named. Pure.
 */

const MINUTE = 60_000

/** The minutes with invocations between `from` and `to`, newest first, each with the schedules due then. */
export function attributeRuns(minutes: InvocationMinute[], records: ScheduleRecord[], window: { from: number; to: number }): ScheduleRun[] {
  const due = new Map<number, Set<string>>()
  for (const r of records) {
    if (r.state !== 'ENABLED') continue
    const e = parseExpression(r.expression)
    if ('error' in e) continue
    const created = r.createdAt ? Date.parse(r.createdAt) : window.from
    const anchor = r.updatedAt ? Date.parse(r.updatedAt) : created
    const from = Math.max(window.from, created) - 1
    const at = runsBetween(
      e,
      r.timezone ?? 'UTC',
      { from, to: window.to },
      {
        anchor,
        start: r.startDate ? Date.parse(r.startDate) : null,
        end: r.endDate ? Date.parse(r.endDate) : null,
      },
    )
    for (const t of at) {
      const m = Math.floor(t / MINUTE) * MINUTE
      due.set(m, (due.get(m) ?? new Set()).add(baseName(r.name)))
    }
  }
  return minutes
    .filter((m) => m.attempts > 0 || m.errors > 0)
    .map((m) => ({ ...m, schedules: [...(due.get(Math.floor(Date.parse(m.at) / MINUTE) * MINUTE) ?? [])].sort() }))
    .sort((a, b) => (a.at < b.at ? 1 : -1))
}
