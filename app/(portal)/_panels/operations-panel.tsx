import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { OperationsTable } from '@/components/service/operations-table'
import { deploymentHistoryReady } from '@/lib/dal/deployments'
import { listOperations } from '@/lib/dal/service'
import { config } from '@/lib/config'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { operationsQuery } from '@/lib/queries/service'

/** App Runner operations; `limit` for the overview's "last operations". */
export async function OperationsPanel({ limit }: { limit?: number }) {
  await connection()
  const qc = serverQueryClient()
  // The first CloudTrail read of a process takes several round trips: the HTML does not wait for it;
  // the panel shows its skeleton and fetches the history itself (joining that read).
  const ready = await deploymentHistoryReady()
  if (ready.ok && ready.data) await prefetch(qc, operationsQuery().queryKey, listOperations)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <OperationsTable githubRepo={config().githubRepo} limit={limit} />
    </HydrationBoundary>
  )
}
