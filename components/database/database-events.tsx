'use client'

import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import { databaseEventsQuery } from '@/lib/queries/database'

export function DatabaseEventsSkeleton() {
  return <SkeletonLines lines={8} />
}

/** Recent RDS events, newest first. */
export function DatabaseEvents() {
  const query = useQuery(databaseEventsQuery())
  return (
    <QueryView query={query} skeleton={<DatabaseEventsSkeleton />}>
      {({ events }) =>
        events.length === 0 ? (
          <EmptyState>No RDS events in the last 7 days.</EmptyState>
        ) : (
          <ol className="divide-y divide-border text-sm">
            {events.slice(0, 50).map((e, i) => (
              <li key={e.eventId ?? `${e.time}-${i}`} className="grid gap-1 py-2 sm:grid-cols-[10rem_1fr]">
                <Time iso={e.time} className="text-xs text-muted" />
                <span>
                  {e.message}
                  {e.categories.length ? <span className="ml-2 text-xs text-muted">({e.categories.join(', ')})</span> : null}
                </span>
              </li>
            ))}
          </ol>
        )
      }
    </QueryView>
  )
}
