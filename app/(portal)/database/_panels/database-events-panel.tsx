import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { DatabaseEvents } from '@/components/database/database-events'
import { listDatabaseEvents } from '@/lib/dal/database'
import { databaseEventsQuery } from '@/lib/queries/database'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

export async function DatabaseEventsPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, databaseEventsQuery().queryKey, listDatabaseEvents)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <DatabaseEvents />
    </HydrationBoundary>
  )
}
