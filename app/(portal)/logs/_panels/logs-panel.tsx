import { connection } from 'next/server'
import { HydrationBoundary } from '@tanstack/react-query'

import { listLogEvents } from '@/lib/dal/logs'
import { logsQuery, toLogsSearch } from '@/lib/queries/logs'
import { dehydrateForClient, prefetchFirstPage, serverQueryClient } from '@/lib/queries/prefetch'

import { LogsView } from '@/components/logs/logs-view'

type SearchParams = Promise<Record<string, string | string[] | undefined>>

/** The log explorer with the URL's search prefetched (first page). */
export async function LogsPanel({ searchParams }: { searchParams: SearchParams }) {
  await connection()
  const search = toLogsSearch(await searchParams)
  const qc = serverQueryClient()
  await prefetchFirstPage(
    qc,
    logsQuery(search).queryKey,
    () => listLogEvents({ stream: search.stream, since: search.since, filter: search.filter || undefined }),
    (page) => page.nextCursor,
  )
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <LogsView />
    </HydrationBoundary>
  )
}
