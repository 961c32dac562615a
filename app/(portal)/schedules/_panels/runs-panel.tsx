import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { ScheduleRuns } from '@/components/schedules/schedule-runs'
import { requireActor } from '@/lib/auth/actor'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { scheduleRunsQuery } from '@/lib/queries/schedules'
import { listRecentScheduleRuns } from '@/lib/schedules/read'

/** Live panel: the scheduler's invocations over the last 7 days (CloudWatch AWS/Scheduler). */
export async function RunsPanel() {
  await connection()
  const actor = await requireActor('viewer')
  const qc = serverQueryClient()
  if (actor.ok) await prefetch(qc, scheduleRunsQuery(7).queryKey, () => listRecentScheduleRuns(7))
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <ScheduleRuns />
    </HydrationBoundary>
  )
}
