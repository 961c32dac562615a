import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { DatabaseEvents } from '@/components/database/database-events'
import { listDatabaseEvents } from '@/lib/aws/rds'
import { databaseEventsQuery } from '@/lib/queries/database'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { ok } from '@/lib/result'

export async function DatabaseEventsPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, databaseEventsQuery().queryKey, async () => {
    const events = await listDatabaseEvents()
    return events.ok ? ok({ events: events.data, fetchedAt: new Date().toISOString() }) : events
  })
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <DatabaseEvents />
    </HydrationBoundary>
  )
}
