import { connection } from 'next/server'
import { HydrationBoundary } from '@tanstack/react-query'

import { getMetrics, listAlarms } from '@/lib/dal/metrics'
import type { MetricSource } from '@/lib/domain/metrics.values'
import { alarmsQuery } from '@/lib/queries/alarms'
import { metricsQuery, toMetricRange } from '@/lib/queries/metrics'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

import { MetricsCharts } from '@/components/metrics/metrics-charts'

type SearchParams = Promise<Record<string, string | string[] | undefined>>

/** Charts of one source (the service or the database) for the URL's range; metrics and alarms (for thresholds) are prefetched. */
export async function MetricsPanel({
  searchParams,
  source,
  emptyText,
}: {
  searchParams: SearchParams
  source: MetricSource
  emptyText: string
}) {
  await connection()
  const range = toMetricRange((await searchParams).range)
  const qc = serverQueryClient()
  await Promise.all([prefetch(qc, metricsQuery(range).queryKey, () => getMetrics(range)), prefetch(qc, alarmsQuery().queryKey, listAlarms)])
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <MetricsCharts source={source} emptyText={emptyText} />
    </HydrationBoundary>
  )
}
