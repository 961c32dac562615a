import type { Metadata } from 'next'

import { DeploymentHistorySkeleton } from '@/components/actions/deployment-history'
import { AlarmsSummarySkeleton } from '@/components/overview/alarms-summary'
import { CostSummarySkeleton } from '@/components/overview/cost-summary'
import { ImagesSummarySkeleton } from '@/components/overview/images-summary'
import { Panel } from '@/components/panel/panel'
import { PanelBoundary } from '@/components/panel/panel-boundary'
import { DatabaseSummarySkeleton } from '@/components/database/database-summary'
import { ServiceSummarySkeleton } from '@/components/service/service-summary'
import { MetricSparklinesSkeleton } from '@/components/sparkline/metric-sparklines'
import { RecentChangesSkeleton } from '@/components/timeline/recent-changes'
import { SkeletonLines } from '@/components/ui/skeleton'

import { AlarmsPanel } from './_panels/alarms-panel'
import { CostPanel } from './_panels/cost-panel'
import { DeploymentHistoryPanel } from './_panels/deployment-history-panel'
import { DatabasePanel } from './_panels/database-panel'
import { EnvironmentPanel } from './_panels/environment-panel'
import { ImagesPanel } from './_panels/images-panel'
import { SetupCard } from './_panels/setup-card'
import { RecentChangesPanel } from './_panels/recent-changes-panel'
import { ServicePanel } from './_panels/service-panel'
import { SparklinesPanel } from './_panels/sparklines-panel'

export const metadata: Metadata = { title: 'Overview' }

/**
 * The state of AppFactory at a glance; every panel loads, streams and fails on its own. The order is
 * what on call needs first (on a phone: one column, top to bottom): alarms, the service (status,
 * deployed SHA, health probe), the database, the last operations and their outcome; then metrics,
 * images, cost and the environment.
 */
export default function OverviewPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Overview</h1>
      {/* First while the AWS setup is incomplete; nothing once it is done. */}
      <PanelBoundary fallback={null} title="Setup">
        <SetupCard />
      </PanelBoundary>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Panel title="Alarms" fallback={<AlarmsSummarySkeleton />}>
          <AlarmsPanel />
        </Panel>
        <Panel title="App Runner service" fallback={<ServiceSummarySkeleton />}>
          <ServicePanel />
        </Panel>
        <Panel title="Database" fallback={<DatabaseSummarySkeleton />} className="md:col-span-2 xl:col-span-1">
          <DatabasePanel />
        </Panel>
        <Panel title="Last operations" fallback={<DeploymentHistorySkeleton />} className="md:col-span-2 xl:col-span-3">
          <DeploymentHistoryPanel limit={5} />
        </Panel>
        <Panel title="Recent changes" fallback={<RecentChangesSkeleton />} className="md:col-span-2 xl:col-span-3">
          <RecentChangesPanel />
        </Panel>
        <Panel title="Last hour" fallback={<MetricSparklinesSkeleton count={8} />} className="md:col-span-2 xl:col-span-3">
          <SparklinesPanel />
        </Panel>
        <Panel title="Images" fallback={<ImagesSummarySkeleton />}>
          <ImagesPanel />
        </Panel>
        <Panel title="Estimated monthly cost" fallback={<CostSummarySkeleton />}>
          <CostPanel />
        </Panel>
        <Panel title="Environment" fallback={<SkeletonLines lines={5} />} className="md:col-span-2 xl:col-span-1">
          <EnvironmentPanel />
        </Panel>
      </div>
    </div>
  )
}
