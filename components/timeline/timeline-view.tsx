'use client'

import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'next/navigation'

import { QueryView } from '@/components/panel/query-view'
import { SkeletonLines } from '@/components/ui/skeleton'
import { Time } from '@/components/ui/time'
import type { TimelineKind } from '@/lib/domain/timeline.values'
import { timelineQuery, toTimelineParams } from '@/lib/queries/timeline'

import { KindFilter } from './kind-filter'
import { TimelineList } from './timeline-list'
import { WindowPicker } from './window-picker'

export function TimelineSkeleton() {
  return <SkeletonLines lines={8} />
}

/** `/timeline`: the window and kinds from the URL, then every change in it, newest first. */
export function TimelineView() {
  const params = toTimelineParams(Object.fromEntries(useSearchParams()))
  const query = useQuery({ ...timelineQuery(params), placeholderData: keepPreviousData })
  const counts: Partial<Record<TimelineKind, number>> = {}
  for (const e of query.data?.events ?? []) counts[e.kind] = (counts[e.kind] ?? 0) + 1
  return (
    <div className="space-y-4">
      <WindowPicker params={params} />
      <KindFilter params={params} counts={query.data && !query.isPlaceholderData ? counts : undefined} />
      <QueryView query={query} skeleton={<TimelineSkeleton />}>
        {(t) => (
          <div className="space-y-2" aria-busy={query.isPlaceholderData}>
            <p className="text-xs text-muted">
              From <Time iso={t.since} mode="exact" /> to <Time iso={t.until} mode="exact" />
            </p>
            <TimelineList timeline={t} />
          </div>
        )}
      </QueryView>
    </div>
  )
}
