import { connection } from 'next/server'
import { HydrationBoundary } from '@tanstack/react-query'

import { SetupSteps } from '@/components/setup/setup-steps'
import { getSetup, previewPlannedAlarms } from '@/lib/dal/setup'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { plannedAlarmsQuery, setupQuery } from '@/lib/queries/setup'

/** The setup's steps read live, prefetched with the alarms' preview; polls fast while AWS is creating something. */
export async function SetupPanel() {
  await connection()
  const qc = serverQueryClient()
  await Promise.all([prefetch(qc, setupQuery().queryKey, getSetup), prefetch(qc, plannedAlarmsQuery().queryKey, previewPlannedAlarms)])
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <SetupSteps />
    </HydrationBoundary>
  )
}
