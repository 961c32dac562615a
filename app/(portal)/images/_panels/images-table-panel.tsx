import { HydrationBoundary } from '@tanstack/react-query'
import { connection } from 'next/server'

import { ImageTable } from '@/components/images/image-table'
import { config } from '@/lib/config'
import { getImagesPage } from '@/lib/dal/images'
import { imagesQuery } from '@/lib/queries/images'
import { dehydrateForClient, prefetchFirstPage, serverQueryClient } from '@/lib/queries/prefetch'

export async function ImagesTablePanel() {
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
      <ImageTable githubRepo={config().githubRepo} />
    </HydrationBoundary>
  )
}
