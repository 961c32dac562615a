import { connection } from 'next/server'
import { HydrationBoundary } from '@tanstack/react-query'

import { listAlarms } from '@/lib/dal/metrics'
import { alarmsQuery } from '@/lib/queries/alarms'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

import { AlarmsTable } from '@/components/metrics/alarms-table'

/** The alarms table, prefetched; polls every 30 s in the browser. */
export async function AlarmsPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, alarmsQuery().queryKey, listAlarms)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <AlarmsTable />
    </HydrationBoundary>
  )
}
