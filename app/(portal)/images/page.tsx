import type { Metadata } from 'next'

import { DeployDialog } from '@/components/actions/deploy-dialog'
import { ImagesSkeleton } from '@/components/images/image-table'
import { Panel } from '@/components/panel/panel'

import { ImagesTablePanel } from './_panels/images-table-panel'

export const metadata: Metadata = { title: 'Images' }

export default function ImagesPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Images</h1>
      <Panel title="ECR images" fallback={<ImagesSkeleton />} actions={<DeployDialog size="sm" />}>
        <ImagesTablePanel />
      </Panel>
    </div>
  )
}
