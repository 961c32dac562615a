'use client'

import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { Badge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import type { Deployment, DeploymentOutcome } from '@/lib/domain/actions'
import { shortSha } from '@/lib/domain/sha.values'
import { deploymentsQuery } from '@/lib/queries/actions'
import type { Tone } from '@/lib/status-tone'
import { linkClasses } from '@/components/ui/link'

const outcomeTone = { running: 'busy', succeeded: 'ok', failed: 'bad', unknown: 'idle' } as const satisfies Record<DeploymentOutcome, Tone>

export function DeploymentHistorySkeleton() {
  return <SkeletonLines lines={6} />
}

const typeLabel = (d: Deployment) => (d.kind ? d.kind : (d.type ?? 'operation').replaceAll('_', ' ').toLowerCase())

/**
 * Every App Runner operation joined with the portal's ledger: SHA, digest and who for the ones the
 * portal started ("outside the portal" otherwise), and the truthful outcome — a rolled-back update is
 * failed, in red, with the reason from its deployment log.
 */
export function DeploymentHistory({ githubRepo }: { githubRepo: string }) {
  const query = useQuery(deploymentsQuery())
  return (
    <QueryView query={query} skeleton={<DeploymentHistorySkeleton />}>
      {({ deployments }) =>
        deployments.length === 0 ? (
          <EmptyState>No deployments yet.</EmptyState>
        ) : (
          <Table aria-label="Deployment history" layout="stack">
            <THead>
              <Tr>
                <Th>What</Th>
                <Th>Outcome</Th>
                <Th>SHA</Th>
                <Th>Started</Th>
                <Th>By</Th>
              </Tr>
            </THead>
            <TBody>
              {deployments.map((d) => (
                <Tr key={d.operationId}>
                  <Td className="whitespace-nowrap capitalize max-md:font-medium">{typeLabel(d)}</Td>
                  <Td>
                    <Badge tone={outcomeTone[d.outcome]} title={d.status ?? undefined}>
                      {d.outcome === 'failed' && d.status === 'ROLLBACK_SUCCEEDED' ? 'failed (rolled back)' : d.outcome}
                    </Badge>
                    {d.outcome === 'failed' && d.reason ? <p className="mt-1 max-w-md text-xs text-tone-bad">{d.reason}</p> : null}
                    {d.overrideReason ? <p className="mt-1 max-w-md text-xs text-muted">CRITICAL override: {d.overrideReason}</p> : null}
                  </Td>
                  <Td label="SHA">
                    {d.sha ? (
                      <a
                        href={`https://github.com/${githubRepo}/commit/${d.sha}`}
                        target="_blank"
                        rel="noreferrer"
                        title={d.digest ?? d.sha}
                        className={linkClasses('font-mono')}
                      >
                        {shortSha(d.sha)}
                      </a>
                    ) : (
                      <span className="text-muted">—</span>
                    )}
                  </Td>
                  <Td label="Started" className="whitespace-nowrap">
                    <Time iso={d.startedAt} />
                  </Td>
                  <Td label="By" className={d.startedByPortal ? undefined : 'text-muted'}>
                    {d.startedByPortal ? (d.actorName ?? 'portal') : 'outside the portal'}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )
      }
    </QueryView>
  )
}
