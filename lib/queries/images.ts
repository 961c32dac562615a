import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'

import type { ImagePage } from '@/lib/domain/image'
import { apiGet, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/image')

/** Every image, newest first, paged with the cursor ("Load more"). */
export const imagesQuery = () =>
  infiniteQueryOptions({
    queryKey: queryKeys.images.list(),
    queryFn: ({ pageParam, signal }) =>
      apiGet(
        pageParam ? `/api/images?cursor=${encodeURIComponent(pageParam)}` : '/api/images',
        schemas().then((m) => m.imagePageSchema),
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page: ImagePage) => page.nextCursor ?? undefined,
    refetchInterval: refreshIdleMs,
  })

/** One image's scan findings, loaded when its row is expanded. */
export const imageFindingsQuery = (digest: string) =>
  queryOptions({
    queryKey: queryKeys.images.findings(digest),
    queryFn: ({ signal }) =>
      apiGet(
        `/api/images/${encodeURIComponent(digest)}/findings`,
        schemas().then((m) => m.imageFindingsSchema),
        signal,
      ),
    staleTime: 60_000,
  })

/** One image by digest (`GET /api/images/<digest>`): tags, SHA, push time, scan status and counts. */
export const imageQuery = (digest: string) =>
  queryOptions({
    queryKey: [...queryKeys.images.all, 'detail', digest] as const,
    queryFn: ({ signal }) =>
      apiGet(
        `/api/images/${encodeURIComponent(digest)}`,
        schemas().then((m) => m.imageDetailSchema),
        signal,
      ),
    refetchInterval: refreshIdleMs,
  })
