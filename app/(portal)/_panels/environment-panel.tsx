import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { EnvironmentCard } from '@/components/overview/environment-card'
import { PanelError } from '@/components/panel/panel-error'
import { ScheduleLine } from '@/components/schedules/schedule-line'
import { getEnvironment } from '@/lib/dal/overview'
import { getSchedules } from '@/lib/dal/schedules'
import { dehydrateForClient, prefetch, serverQueryClient, withRequestFreshness } from '@/lib/queries/prefetch'
import { schedulesQuery } from '@/lib/queries/schedules'

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
      {env.ok ? <EnvironmentCard env={env.data} /> : <PanelError error={env.error} />}
    </div>
  )
}
