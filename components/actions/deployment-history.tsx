'use client'

import { useQuery } from '@tanstack/react-query'

import { ErrorFacts } from '@/components/panel/error-facts'
import { QueryView } from '@/components/panel/query-view'
import { Badge } from '@/components/ui/badge'
import { linkClasses } from '@/components/ui/link'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import type { Deployment, DeploymentList, DeploymentOutcome, DeploymentSource, ShaSource } from '@/lib/domain/actions'
import { shortSha } from '@/lib/domain/sha.values'
import { deploymentsQuery } from '@/lib/queries/actions'
import type { Tone } from '@/lib/status-tone'

const outcomeTone = { running: 'busy', succeeded: 'ok', failed: 'bad', unknown: 'idle' } as const satisfies Record<DeploymentOutcome, Tone>

export function DeploymentHistorySkeleton({ rows = 5 }: { rows?: number }) {
  return <SkeletonLines lines={rows + 1} />
}

const typeLabel = (d: Deployment) => (d.kind ? d.kind : (d.type ?? 'operation').replaceAll('_', ' ').toLowerCase())

const shaSourceText = {
  ledger: 'recorded by the portal when it started the deployment',
  request: 'the image the request named (CloudTrail)',
  log: "the image named in the operation's deployment log",
  running: 'the commit that was running (this operation deploys no new image)',
} as const satisfies Record<ShaSource, string>

/** What is missing from the history when a source could not be read. */
function missingText(source: DeploymentSource, runtimeLabel: string): string {
  switch (source) {
    case 'runtime':
      return `${runtimeLabel} could not be read: the rows come from the portal's ledger and CloudTrail, and their status is the last one recorded.`
    case 'ledger':
      return "The portal's deployment ledger could not be read: who started the portal's deployments is unknown."
    case 'cloudtrail':
      return 'CloudTrail could not be read: who started the operations the portal did not start is unknown.'
  }
}

function MissingSources({ missing, runtimeLabel }: { missing: DeploymentList['missing']; runtimeLabel: string }) {
  if (missing.length === 0) return null
  return (
    <ul className="space-y-2" aria-label="Sources that could not be read">
      {missing.map((m) => (
        <li key={m.source} role="status" className="rounded-md border border-tone-warn/40 bg-tone-warn/10 p-2 text-xs">
          <p>{missingText(m.source, runtimeLabel)}</p>
          <p className="mt-1">{m.error.message}</p>
          <ErrorFacts error={m.error} className="mt-1" />
        </li>
      ))}
    </ul>
  )
}

function Who({ d }: { d: Deployment }) {
  if (d.actorKind === 'portal') return <span title={d.actorArn ?? undefined}>{d.actorName ?? 'portal'} (portal)</span>
  if (!d.actorName)
    return (
      <span className="text-muted" title="CloudTrail has no record of who started it yet: it records a call within about 5 minutes.">
        unknown
      </span>
    )
  return (
    <span title={d.actorArn ?? undefined}>
      {d.actorName}
      {d.actorKind === 'automation' ? <span className="text-muted"> (automation)</span> : null}
    </span>
  )
}

function Sha({ d, githubRepo }: { d: Deployment; githubRepo: string }) {
  if (!d.sha) return <span className="text-muted">unknown</span>
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <a
        href={`https://github.com/${githubRepo}/commit/${d.sha}`}
        target="_blank"
        rel="noreferrer"
        title={`${d.sha}: ${d.shaSource ? shaSourceText[d.shaSource] : ''}${d.digest ? ` (${d.digest})` : ''}`}
        className={linkClasses('font-mono')}
      >
        {shortSha(d.sha)}
      </a>
      {d.compareUrl && d.previousSha ? (
        <a href={d.compareUrl} target="_blank" rel="noreferrer" className={linkClasses('text-xs')}>
          compare with {shortSha(d.previousSha)}
        </a>
      ) : null}
    </span>
  )
}

/**
 * Every runtime operation with what it deployed and who started it: the portal (its ledger), GitHub
 * Actions or a person (CloudTrail); the truthful outcome (a rolled-back update is failed, in red,
 * with the reason from its deployment log) and a compare link to the commit it replaced. A source
 * that could not be read is named above the rows; rows the runtime does not list are marked.
 * `limit` shows only the most recent (the overview's last operations).
 */
export function DeploymentHistory({ githubRepo, runtimeLabel, limit }: { githubRepo: string; runtimeLabel: string; limit?: number }) {
  const query = useQuery(deploymentsQuery())
  return (
    <QueryView query={query} skeleton={<DeploymentHistorySkeleton rows={limit ?? 5} />}>
      {({ deployments, missing }) => (
        <div className="space-y-3">
          <MissingSources missing={missing} runtimeLabel={runtimeLabel} />
          {deployments.length === 0 ? (
            <EmptyState>No deployments yet.</EmptyState>
          ) : (
            <Table aria-label={limit ? 'Last operations' : 'Deployment history'} layout="stack">
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
                {(limit ? deployments.slice(0, limit) : deployments).map((d) => (
                  <Tr key={d.operationId} data-operation-id={d.operationId}>
                    <Td className="whitespace-nowrap capitalize max-md:font-medium">{typeLabel(d)}</Td>
                    <Td>
                      <Badge tone={outcomeTone[d.outcome]} title={d.status ?? undefined}>
                        {d.outcome === 'failed' && d.status === 'ROLLBACK_SUCCEEDED' ? 'failed (rolled back)' : d.outcome}
                      </Badge>
                      {d.listedByRuntime ? null : <p className="mt-1 text-xs text-muted">not in {runtimeLabel}&apos;s answer</p>}
                      {d.outcome === 'failed' && d.reason ? <p className="mt-1 max-w-md text-xs text-tone-bad">{d.reason}</p> : null}
                      {d.overrideReason ? <p className="mt-1 max-w-md text-xs text-muted">CRITICAL override: {d.overrideReason}</p> : null}
                    </Td>
                    <Td label="SHA">
                      <Sha d={d} githubRepo={githubRepo} />
                    </Td>
                    <Td label="Started" className="whitespace-nowrap">
                      <Time iso={d.startedAt} />
                    </Td>
                    <Td label="By">
                      <Who d={d} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </div>
      )}
    </QueryView>
  )
}
