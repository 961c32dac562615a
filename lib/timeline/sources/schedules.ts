import 'server-only'

import { appError } from '@/lib/domain/errors'
import type { ScheduleRun } from '@/lib/domain/schedules'
import type { TimelineEvent } from '@/lib/domain/timeline'
import { ok } from '@/lib/result'
import { listScheduleRuns, MAX_RUN_DAYS } from '@/lib/schedules/read'

import { defineSource } from '../source'

/*
 * EventBridge Scheduler's runs of the portal's schedules (sleep, wake, stop or start the database):
 * the scheduler's invocations per minute from CloudWatch, each with the schedules that were due then.
 */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** One minute with scheduler invocations → its timeline event (failed when a target returned an error). */
export function scheduleRunEvent(run: ScheduleRun): TimelineEvent {
  const names = run.schedules.join(', ')
  const counts = [plural(run.attempts, 'invocation'), run.errors > 0 ? plural(run.errors, 'target error') : null]
  const detail = [
    `EventBridge Scheduler: ${counts.filter((c): c is string => c !== null).join(', ')}`,
    run.schedules.length === 0 ? 'No portal schedule was due then (one since deleted, or made elsewhere)' : null,
  ]
  return {
    id: `schedule:${run.at}`,
    at: run.at,
    kind: 'schedule',
    title: run.schedules.length > 0 ? `Schedule ran: ${names}` : 'Scheduler ran',
    detail: detail.filter((d): d is string => d !== null).join('. '),
    outcome: run.errors > 0 ? 'failed' : 'succeeded',
    link: '/schedules',
  }
}

const DAY = 86_400_000
/** A minute of margin inside the runs read's limit, so a window starting exactly at it is never refused. */
const MARGIN_MS = 60_000

/** The part of [from, to] the runs read can reach (at most MAX_RUN_DAYS back from now); null when none. */
export function readableRange(window: { from: number; to: number }, now: number): { from: number; to: number } | null {
  const from = Math.max(window.from, now - MAX_RUN_DAYS * DAY + MARGIN_MS)
  return from < window.to ? { from, to: window.to } : null
}

const tooOld = () =>
  appError('invalid_input', `Schedule runs older than ${MAX_RUN_DAYS} days cannot be read (CloudWatch keeps minute data for 15 days).`, {
    hint: `Choose a window within the last ${MAX_RUN_DAYS} days to see the schedules' runs.`,
  })

export const scheduleSource = defineSource({
  id: 'scheduler',
  label: 'EventBridge Scheduler runs',
  kinds: ['schedule'],
  async read(window) {
    const range = readableRange(window, Date.now())
    if (!range) return ok({ events: [], missing: [{ source: 'scheduler', label: 'EventBridge Scheduler runs', error: tooOld() }] })
    const runs = await listScheduleRuns({ since: new Date(range.from), until: new Date(range.to) })
    if (!runs.ok) return runs
    const clipped = range.from > window.from
    return ok({
      events: runs.data.runs.map(scheduleRunEvent),
      ...(clipped ? { missing: [{ source: 'scheduler', label: 'EventBridge Scheduler runs (the older part)', error: tooOld() }] } : {}),
    })
  },
})
