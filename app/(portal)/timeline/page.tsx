import type { Metadata } from 'next'

import { Panel } from '@/components/panel/panel'
import { TimelineSkeleton } from '@/components/timeline/timeline-view'

import { TimelinePanel } from './_panels/timeline-panel'

export const metadata: Metadata = { title: 'Timeline' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/**
 * `/timeline?since=&until=&kinds=`: "what changed?" — deployments, alarm state changes, database
 * events, image pushes and the portal's own actions in one list, newest first.
 */
export default function TimelinePage({ searchParams }: Props) {
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold tracking-tight">Timeline</h1>
      <Panel title="What changed" fallback={<TimelineSkeleton />}>
        <TimelinePanel searchParams={searchParams} />
      </Panel>
    </div>
  )
}
