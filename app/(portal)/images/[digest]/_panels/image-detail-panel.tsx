import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { ImageDetail } from '@/components/images/image-detail'
import { config } from '@/lib/config'
import { getImageDetail } from '@/lib/dal/images'
import { imageQuery } from '@/lib/queries/images'
import { dehydrateForClient, prefetch, serverQueryClient } from '@/lib/queries/prefetch'

/** One image, prefetched (its findings load in the browser). */
export async function ImageDetailPanel({ digest }: { digest: string }) {
  await connection()
  const qc = serverQueryClient()
  await prefetch(qc, imageQuery(digest).queryKey, () => getImageDetail(digest))
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <ImageDetail digest={digest} githubRepo={config().githubRepo} />
    </HydrationBoundary>
  )
}
