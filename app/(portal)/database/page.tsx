import type { Metadata } from 'next'
import Link from 'next/link'

import { EnvironmentSleepWake } from '@/components/actions/environment-sleep-wake'
import { DatabaseDetailsSkeleton } from '@/components/database/database-details'
import { DatabaseEventsSkeleton } from '@/components/database/database-events'
import { NetworkPathSkeleton } from '@/components/database/network-path'
import { Panel } from '@/components/panel/panel'
import { SkeletonLines } from '@/components/ui/skeleton'
import { MetricSparklinesSkeleton } from '@/components/sparkline/metric-sparklines'
import { linkClasses } from '@/components/ui/link'

import { DatabaseDetailsPanel } from './_panels/database-details-panel'
import { DatabaseEventsPanel } from './_panels/database-events-panel'
import { DatabaseMetricsPanel } from './_panels/database-metrics-panel'
import { DatabasePowerPanel } from './_panels/database-power-panel'
import { NetworkPathPanel } from './_panels/network-path-panel'

export const metadata: Metadata = { title: 'Database' }

export default function DatabasePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Database</h1>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="Stop / start" fallback={<SkeletonLines lines={3} />}>
          <DatabasePowerPanel />
        </Panel>
        <Panel title="Environment sleep / wake" fallback={<SkeletonLines lines={3} />}>
          <EnvironmentSleepWake />
        </Panel>
      </div>
      <Panel
        title="Last hour"
        fallback={<MetricSparklinesSkeleton />}
        actions={
          <Link href="/metrics" className={linkClasses('text-xs')}>
            All metrics
          </Link>
        }
      >
        <DatabaseMetricsPanel />
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="RDS instance" fallback={<DatabaseDetailsSkeleton />}>
          <DatabaseDetailsPanel />
        </Panel>
        <Panel title="Recent events" fallback={<DatabaseEventsSkeleton />}>
          <DatabaseEventsPanel />
        </Panel>
      </div>
      <Panel title="Network path" fallback={<NetworkPathSkeleton />}>
        <NetworkPathPanel />
      </Panel>
    </div>
  )
}
