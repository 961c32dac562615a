import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { CostSummary } from '@/components/overview/cost-summary'
import { SavingsSummary } from '@/components/overview/savings-summary'
import { config } from '@/lib/config'
import { effectivePrices } from '@/lib/cost'
import { getCostReport } from '@/lib/dal/cost'
import { overviewReads } from '@/lib/dal/overview'
import { overviewMetricsRange } from '@/lib/domain/overview.values'
import { databaseQuery } from '@/lib/queries/database'
import { metricsQuery } from '@/lib/queries/metrics'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { costQuery } from '@/lib/queries/schedules'
import { serviceQuery } from '@/lib/queries/service'

/** Monthly cost from the live configuration (reads are shared with the other panels through the cache). */
export async function CostPanel() {
  await connection()
  const qc = serverQueryClient()
  await Promise.all([
    prefetch(qc, serviceQuery().queryKey, overviewReads.service),
    prefetch(qc, databaseQuery().queryKey, overviewReads.database),
    prefetch(qc, metricsQuery(overviewMetricsRange).queryKey, overviewReads.metrics),
    prefetch(qc, costQuery().queryKey, getCostReport),
  ])
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <CostSummary region={config().region} prices={effectivePrices(config().priceOverrides).table} />
      <SavingsSummary />
    </HydrationBoundary>
  )
}
