'use client'

import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { StatusBadge } from '@/components/ui/badge'
import { DescriptionList } from '@/components/ui/description-list'
import { Skeleton, SkeletonLines } from '@/components/ui/skeleton'
import { rdsConsoleUrl } from '@/lib/console-links'
import { isDbTransitioning } from '@/lib/domain/database.values'
import { databaseQuery } from '@/lib/queries/database'
import { linkClasses } from '@/components/ui/link'

export function DatabaseSummarySkeleton() {
  return (
    <div className="space-y-3">
      <Skeleton className="h-6 w-28" />
      <SkeletonLines lines={4} />
    </div>
  )
}

/** Overview card for the RDS instance: status, class, storage, engine. */
export function DatabaseSummary({ region, actions }: { region: string; actions?: ReactNode }) {
  const query = useQuery(databaseQuery())
  return (
    <QueryView query={query} skeleton={<DatabaseSummarySkeleton />} toolbar={actions}>
      {(db) => (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={db.status} />
            {isDbTransitioning(db.status) ? (
              <span className="text-xs text-muted">RDS is changing the instance; refreshing every few seconds.</span>
            ) : null}
          </div>
          <DescriptionList
            items={[
              { label: 'Instance', value: <span className="font-mono">{db.identifier}</span> },
              { label: 'Class', value: db.instanceClass },
              { label: 'Storage', value: db.allocatedStorageGb !== null ? `${db.allocatedStorageGb} GB ${db.storageType ?? ''}` : '—' },
              { label: 'Engine', value: `${db.engine} ${db.engineVersion ?? ''}` },
            ]}
          />
          <a href={rdsConsoleUrl(region, db.identifier)} target="_blank" rel="noreferrer" className={linkClasses('text-xs')}>
            Open in the RDS console
          </a>
        </div>
      )}
    </QueryView>
  )
}
