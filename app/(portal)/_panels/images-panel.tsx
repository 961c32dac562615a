import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { ImagesSummary } from '@/components/overview/images-summary'
import { getImagesPage } from '@/lib/dal/images'
import { imagesQuery } from '@/lib/queries/images'
import { dehydrateForClient, prefetchFirstPage, serverQueryClient } from '@/lib/queries/prefetch'

export async function ImagesPanel() {
  await connection()
  const qc = serverQueryClient()
  await prefetchFirstPage(
    qc,
    imagesQuery().queryKey,
    () => getImagesPage(),
    (p) => p.nextCursor,
  )
  return (
    <HydrationBoundary state={dehydrateForClient(qc)}>
      <ImagesSummary />
    </HydrationBoundary>
  )
}
