import type { Metadata } from 'next'

import { AlarmsTableSkeleton } from '@/components/metrics/alarms-table'
import { MetricsChartsSkeleton } from '@/components/metrics/metrics-charts'
import { MetricRangePicker } from '@/components/metrics/range-picker'
import { Panel } from '@/components/panel/panel'

import { AlarmsPanel } from './_panels/alarms-panel'
import { MetricsPanel } from './_panels/metrics-panel'

export const metadata: Metadata = { title: 'Metrics' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/metrics?range=`: App Runner and RDS charts with alarm thresholds, and the alarms table. */
export default function MetricsPage({ searchParams }: Props) {
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Metrics</h1>
        <MetricRangePicker />
      </div>
      <Panel title="Alarms" fallback={<AlarmsTableSkeleton />}>
        <AlarmsPanel />
      </Panel>
      <Panel title="App Runner" fallback={<MetricsChartsSkeleton />}>
        <MetricsPanel searchParams={searchParams} source="service" emptyText="CloudWatch returned no App Runner series." />
      </Panel>
      <Panel title="RDS" fallback={<MetricsChartsSkeleton />}>
        <MetricsPanel searchParams={searchParams} source="database" emptyText="CloudWatch returned no RDS series." />
      </Panel>
    </div>
  )
}
