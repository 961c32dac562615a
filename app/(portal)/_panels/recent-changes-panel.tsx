import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { RecentChanges } from '@/components/timeline/recent-changes'
import { deploymentHistoryReady } from '@/lib/dal/deployments'
import { getTimeline } from '@/lib/dal/timeline'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { recentChangesParams, timelineQuery } from '@/lib/queries/timeline'

/** The overview's "Recent changes": the last five of the week's timeline, prefetched once CloudTrail has been read. */
export async function RecentChangesPanel() {
  await connection()
  const qc = serverQueryClient()
  // Deployments are one of its sources: the HTML does not wait for CloudTrail's first lookups either.
  const ready = await deploymentHistoryReady()
  if (ready.ok && ready.data)
    await prefetch(qc, timelineQuery(recentChangesParams).queryKey, () => getTimeline({ since: recentChangesParams.since }))
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <RecentChanges />
    </HydrationBoundary>
  )
}
