import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { MetricSparklines } from '@/components/sparkline/metric-sparklines'
import { overviewReads } from '@/lib/dal/overview'
import { overviewMetricsRange } from '@/lib/domain/overview.values'
import { metricsQuery } from '@/lib/queries/metrics'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

/** Series shown on the overview, in order (ids from lib/aws/cloudwatch). */
const overviewSeries = [
  'service.requests',
  'service.5xx',
  'service.latency',
  'service.cpu',
  'service.memory',
  'rds.cpu',
  'rds.connections',
  'rds.freeStorage',
] as const

export async function SparklinesPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, metricsQuery(overviewMetricsRange).queryKey, overviewReads.metrics)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <MetricSparklines range={overviewMetricsRange} seriesIds={overviewSeries} />
    </HydrationBoundary>
  )
}
