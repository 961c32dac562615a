'use client'

import { useQuery } from '@tanstack/react-query'

import { PanelError } from '@/components/panel/panel-error'
import { StatusBadge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState } from '@/components/ui/table'
import { bySeverity } from '@/lib/domain/image.values'
import { imageFindingsQuery } from '@/lib/queries/images'
import { linkClasses } from '@/components/ui/link'

/** The scan findings of one image, most severe first (loaded when its row is expanded). */
export function ImageFindings({ digest }: { digest: string }) {
  const q = useQuery(imageFindingsQuery(digest))
  if (q.isPending) return <SkeletonLines lines={3} />
  if (!q.data) return <PanelError error={q.error} onRetry={() => void q.refetch()} isRetrying={q.isFetching} />
  const findings = [...q.data.findings].sort((a, b) => bySeverity(a.severity, b.severity) || a.name.localeCompare(b.name))
  if (findings.length === 0) return <EmptyState variant="inline">No findings for this image.</EmptyState>
  return (
    <ul className="max-h-80 divide-y divide-border overflow-y-auto text-sm" aria-label={`Findings for ${digest}`}>
      {findings.map((f, i) => (
        <li key={`${f.name}-${f.packageName ?? ''}-${i}`} className="flex flex-wrap items-start gap-2 py-1.5">
          <StatusBadge status={f.severity} />
          <span className="min-w-0 flex-1">
            {f.uri ? (
              <a href={f.uri} target="_blank" rel="noreferrer" className={linkClasses('font-mono')}>
                {f.name}
              </a>
            ) : (
              <span className="font-mono">{f.name}</span>
            )}
            {f.packageName ? (
              <span className="ml-2 text-xs text-muted">
                {f.packageName}
                {f.packageVersion ? ` ${f.packageVersion}` : ''}
              </span>
            ) : null}
            {f.description ? <span className="block text-xs text-muted">{f.description}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  )
}
