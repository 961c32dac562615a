'use client'

import { Fragment, useState } from 'react'
import { useInfiniteQuery } from '@tanstack/react-query'

import { DeployDialog } from '@/components/actions/deploy-dialog'
import { ImageFindings } from '@/components/images/image-findings'
import { AsOf } from '@/components/panel/as-of'
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
import { formatBytes } from '@/lib/format'
import { toPanelError } from '@/lib/queries/fetcher'
import { imagesQuery } from '@/lib/queries/images'
import { cn } from '@/lib/utils'
import { linkClasses } from '@/components/ui/link'

export function ImagesSkeleton() {
  return <SkeletonLines lines={14} />
}

/** Phone: each image is a card — SHA, pushed, size / scan, Deploy / other tags. */
const cardRow =
  'md:align-middle max-md:grid max-md:grid-cols-[1fr_auto_auto] max-md:items-center max-md:gap-x-3 max-md:gap-y-2 max-md:py-3 max-md:[&>td]:p-0'

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
      {first.deployedKnown === false ? (
        <p role="status" className="text-xs text-tone-warn">
          Which image is deployed is unknown
          {first.deployedError ? `: the service could not be read (${first.deployedError.message})` : ''}; no image is marked as deployed.
        </p>
      ) : null}
      {images.length === 0 ? (
        <EmptyState>The repository has no images yet. CI pushes one per commit to main.</EmptyState>
      ) : (
        <Table layout="cards" label="Container images">
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
                  <Tr className={cn(cardRow, img.deployed && 'bg-tone-ok/5')} data-deployed={img.deployed || undefined}>
                    <Td className="whitespace-nowrap max-md:col-start-1 max-md:row-start-1">
                      {img.sha ? (
                        <a
                          href={commitUrl(githubRepo, img.sha)}
                          title={img.sha}
                          target="_blank"
                          rel="noreferrer"
                          className={linkClasses('font-mono')}
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
                    {/* Phone: the other tags, wrapped in full, on the card's last line (md:truncate keeps the table row short). */}
                    <Td className={cn('max-md:col-span-3 max-md:row-start-3 md:max-w-48', otherTags.length === 0 && 'max-md:hidden')}>
                      <span className="block font-mono text-xs break-all md:truncate" title={otherTags.join(', ')}>
                        <span className="text-muted md:hidden">Tags: </span>
                        {otherTags.join(', ') || '—'}
                      </span>
                    </Td>
                    <Td className="whitespace-nowrap max-md:col-start-2 max-md:row-start-1 max-md:text-xs max-md:text-muted">
                      <Time iso={img.pushedAt} />
                    </Td>
                    <Td className="text-right whitespace-nowrap tabular-nums max-md:col-start-3 max-md:row-start-1 max-md:text-xs max-md:text-muted">
                      {formatBytes(img.sizeBytes)}
                    </Td>
                    <Td className="max-md:col-span-2 max-md:row-start-2">
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
                    <Td className="text-right max-md:col-start-3 max-md:row-start-2 max-md:self-center">
                      {img.sha ? <DeployDialog sha={img.sha} size="sm" hideTrigger={img.deployed} /> : null}
                    </Td>
                  </Tr>
                  {isOpen ? (
                    <Tr className="max-md:block">
                      <Td colSpan={6} id={detailsId} className="bg-surface-2/50 max-md:block">
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
