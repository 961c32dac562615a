import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { DeploymentDetail } from '@/components/actions/deployment-detail'
import { getDeploymentProgress } from '@/lib/dal/deployments'
import { config } from '@/lib/config'
import { deploymentProgressQuery } from '@/lib/queries/actions'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

/** One deployment, prefetched; followed live in the browser while it runs. */
export async function DeploymentDetailPanel({ operationId }: { operationId: string }) {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, deploymentProgressQuery(operationId).queryKey, () => getDeploymentProgress(operationId))
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <DeploymentDetail operationId={operationId} githubRepo={config().githubRepo} />
    </HydrationBoundary>
  )
}
