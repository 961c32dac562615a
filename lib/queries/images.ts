import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query'

import type { Image, ImagePage } from '@/lib/domain/image'
import { apiGet, refreshIdleMs } from '@/lib/queries/fetcher'
import { queryKeys } from '@/lib/queries/keys'

/** The schemas, loaded with the first request (keeps zod out of first-load JavaScript). */
const schemas = () => import('@/lib/domain/image')

/** The image App Runner runs, by tag and/or digest. */
export type DeployedRef = { tag: string | null; digest: string | null }

/** Sets `deployed` on each image from the service's image reference (tag or digest). */
export function markDeployed(page: ImagePage, ref: DeployedRef | null): ImagePage {
  if (!ref || (!ref.tag && !ref.digest)) return page
  return {
    ...page,
    images: page.images.map((img) => ({
      ...img,
      deployed: (!!ref.digest && img.digest === ref.digest) || (!!ref.tag && img.tags.includes(ref.tag)),
    })),
  }
}

/**
 * How many images are newer than the deployed one, from a newest-first list: the index of the
 * deployed image, `{count, exact: false}` when it is not in the list (so at least that many).
 */
export function newerThanDeployed(images: readonly Image[]): { count: number; exact: boolean } {
  const i = images.findIndex((img) => img.deployed)
  return i === -1 ? { count: images.length, exact: false } : { count: i, exact: true }
}

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
