'use client'

import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { ShaLink } from '@/components/service/service-summary'
import { StatusBadge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { Time, useNow } from '@/components/ui/time'
import { durationMs, formatDuration } from '@/lib/format'
import type { Operation } from '@/lib/domain/service'
import { isOperationActive } from '@/lib/domain/service.values'
import { operationsQuery } from '@/lib/queries/service'

export function OperationsTableSkeleton({ rows = 5 }: { rows?: number }) {
  return <SkeletonLines lines={rows + 1} />
}

const typeLabel = (type: string) => type.replaceAll('_', ' ').toLowerCase()

/** App Runner operations, newest first; `limit` shows only the most recent. */
export function OperationsTable({ githubRepo, limit }: { githubRepo: string; limit?: number }) {
  const query = useQuery(operationsQuery())
  return (
    <QueryView query={query} skeleton={<OperationsTableSkeleton rows={limit ?? 5} />}>
      {({ operations }) =>
        operations.length === 0 ? (
          <EmptyState>No operations yet.</EmptyState>
        ) : (
          <Table layout="stack" label="Operations">
            <caption className="sr-only">App Runner operations, newest first</caption>
            <THead>
              <Tr>
                <Th>Type</Th>
                <Th>Status</Th>
                <Th>SHA</Th>
                <Th>Started</Th>
                <Th>Ended</Th>
                <Th>Duration</Th>
                {limit ? null : <Th>By</Th>}
              </Tr>
            </THead>
            <TBody>
              {(limit ? operations.slice(0, limit) : operations).map((op) => (
                <OperationRow key={op.id} op={op} githubRepo={githubRepo} showActor={!limit} />
              ))}
            </TBody>
          </Table>
        )
      }
    </QueryView>
  )
}

function OperationRow({ op, githubRepo, showActor }: { op: Operation; githubRepo: string; showActor: boolean }) {
  const now = useNow()
  const running = isOperationActive(op.status)
  const end = op.endedAt ?? (running ? new Date(now).toISOString() : null)
  return (
    <Tr>
      <Td className="whitespace-nowrap capitalize max-md:font-medium">{typeLabel(op.type)}</Td>
      <Td>
        <StatusBadge status={op.status} />
      </Td>
      <Td label="SHA">{op.sha ? <ShaLink sha={op.sha} repo={githubRepo} /> : <span className="text-muted">unknown</span>}</Td>
      <Td label="Started" className="whitespace-nowrap">
        <Time iso={op.startedAt} />
      </Td>
      <Td label="Ended" className="whitespace-nowrap">
        {op.endedAt ? <Time iso={op.endedAt} /> : <span className="text-muted">{running ? 'running' : '—'}</span>}
      </Td>
      <Td label="Took" className="whitespace-nowrap tabular-nums">
        {/* A running operation's duration counts from the server's clock, then the browser's. */}
        <span suppressHydrationWarning>{formatDuration(durationMs(op.startedAt, end))}</span>
      </Td>
      {showActor ? (
        <Td label="By" className="text-muted">
          {op.actor ?? (op.startedByPortal ? 'portal' : 'unknown')}
        </Td>
      ) : null}
    </Tr>
  )
}
