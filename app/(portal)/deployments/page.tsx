import type { Metadata } from 'next'

import { DeployDialog } from '@/components/actions/deploy-dialog'
import { DeploymentHistorySkeleton } from '@/components/actions/deployment-history'
import { RollbackButton } from '@/components/actions/rollback-button'
import { Panel } from '@/components/panel/panel'
import { OperationsTableSkeleton } from '@/components/service/operations-table'
import { ServiceConfigSkeleton } from '@/components/service/service-config'

import { OperationsPanel } from '../_panels/operations-panel'
import { DeploymentHistoryPanel } from '../_panels/deployment-history-panel'
import { ServiceConfigPanel } from './_panels/service-config-panel'

export const metadata: Metadata = { title: 'Deployments' }

export default function DeploymentsPage() {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">Deployments</h1>
        <div className="flex flex-wrap gap-2">
          <DeployDialog variant="primary" />
          <RollbackButton />
        </div>
      </div>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Panel title="Service configuration" fallback={<ServiceConfigSkeleton />}>
          <ServiceConfigPanel />
        </Panel>
        <Panel title="Operations" fallback={<OperationsTableSkeleton rows={10} />}>
          <OperationsPanel />
        </Panel>
      </div>
      <Panel title="Deployment history" fallback={<DeploymentHistorySkeleton />}>
        <DeploymentHistoryPanel />
      </Panel>
    </div>
  )
}
