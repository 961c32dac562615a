import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { ScheduleList } from '@/components/schedules/schedule-list'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { scheduleRunsQuery, schedulesQuery } from '@/lib/queries/schedules'
import { getSchedules, listRecentScheduleRuns } from '@/lib/dal/schedules'

/** Live panel: the portal's schedules from EventBridge Scheduler, with their last runs. */
export async function SchedulesPanel() {
  await connection()
  const qc = serverQueryClient()
  await Promise.all([
    prefetch(qc, schedulesQuery().queryKey, getSchedules),
    prefetch(qc, scheduleRunsQuery(7).queryKey, () => listRecentScheduleRuns(7)),
  ])
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <ScheduleList />
    </HydrationBoundary>
  )
}
