'use client'

import Link from 'next/link'
import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { SkeletonLines } from '@/components/ui/skeleton'
import { linkClasses } from '@/components/ui/link'
import { EmptyState } from '@/components/ui/table'
import { recentChangesParams, timelineQuery } from '@/lib/queries/timeline'

import { TimelineEntry } from './timeline-entry'

const SHOWN = 5

export function RecentChangesSkeleton() {
  return <SkeletonLines lines={5} />
}

/** The last five changes (any kind), each linked to its detail, and which sources could not be read. */
export function RecentChanges() {
  const query = useQuery(timelineQuery(recentChangesParams))
  return (
    <QueryView query={query} skeleton={<RecentChangesSkeleton />}>
      {(t) => (
        <div className="space-y-2">
          {t.missing.length > 0 ? (
            <p className="text-xs text-tone-warn">Incomplete: {t.missing.map((m) => m.label).join(', ')} could not be read.</p>
          ) : null}
          {t.events.length === 0 ? (
            <EmptyState variant="inline">
              {t.missing.length === 0 ? 'Nothing changed in the last 7 days.' : 'No changes in the sources that could be read.'}
            </EmptyState>
          ) : (
            <ol aria-label="Recent changes, newest first" className="divide-y divide-border">
              {t.events.slice(0, SHOWN).map((e) => (
                <TimelineEntry key={e.id} event={e} compact />
              ))}
            </ol>
          )}
          <Link href="/timeline" className={linkClasses('text-xs')}>
            Full timeline
          </Link>
        </div>
      )}
    </QueryView>
  )
}
