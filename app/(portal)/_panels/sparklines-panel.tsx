import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { MetricSparklines } from '@/components/sparkline/metric-sparklines'
import { getMetrics } from '@/lib/dal/metrics'
import { metricsQuery } from '@/lib/queries/metrics'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

/** Series shown on the overview, in order (ids from lib/aws/cloudwatch). */
const overviewSeries = [
  'apprunner.requests',
  'apprunner.5xx',
  'apprunner.latency',
  'apprunner.cpu',
  'apprunner.memory',
  'rds.cpu',
  'rds.connections',
  'rds.freeStorage',
] as const

export async function SparklinesPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, metricsQuery('1h').queryKey, () => getMetrics('1h'))
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <MetricSparklines range="1h" seriesIds={overviewSeries} />
    </HydrationBoundary>
  )
}
