'use client'

import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { Badge } from '@/components/ui/badge'
import { DescriptionList } from '@/components/ui/description-list'
import { SkeletonLines } from '@/components/ui/skeleton'
import { Time } from '@/components/ui/time'
import type { DeploymentOutcome, DeploymentProgress } from '@/lib/domain/actions'
import { shortSha } from '@/lib/domain/sha.values'
import { deploymentTitle, logsAroundHref, timelineHref } from '@/lib/domain/timeline.values'
import { durationMs, formatDuration } from '@/lib/format'
import { deploymentProgressQuery } from '@/lib/queries/actions'
import type { Tone } from '@/lib/status-tone'
import { linkClasses } from '@/components/ui/link'

const outcomeTone = { running: 'busy', succeeded: 'ok', failed: 'bad', unknown: 'idle' } as const satisfies Record<DeploymentOutcome, Tone>
// Standalone links: at least 24 px tall (tap targets on a phone).
const linkClass = linkClasses()
const HOUR = 3_600_000

export function DeploymentDetailSkeleton() {
  return <SkeletonLines lines={8} />
}

/** The hour before a deployment to the hour after it ended (or now): what else changed around it. */
function aroundHref(d: DeploymentProgress): string | null {
  if (!d.startedAt) return null
  const from = Date.parse(d.startedAt) - HOUR
  const to = Math.min(Date.parse(d.endedAt ?? d.startedAt) + HOUR, Date.now())
  return to > from ? timelineHref({ since: new Date(from).toISOString(), until: new Date(to).toISOString() }) : null
}

/**
 * One deployment (any runtime operation): what it did, how it ended and why, which commit, who started
 * it, when and for how long, and the health probe once it ended; followed live while it runs.
 */
export function DeploymentDetail({ operationId, githubRepo }: { operationId: string; githubRepo: string }) {
  const query = useQuery(deploymentProgressQuery(operationId))
  return (
    <QueryView query={query} skeleton={<DeploymentDetailSkeleton />}>
      {(d) => {
        const took = durationMs(d.startedAt, d.endedAt)
        const around = aroundHref(d)
        return (
          <div className="space-y-4">
            <p className="flex flex-wrap items-center gap-2 text-base font-medium">
              {deploymentTitle(d)}
              <Badge tone={outcomeTone[d.outcome]} title={d.status ?? undefined}>
                {d.outcome === 'failed' && d.status === 'ROLLBACK_SUCCEEDED' ? 'failed (rolled back)' : d.outcome}
              </Badge>
            </p>
            <DescriptionList
              items={[
                { label: 'Operation', value: <code className="font-mono text-xs">{d.operationId}</code> },
                { label: 'Type', value: d.type ?? '—' },
                { label: 'Status', value: d.status ?? '—' },
                {
                  label: 'SHA',
                  value: d.sha ? (
                    <a
                      href={`https://github.com/${githubRepo}/commit/${d.sha}`}
                      target="_blank"
                      rel="noreferrer"
                      className={`font-mono ${linkClass}`}
                    >
                      {shortSha(d.sha)}
                    </a>
                  ) : (
                    '—'
                  ),
                },
                { label: 'Previous SHA', value: d.fromSha ? <code className="font-mono">{shortSha(d.fromSha)}</code> : '—' },
                {
                  label: 'Image',
                  value: d.digest ? <code className="font-mono text-xs break-all">{d.digest}</code> : (d.imageIdentifier ?? '—'),
                },
                { label: 'Started by', value: d.startedByPortal ? (d.actorName ?? 'portal') : 'outside the portal' },
                { label: 'Started', value: <Time iso={d.startedAt} mode="both" /> },
                {
                  label: 'Ended',
                  value: d.endedAt ? <Time iso={d.endedAt} mode="both" /> : d.outcome === 'running' ? 'still running' : '—',
                },
                { label: 'Duration', value: took === null ? '—' : formatDuration(took) },
                ...(d.reason ? [{ label: 'Why it failed', value: <span className="text-tone-bad">{d.reason}</span> }] : []),
                ...(d.overrideReason ? [{ label: 'CRITICAL override', value: d.overrideReason }] : []),
                ...(d.health
                  ? [
                      {
                        label: 'Health check',
                        value:
                          d.health.status === null
                            ? `no answer (${d.health.error ?? 'unreachable'}) in ${d.health.ms} ms`
                            : `HTTP ${d.health.status} in ${d.health.ms} ms (${d.health.url})`,
                      },
                    ]
                  : []),
              ]}
            />
            <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {around ? (
                <Link href={around} className={linkClass}>
                  What changed around this deployment
                </Link>
              ) : null}
              {d.startedAt ? (
                <Link href={logsAroundHref(d.startedAt)} className={linkClass}>
                  Logs at this time
                </Link>
              ) : null}
              <Link href="/deployments" className={linkClass}>
                All deployments
              </Link>
            </p>
          </div>
        )
      }}
    </QueryView>
  )
}
