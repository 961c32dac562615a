import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { RecentChanges } from '@/components/timeline/recent-changes'
import { getTimeline } from '@/lib/dal/timeline'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { recentChangesParams, timelineQuery } from '@/lib/queries/timeline'

/** The overview's "Recent changes": the last five of the week's timeline, prefetched. */
export async function RecentChangesPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, timelineQuery(recentChangesParams).queryKey, () => getTimeline({ since: recentChangesParams.since }))
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <RecentChanges />
    </HydrationBoundary>
  )
}
