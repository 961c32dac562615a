import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { AlarmsSummary } from '@/components/overview/alarms-summary'
import { listAlarms } from '@/lib/dal/metrics'
import { alarmsQuery } from '@/lib/queries/alarms'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

export async function AlarmsPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, alarmsQuery().queryKey, listAlarms)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <AlarmsSummary />
    </HydrationBoundary>
  )
}
