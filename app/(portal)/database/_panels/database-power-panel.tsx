import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { DatabasePowerControls } from '@/components/actions/database-power-controls'
import { KeepStoppedNote } from '@/components/schedules/keep-stopped-note'
import { getDatabase } from '@/lib/dal/database'
import { databaseQuery } from '@/lib/queries/database'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

/**
 * Stop / start with the database state it starts from. The controls read the shared database query:
 * without their own prefetch they rendered "Loading" on the server but, when the other panels'
 * data reached the browser's cache first, the controls during hydration (React error #418).
 * Below them, the next automatic restart and any keep-stopped schedule.
 */
export async function DatabasePowerPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, databaseQuery().queryKey, getDatabase)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <div className="space-y-3">
        <DatabasePowerControls />
        <KeepStoppedNote />
      </div>
    </HydrationBoundary>
  )
}
