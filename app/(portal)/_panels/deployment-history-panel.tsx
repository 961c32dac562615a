import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { DeploymentHistory } from '@/components/actions/deployment-history'
import { deploymentHistoryReady, listDeployments } from '@/lib/dal/deployments'
import { runtimeLabel } from '@/lib/dal/service'
import { config } from '@/lib/config'
import { actionKeys } from '@/lib/queries/actions'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

/**
 * Every runtime operation with its SHA, who started it (ledger, CloudTrail) and its truthful outcome;
 * `limit` for the overview's last operations.
 */
export async function DeploymentHistoryPanel({ limit }: { limit?: number }) {
  await connection()
  const qc = serverQueryClient()
  // The first CloudTrail read of a process takes several round trips: the HTML does not wait for it;
  // the panel shows its skeleton and fetches the history itself (joining that read).
  const ready = await deploymentHistoryReady()
  if (ready.ok && ready.data) await prefetch(qc, actionKeys.ledger(), listDeployments)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <DeploymentHistory githubRepo={config().githubRepo} runtimeLabel={runtimeLabel} limit={limit} />
    </HydrationBoundary>
  )
}
