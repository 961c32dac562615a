'use client'

import { Fragment, useState } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'

import { DeployDialog } from '@/components/actions/deploy-dialog'
import { ImageFindings } from '@/components/images/image-findings'
import { AsOf } from '@/components/panel/as-of'
import { NotCreatedNotice } from '@/components/setup/not-created-notice'
import { PanelError } from '@/components/panel/panel-error'
import { Badge, StatusBadge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import { commitUrl } from '@/lib/console-links'
import type { Image } from '@/lib/domain/image'
import { severities } from '@/lib/domain/image.values'
import { shortSha } from '@/lib/domain/sha.values'
import { formatBytes, formatUtc } from '@/lib/format'
import { toPanelError } from '@/lib/queries/fetcher'
import { imagesQuery } from '@/lib/queries/images'

export function ImagesSkeleton() {
  return <SkeletonLines lines={14} />
}

const shownSeverities = severities.filter((s) => s !== 'UNDEFINED')

/** Non-zero finding counts as severity badges, most severe first. */
export function FindingCounts({ image }: { image: Image }) {
  const { status, findings } = image.scan
  const counts = shownSeverities.flatMap((s) => {
    const n = findings[s] ?? 0
    return n > 0 ? [{ s, n }] : []
  })
  if (status !== 'COMPLETE' && status !== 'ACTIVE') return <StatusBadge status={status} label={status.toLowerCase().replaceAll('_', ' ')} />
  if (counts.length === 0) return <Badge tone="ok">no findings</Badge>
  return (
    <span className="flex flex-wrap gap-1">
      {counts.map(({ s, n }) => (
        <StatusBadge key={s} status={s} label={`${n} ${s.toLowerCase()}`} />
      ))}
    </span>
  )
}

/** Every image, newest first, with scan results, the deployed marker and a Deploy entry per row. */
export function ImageTable({ githubRepo }: { githubRepo: string }) {
  const query = useInfiniteQuery(imagesQuery())
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set())
  if (query.isPending) return <ImagesSkeleton />
  const pages = query.data?.pages ?? []
  const first = pages[0]
  if (!first) return <PanelError error={query.error} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
  const images = pages.flatMap((p) => p.images)
  const toggle = (digest: string) =>
    setExpanded((prev) => {
      const next = new Set(prev)
      if (next.has(digest)) next.delete(digest)
      else next.add(digest)
      return next
    })

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <AsOf fetchedAt={first.fetchedAt} stale={first.stale} staleError={first.staleError} isFetching={query.isFetching} />
        <span className="text-xs text-muted">{images.length} shown</span>
      </div>
      {query.isError ? (
        <p role="status" className="text-xs text-tone-warn">
          Refresh failed: {toPanelError(query.error).message}
        </p>
      ) : null}
      {first.nothingDeployed ? (
        <NotCreatedNotice value={first.nothingDeployed} detail="No image is deployed yet, so there is nothing to deploy to." />
      ) : null}
      {images.length === 0 ? (
        <EmptyState>The repository has no images yet. CI pushes one per commit to main.</EmptyState>
      ) : (
        <Table>
          <caption className="sr-only">Container images, newest first</caption>
          <THead>
            <Tr>
              <Th>SHA</Th>
              <Th>Other tags</Th>
              <Th>Pushed</Th>
              <Th className="text-right">Size</Th>
              <Th>Scan</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {images.map((img) => {
              const isOpen = expanded.has(img.digest)
              const detailsId = `findings-${img.digest.replace(/[^a-z0-9]/gi, '')}`
              const otherTags = img.tags.filter((t) => t !== img.sha)
              return (
                <Fragment key={img.digest}>
                  <Tr className={img.deployed ? 'bg-tone-ok/5' : undefined} data-deployed={img.deployed || undefined}>
                    <Td className="whitespace-nowrap">
                      {img.sha ? (
                        <a
                          href={commitUrl(githubRepo, img.sha)}
                          title={img.sha}
                          target="_blank"
                          rel="noreferrer"
                          className="font-mono text-accent underline-offset-2 hover:underline"
                        >
                          {shortSha(img.sha)}
                        </a>
                      ) : (
                        <span className="font-mono text-muted" title={img.digest}>
                          {img.digest.slice(7, 19)}
                        </span>
                      )}
                      {img.deployed ? (
                        <Badge tone="ok" className="ml-2">
                          deployed
                        </Badge>
                      ) : null}
                    </Td>
                    <Td className="max-w-48">
                      <span className="block truncate font-mono text-xs" title={otherTags.join(', ')}>
                        {otherTags.join(', ') || '—'}
                      </span>
                    </Td>
                    <Td className="whitespace-nowrap" title={formatUtc(img.pushedAt)}>
                      <Time iso={img.pushedAt} />
                    </Td>
                    <Td className="text-right whitespace-nowrap tabular-nums">{formatBytes(img.sizeBytes)}</Td>
                    <Td>
                      <div className="flex flex-wrap items-center gap-2">
                        <FindingCounts image={img} />
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-expanded={isOpen}
                          aria-controls={detailsId}
                          onClick={() => toggle(img.digest)}
                          aria-label={`${isOpen ? 'Hide' : 'Show'} findings for ${img.sha ? shortSha(img.sha) : img.digest}`}
                        >
                          {isOpen ? 'Hide findings' : 'Findings'}
                        </Button>
                      </div>
                    </Td>
                    <Td className="text-right">
                      {img.sha && !first.nothingDeployed ? <DeployDialog sha={img.sha} size="sm" hideTrigger={img.deployed} /> : null}
                    </Td>
                  </Tr>
                  {isOpen ? (
                    <Tr>
                      <Td colSpan={6} id={detailsId} className="bg-surface-2/50">
                        <ImageFindings digest={img.digest} />
                      </Td>
                    </Tr>
                  ) : null}
                </Fragment>
              )
            })}
          </TBody>
        </Table>
      )}
      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage} aria-busy={query.isFetchingNextPage}>
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : images.length > 0 ? (
        <p className="text-center text-xs text-muted">All {images.length} images shown.</p>
      ) : null}
    </div>
  )
}
