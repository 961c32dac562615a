import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { EnvironmentCard } from '@/components/overview/environment-card'
import { ScheduleLine } from '@/components/schedules/schedule-line'
import { getEnvironment } from '@/lib/overview'
import { dehydrateForClient, prefetch, serverQueryClient, withRequestFreshness } from '@/lib/queries/prefetch'
import { schedulesQuery } from '@/lib/queries/schedules'
import { getSchedules } from '@/lib/schedules/read'

/** Where the portal points and who AWS says it is (static), with the sleep/wake schedules and overrides (live). */
export async function EnvironmentPanel() {
  await connection()
  const qc = serverQueryClient()
  const [env] = await Promise.all([withRequestFreshness(getEnvironment), prefetch(qc, schedulesQuery().queryKey, getSchedules)])
  return (
    <div className="space-y-3">
      <HydrationBoundary state={dehydrateForClient(qc)}>
        <ScheduleLine />
      </HydrationBoundary>
      <EnvironmentCard env={env} />
    </div>
  )
}
