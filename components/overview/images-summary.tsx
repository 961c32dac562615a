'use client'

import Link from 'next/link'
import { useInfiniteQuery } from '@tanstack/react-query'

import { AsOf } from '@/components/panel/as-of'
import { PanelError } from '@/components/panel/panel-error'
import { Badge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import { shortSha } from '@/lib/domain/sha.values'
import { newerThanDeployed } from '@/lib/domain/image.values'
import { imagesQuery } from '@/lib/queries/images'
import { linkClasses } from '@/components/ui/link'

export function ImagesSummarySkeleton() {
  return <SkeletonLines lines={4} />
}

/** How many images are newer than the deployed one, and the latest pushes. */
export function ImagesSummary() {
  const query = useInfiniteQuery(imagesQuery())
  if (query.isPending) return <ImagesSummarySkeleton />
  const first = query.data?.pages[0]
  if (!first) return <PanelError error={query.error} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
  const images = (query.data?.pages ?? []).flatMap((p) => p.images)
  const newer = newerThanDeployed(images)
  const hasMore = first.nextCursor !== null
  return (
    <div className="space-y-3">
      <AsOf fetchedAt={first.fetchedAt} stale={first.stale} staleError={first.staleError} isFetching={query.isFetching} />
      {images.length === 0 ? (
        <EmptyState>The repository has no images yet.</EmptyState>
      ) : (
        <>
          <p className="text-sm">
            <span className="text-2xl font-semibold tabular-nums" data-testid="newer-images-count">
              {newer.count}
              {newer.exact ? '' : '+'}
            </span>{' '}
            {newer.count === 1 ? 'image is' : 'images are'} newer than the deployed one
            {!newer.exact && !hasMore ? ' (the deployed image is not in the repository)' : ''}.
          </p>
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
