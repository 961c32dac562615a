import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { TimelineView } from '@/components/timeline/timeline-view'
import { getTimeline } from '@/lib/dal/timeline'
import { timelineKinds } from '@/lib/domain/timeline.values'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { timelineQuery, toTimelineParams } from '@/lib/queries/timeline'

type SearchParams = Promise<Record<string, string | string[] | undefined>>

/** The timeline for the URL's window and kinds, prefetched; the view refreshes it while the window ends now. */
export async function TimelinePanel({ searchParams }: { searchParams: SearchParams }) {
  await connection()
  const params = toTimelineParams(await searchParams)
  const qc = serverQueryClient()
  await prefetch(qc, timelineQuery(params).queryKey, () =>
    getTimeline({
      since: params.since,
      until: params.until,
      kinds: params.kinds.length < timelineKinds.length ? params.kinds.join(',') : null,
    }),
  )
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <TimelineView />
    </HydrationBoundary>
  )
}
