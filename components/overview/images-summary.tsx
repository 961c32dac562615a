'use client'

import Link from 'next/link'
import { useInfiniteQuery } from '@tanstack/react-query'

import { AsOf } from '@/components/panel/as-of'
import { ErrorFacts } from '@/components/panel/error-facts'
import { PanelError } from '@/components/panel/panel-error'
import { Badge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import type { AppError } from '@/lib/domain/errors'
import { shortSha } from '@/lib/domain/sha.values'
import { newerThanDeployed } from '@/lib/domain/image.values'
import { imagesQuery } from '@/lib/queries/images'
import { linkClasses } from '@/components/ui/link'

export function ImagesSummarySkeleton() {
  return <SkeletonLines lines={4} />
}

/** "N images are newer than the deployed one", exact; or why that count cannot be given. */
function NewerThanDeployed({
  newer,
  listed,
  hasMore,
  error,
}: {
  newer: ReturnType<typeof newerThanDeployed>
  listed: number
  hasMore: boolean
  error: AppError | undefined
}) {
  if (newer.count !== null)
    return (
      <p className="text-sm">
        <span className="text-2xl font-semibold tabular-nums" data-testid="newer-images-count">
          {newer.count}
          {newer.exact ? '' : '+'}
        </span>{' '}
        {newer.count === 1 && newer.exact ? 'image is' : 'images are'} newer than the deployed one.
      </p>
    )
  const images = `${listed}${hasMore ? '+' : ''} ${listed === 1 && !hasMore ? 'image' : 'images'} in the repository`
  if (newer.deployed === 'absent') return <p className="text-sm">The deployed image is not in the repository ({images}).</p>
  return (
    <div className="text-sm">
      <p>
        Which image is deployed is unknown{error ? ': the service could not be read' : ''}, so how many are newer is unknown ({images}).
      </p>
      {error ? <ErrorFacts error={error} className="mt-1" /> : null}
    </div>
  )
}

/** How many images are newer than the deployed one, and the latest pushes. */
export function ImagesSummary() {
  const query = useInfiniteQuery(imagesQuery())
  if (query.isPending) return <ImagesSummarySkeleton />
  const first = query.data?.pages[0]
  if (!first) return <PanelError error={query.error} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
  const images = (query.data?.pages ?? []).flatMap((p) => p.images)
  const hasMore = (query.data?.pages.at(-1)?.nextCursor ?? null) !== null
  const newer = newerThanDeployed(images, { deployedKnown: first.deployedKnown ?? false, complete: !hasMore })
  return (
    <div className="space-y-3">
      <AsOf fetchedAt={first.fetchedAt} stale={first.stale} staleError={first.staleError} isFetching={query.isFetching} />
      {images.length === 0 ? (
        <EmptyState>The repository has no images yet.</EmptyState>
      ) : (
        <>
          <NewerThanDeployed newer={newer} listed={images.length} hasMore={hasMore} error={first.deployedError} />
          <ul className="divide-y divide-border text-sm">
            {images.slice(0, 4).map((img) => (
              <li key={img.digest} className="flex items-center justify-between gap-2 py-1.5">
                <span className="font-mono" title={img.sha ?? img.tags.join(', ')}>
                  {img.sha ? shortSha(img.sha) : (img.tags[0] ?? img.digest.slice(7, 19))}
                </span>
                <span className="flex items-center gap-2 text-xs text-muted">
                  {img.deployed ? <Badge tone="ok">deployed</Badge> : null}
                  <Time iso={img.pushedAt} />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Link href="/images" className={linkClasses('text-xs')}>
        All images
      </Link>
    </div>
  )
}
