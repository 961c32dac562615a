import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { MetricSparklines } from '@/components/sparkline/metric-sparklines'
import { getMetrics } from '@/lib/dal/metrics'
import { metricsQuery } from '@/lib/queries/metrics'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

const databaseSeries = ['rds.cpu', 'rds.connections', 'rds.freeStorage', 'rds.freeableMemory', 'rds.readIops', 'rds.writeIops'] as const

export async function DatabaseMetricsPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, metricsQuery('1h').queryKey, () => getMetrics('1h'))
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <MetricSparklines range="1h" seriesIds={databaseSeries} />
    </HydrationBoundary>
  )
}
