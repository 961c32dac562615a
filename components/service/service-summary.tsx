'use client'

import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { Badge, StatusBadge } from '@/components/ui/badge'
import { DescriptionList } from '@/components/ui/description-list'
import { Skeleton, SkeletonLines } from '@/components/ui/skeleton'
import { Time } from '@/components/ui/time'
import { commitUrl, serviceHref } from '@/lib/console-links'
import { shortSha } from '@/lib/domain/sha.values'
import type { Service } from '@/lib/domain/service'
import type { HealthProbeResult } from '@/lib/domain/health'
import { healthProbeQuery, serviceQuery } from '@/lib/queries/service'
import { linkClasses } from '@/components/ui/link'

export function ServiceSummarySkeleton() {
  return (
    <div className="space-y-3">
      <Skeleton className="h-6 w-32" />
      <SkeletonLines lines={5} />
    </div>
  )
}

/** Links a commit SHA (short form shown, full in the tooltip) to GitHub. */
export function ShaLink({ sha, repo }: { sha: string; repo: string }) {
  return (
    <a href={commitUrl(repo, sha)} title={sha} target="_blank" rel="noreferrer" className={linkClasses('font-mono')}>
      {shortSha(sha)}
    </a>
  )
}

/** The deployed image: the SHA linked to its commit when the tag is one, else the tag. */
export function DeployedImage({ service, repo }: { service: Service; repo: string }) {
  if (service.sha) return <ShaLink sha={service.sha} repo={repo} />
  if (service.imageTag) return <span className="font-mono">{service.imageTag}</span>
  if (service.imageDigest)
    return (
      <span className="font-mono" title={service.imageDigest}>
        {service.imageDigest.slice(0, 19)}…
      </span>
    )
  return <span className="text-muted">unknown</span>
}

const verdictLabel = {
  healthy: 'healthy',
  unhealthy: 'unhealthy',
  unreachable: 'unreachable',
  unknown: 'unknown',
} as const satisfies Record<HealthProbeResult['verdict'], string>

/** The health probe's verdict with status code and time. */
export function HealthBadge() {
  const q = useQuery(healthProbeQuery())
  if (q.isPending) return <Skeleton className="h-5 w-24" />
  if (q.isError && !q.data) return <Badge tone="warn">health not probed</Badge>
  const p = q.data
  if (!p) return null
  const detail = p.status !== null ? `HTTP ${p.status}` : (p.error ?? 'no answer')
  return (
    <span className="inline-flex flex-wrap items-center gap-2" title={p.url ?? undefined}>
      <StatusBadge status={p.verdict} label={verdictLabel[p.verdict]} />
      <span className="text-xs text-muted">
        {detail}
        {p.ms !== null ? ` · ${p.ms} ms` : ''}
      </span>
    </span>
  )
}

/** Overview card for the App Runner service: status, deployed SHA, URL and its health. */
export function ServiceSummary({ githubRepo, actions }: { githubRepo: string; actions?: ReactNode }) {
  const query = useQuery(serviceQuery())
  return (
    <QueryView query={query} skeleton={<ServiceSummarySkeleton />} toolbar={actions}>
      {(s) => (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={s.status} />
            {s.status === 'OPERATION_IN_PROGRESS' ? (
              <span className="text-xs text-muted">An operation is running; refreshing every few seconds.</span>
            ) : null}
          </div>
          <DescriptionList
            items={[
              { label: 'Deployed SHA', value: <DeployedImage service={s} repo={githubRepo} /> },
              {
                label: 'URL',
                value: s.url ? (
                  <a href={serviceHref(s.url)} target="_blank" rel="noreferrer" className={linkClasses('break-all')}>
                    {s.url}
                  </a>
                ) : (
                  <span className="text-muted">none yet</span>
                ),
              },
              { label: 'Health', value: <HealthBadge /> },
              { label: 'Size', value: [s.cpu && `${s.cpu} CPU`, s.memory && `${s.memory} memory`].filter(Boolean).join(' · ') || '—' },
              { label: 'Last change', value: <Time iso={s.updatedAt} /> },
            ]}
          />
          <a href={s.consoleUrl} target="_blank" rel="noreferrer" className={linkClasses('text-xs')}>
            Open in the App Runner console
          </a>
        </div>
      )}
    </QueryView>
  )
}
