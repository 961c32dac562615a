import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { DatabaseSummary } from '@/components/database/database-summary'
import { getDatabase } from '@/lib/dal/database'
import { config } from '@/lib/config'
import { databaseQuery } from '@/lib/queries/database'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

export async function DatabasePanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, databaseQuery().queryKey, getDatabase)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <DatabaseSummary region={config().region} />
    </HydrationBoundary>
  )
}
