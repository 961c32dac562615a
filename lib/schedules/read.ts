import 'server-only'

import { getInvocations, listSchedules } from '@/lib/aws/scheduler'
import { appError } from '@/lib/domain/errors'
import type { ScheduleList, ScheduleRunList } from '@/lib/domain/schedules'
import { err, ok, type Result } from '@/lib/result'

import { attributeRuns } from './runs'
import { toSchedules } from './view'

/** At most this far back: CloudWatch keeps one-minute datapoints for 15 days. */
export const MAX_RUN_DAYS = 14

/** The portal's schedules with their next runs, the overview's summary and the overrides in force. Errors: aws_*. */
export async function getSchedules(): Promise<Result<ScheduleList>> {
  const list = await listSchedules()
  if (!list.ok) return list
  const { records, group, fetchedAt, stale, staleError } = list.data
  return ok({ ...toSchedules(records, Date.now()), group, fetchedAt, ...(stale ? { stale, staleError } : {}) })
}

/** The scheduler's invocations over the last `days` (see listScheduleRuns). */
export const listRecentScheduleRuns = (days: number) => listScheduleRuns({ since: new Date(Date.now() - days * 86_400_000) })

/**
 * The scheduler's invocations of the portal's schedules between two times (newest first), each minute
 * with the schedules that were due then; for "last runs" and the timeline. Errors: invalid_input (a
 * reversed range or one reaching more than 14 days back), aws_*.
 */
export async function listScheduleRuns(range: { since: Date; until?: Date }): Promise<Result<ScheduleRunList>> {
  const to = range.until ?? new Date()
  if (!(range.since < to)) return err(appError('invalid_input', 'since: must be before until.'))
  if (range.since.getTime() < Date.now() - MAX_RUN_DAYS * 86_400_000)
    return err(appError('invalid_input', `since: at most ${MAX_RUN_DAYS} days back (CloudWatch keeps minute data for 15 days).`))
  const [invocations, list] = await Promise.all([getInvocations({ from: range.since, to }), listSchedules()])
  if (!invocations.ok) return invocations
  if (!list.ok) return list
  const window = { from: range.since.getTime(), to: to.getTime() }
  const minutes = invocations.data.minutes.filter((m) => Date.parse(m.at) >= window.from && Date.parse(m.at) <= window.to)
  return ok({
    runs: attributeRuns(minutes, list.data.records, window),
    from: range.since.toISOString(),
    to: to.toISOString(),
    fetchedAt: new Date().toISOString(),
  })
}
