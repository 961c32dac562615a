import { connection } from 'next/server'
import { HydrationBoundary } from '@tanstack/react-query'

import { listLogEvents } from '@/lib/dal/logs'
import { isNotCreated } from '@/lib/domain/setup.values'
import { logsQuery, toLogsSearch, toLogsWindow } from '@/lib/queries/logs'
import { dehydrateForClient, prefetchFirstPage, serverQueryClient } from '@/lib/queries/prefetch'

import { LogsView } from '@/components/logs/logs-view'

type SearchParams = Promise<Record<string, string | string[] | undefined>>

/** The log explorer with the URL's search (or fixed window) prefetched (first page). */
export async function LogsPanel({ searchParams }: { searchParams: SearchParams }) {
  await connection()
  const params = await searchParams
  const search = toLogsSearch(params)
  const fixed = toLogsWindow(params)
  const qc = serverQueryClient()
  await prefetchFirstPage(
    qc,
    logsQuery(search, fixed).queryKey,
    () =>
      listLogEvents({
        stream: search.stream,
        since: fixed?.since ?? search.since,
        until: fixed?.until,
        filter: search.filter || undefined,
      }),
    (page) => (isNotCreated(page) ? null : page.nextCursor),
  )
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <LogsView />
    </HydrationBoundary>
  )
}
