import type { Metadata } from 'next'
import Link from 'next/link'

import { DeploymentDetailSkeleton } from '@/components/actions/deployment-detail'
import { Panel } from '@/components/panel/panel'
import { linkClasses } from '@/components/ui/link'

import { DeploymentDetailPanel } from './_panels/deployment-detail-panel'

export const metadata: Metadata = { title: 'Deployment' }

type Props = { params: Promise<{ operationId: string }> }

/** `/deployments/<operationId>`: one deployment (or pause, resume…), where the timeline and chart markers lead. */
export default async function DeploymentPage({ params }: Props) {
  const { operationId } = await params
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">Deployment</h1>
        <Link href="/deployments" className={linkClasses('text-sm')}>
          All deployments
        </Link>
      </div>
      <Panel title="Operation" fallback={<DeploymentDetailSkeleton />}>
        <DeploymentDetailPanel operationId={operationId} />
      </Panel>
    </div>
  )
}
