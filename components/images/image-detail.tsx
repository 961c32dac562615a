'use client'

import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { Badge, StatusBadge } from '@/components/ui/badge'
import { DescriptionList } from '@/components/ui/description-list'
import { SkeletonLines } from '@/components/ui/skeleton'
import { Time } from '@/components/ui/time'
import { bySeverity } from '@/lib/domain/image.values'
import { shortSha } from '@/lib/domain/sha.values'
import { logsAroundHref } from '@/lib/domain/timeline.values'
import { formatBytes } from '@/lib/format'
import { imageQuery } from '@/lib/queries/images'
import { linkClasses } from '@/components/ui/link'

import { ImageFindings } from './image-findings'

// Standalone links: at least 24 px tall (tap targets on a phone).
const linkClass = linkClasses()

export function ImageDetailSkeleton() {
  return <SkeletonLines lines={7} />
}

/** One image: its commit, tags, push time, size, whether it runs now, and its scan result with every finding. */
export function ImageDetail({ digest, githubRepo }: { digest: string; githubRepo: string }) {
  const query = useQuery(imageQuery(digest))
  return (
    <QueryView query={query} skeleton={<ImageDetailSkeleton />}>
      {(img) => {
        const counts = Object.entries(img.scan.findings)
          .filter(([, n]) => n > 0)
          .sort(([a], [b]) => bySeverity(a, b))
        return (
          <div className="space-y-4">
            <DescriptionList
              items={[
                {
                  label: 'SHA',
                  value: img.sha ? (
                    <a
                      href={`https://github.com/${githubRepo}/commit/${img.sha}`}
                      target="_blank"
                      rel="noreferrer"
                      className={`font-mono ${linkClass}`}
                    >
                      {shortSha(img.sha)}
                    </a>
                  ) : (
                    '—'
                  ),
                },
                { label: 'Digest', value: <code className="font-mono text-xs break-all">{img.digest}</code> },
                { label: 'Tags', value: img.tags.length > 0 ? img.tags.join(', ') : 'untagged' },
                { label: 'Pushed', value: <Time iso={img.pushedAt} mode="both" /> },
                { label: 'Size', value: formatBytes(img.sizeBytes) },
                { label: 'Runs now', value: img.deployed ? <Badge tone="ok">deployed</Badge> : 'no' },
                {
                  label: 'Scan',
                  value: (
                    <span className="flex flex-wrap gap-1.5">
                      <StatusBadge status={img.scan.status} />
                      {counts.map(([sev, n]) => (
                        <StatusBadge key={sev} status={sev} label={`${n} ${sev}`} />
                      ))}
                    </span>
                  ),
                },
              ]}
            />
            <p className="flex flex-wrap gap-x-4 text-sm">
              <Link href={logsAroundHref(img.pushedAt)} className={linkClass}>
                Logs at this time
              </Link>
              <Link href="/images" className={linkClass}>
                All images
              </Link>
            </p>
            <section className="space-y-2">
              <h2 className="text-sm font-medium">Findings</h2>
              <ImageFindings digest={img.digest} />
            </section>
          </div>
        )
      }}
    </QueryView>
  )
}
