import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { ScheduleRuns } from '@/components/schedules/schedule-runs'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { scheduleRunsQuery } from '@/lib/queries/schedules'
import { listRecentScheduleRuns } from '@/lib/dal/schedules'

/** Live panel: the scheduler's invocations over the last 7 days (CloudWatch AWS/Scheduler). */
export async function RunsPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, scheduleRunsQuery(7).queryKey, () => listRecentScheduleRuns(7))
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <ScheduleRuns />
    </HydrationBoundary>
  )
}
