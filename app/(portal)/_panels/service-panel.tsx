import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { ServiceSummary } from '@/components/service/service-summary'
import { getService } from '@/lib/dal/service'
import { config } from '@/lib/config'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { serviceQuery } from '@/lib/queries/service'

/** The service's status, deployed SHA, URL (its health probe loads on the client, so a slow app never holds this back). */
export async function ServicePanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, serviceQuery().queryKey, getService)
  const { githubRepo } = config()
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <ServiceSummary githubRepo={githubRepo} />
    </HydrationBoundary>
  )
}
