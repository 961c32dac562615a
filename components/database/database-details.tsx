'use client'

import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { Badge, StatusBadge } from '@/components/ui/badge'
import { DescriptionList } from '@/components/ui/description-list'
import { SkeletonLines } from '@/components/ui/skeleton'
import { Time } from '@/components/ui/time'
import { Identifier } from '@/components/ui/identifier'
import { isDbTransitioning } from '@/lib/domain/database.values'
import { formatBytes } from '@/lib/format'
import { databaseQuery } from '@/lib/queries/database'
import { toPanelError } from '@/lib/queries/fetcher'
import { metricsQuery } from '@/lib/queries/metrics'

export function DatabaseDetailsSkeleton() {
  return <SkeletonLines lines={13} />
}

/**
 * Latest FreeStorageSpace datapoint from the 1-hour metrics (shared query), in bytes: what it says,
 * or why it could not be read — a failed read is never shown as "no datapoint".
 */
function useFreeStorage(): string {
  const m = useQuery(metricsQuery('1h'))
  if (m.isPending) return 'loading…'
  const series = m.data?.series.find((s) => s.id === 'rds.freeStorage')
  const failure = series?.error ?? (m.data ? undefined : m.isError ? toPanelError(m.error) : undefined)
  if (failure)
    return `could not be read (${failure.awsCode ?? failure.code}${failure.httpStatus !== undefined ? `, HTTP ${failure.httpStatus}` : ''})`
  const latest = series?.points.at(-1)?.v
  return latest !== undefined ? formatBytes(latest) : 'no datapoint in the last hour (FreeStorageSpace)'
}

/** Every RDS detail that matters for running the app: state, engine, size, endpoint, exposure, backups. */
export function DatabaseDetails({ actions }: { actions?: ReactNode }) {
  const query = useQuery(databaseQuery())
  const free = useFreeStorage()
  return (
    <QueryView query={query} skeleton={<DatabaseDetailsSkeleton />} toolbar={actions}>
      {(db) => (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={db.status} />
            <span className="font-mono text-sm">{db.identifier}</span>
            {isDbTransitioning(db.status) ? (
              <span className="text-xs text-muted">RDS is changing the instance; refreshing every few seconds.</span>
            ) : null}
          </div>
          <DescriptionList
            items={[
              { label: 'Engine', value: `${db.engine} ${db.engineVersion ?? ''}` },
              { label: 'Instance class', value: db.instanceClass },
              {
                label: 'Storage',
                value: `${db.allocatedStorageGb ?? '—'} GB allocated${db.storageType ? ` (${db.storageType})` : ''}${db.storageEncrypted ? ', encrypted' : ', not encrypted'}`,
              },
              { label: 'Free storage', value: free },
              {
                label: 'Endpoint',
                value: db.endpoint ? (
                  <Identifier value={`${db.endpoint.address}:${db.endpoint.port}`} name="database endpoint" />
                ) : (
                  'none (not available)'
                ),
              },
              {
                label: 'Public access',
                value: db.publiclyAccessible ? <Badge tone="warn">publicly accessible</Badge> : <Badge tone="ok">private</Badge>,
              },
              { label: 'Multi-AZ', value: db.multiAz ? 'yes' : 'no (single AZ)' },
              {
                label: 'Backup retention',
                value: db.backupRetentionDays > 0 ? `${db.backupRetentionDays} days` : <Badge tone="warn">backups off</Badge>,
              },
              { label: 'Latest restorable time', value: <Time iso={db.latestRestorableTime} mode="both" /> },
              {
                label: 'Security groups',
                value: db.securityGroupIds.length ? <span className="font-mono text-xs">{db.securityGroupIds.join(', ')}</span> : '—',
              },
              { label: 'VPC', value: <span className="font-mono text-xs">{db.vpcId ?? '—'}</span> },
              { label: 'Master user', value: db.masterUsername ?? '—' },
              ...(db.automaticRestartTime
                ? [
                    {
                      label: 'AWS restarts it',
                      value: <Time iso={db.automaticRestartTime} mode="both" />,
                      hint: 'RDS starts a stopped instance again after 7 days.',
                    },
                  ]
                : []),
            ]}
          />
        </div>
      )}
    </QueryView>
  )
}
