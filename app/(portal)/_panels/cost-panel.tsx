import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { CostSummary } from '@/components/overview/cost-summary'
import { getService } from '@/lib/dal/service'
import { getMetrics } from '@/lib/dal/metrics'
import { getDatabase } from '@/lib/dal/database'
import { config } from '@/lib/config'
import { databaseQuery } from '@/lib/queries/database'
import { metricsQuery } from '@/lib/queries/metrics'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { serviceQuery } from '@/lib/queries/service'

/** Monthly cost from the live configuration (reads are shared with the other panels through the cache). */
export async function CostPanel() {
  await connection()
  const qc = serverQueryClient()
  await Promise.all([
    prefetch(qc, serviceQuery().queryKey, getService),
    prefetch(qc, databaseQuery().queryKey, getDatabase),
    prefetch(qc, metricsQuery('1h').queryKey, () => getMetrics('1h')),
  ])
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <CostSummary region={config().region} />
    </HydrationBoundary>
  )
}
