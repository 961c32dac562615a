import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { DatabaseDetails } from '@/components/database/database-details'
import { getMetrics } from '@/lib/dal/metrics'
import { getDatabase } from '@/lib/dal/database'
import { databaseQuery } from '@/lib/queries/database'
import { metricsQuery } from '@/lib/queries/metrics'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

export async function DatabaseDetailsPanel() {
  await connection()
  const qc = serverQueryClient()
  await Promise.all([
    prefetch(qc, databaseQuery().queryKey, getDatabase),
    prefetch(qc, metricsQuery('1h').queryKey, () => getMetrics('1h')),
  ])
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <DatabaseDetails />
    </HydrationBoundary>
  )
}
