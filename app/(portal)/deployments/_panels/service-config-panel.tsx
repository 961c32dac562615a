import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { ServiceConfig } from '@/components/service/service-config'
import { getService } from '@/lib/dal/service'
import { config } from '@/lib/config'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'
import { serviceQuery } from '@/lib/queries/service'

export async function ServiceConfigPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, serviceQuery().queryKey, getService)
  const { githubRepo } = config()
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <ServiceConfig githubRepo={githubRepo} />
    </HydrationBoundary>
  )
}
