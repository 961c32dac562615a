import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { NetworkPathView } from '@/components/database/network-path'
import { getNetworkPath } from '@/lib/dal/database'
import { networkPathQuery } from '@/lib/queries/database'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

/** The service → database network path (EC2 security groups), shown as data. */
export async function NetworkPathPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, networkPathQuery().queryKey, getNetworkPath)
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <NetworkPathView />
    </HydrationBoundary>
  )
}
