import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { DeploymentHistory } from '@/components/actions/deployment-history'
import { listDeployments } from '@/lib/dal/deployments'
import { config } from '@/lib/config'
import { actionKeys } from '@/lib/queries/actions'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

/** App Runner operations joined with the portal's deployment ledger (truthful outcomes, who, SHA). */
export async function DeploymentHistoryPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, actionKeys.ledger(), listDeployments)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <DeploymentHistory githubRepo={config().githubRepo} />
    </HydrationBoundary>
  )
}
