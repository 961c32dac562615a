import type { Metadata } from 'next'

import { Panel } from '@/components/panel/panel'
import { OverrideForm } from '@/components/schedules/override-form'
import { ScheduleForm } from '@/components/schedules/schedule-form'
import { ScheduleListSkeleton } from '@/components/schedules/schedule-list'
import { ScheduleRunsSkeleton } from '@/components/schedules/schedule-runs'
import { SkeletonLines } from '@/components/ui/skeleton'

import { RunsPanel } from './_panels/runs-panel'
import { SchedulesPanel } from './_panels/schedules-panel'

export const metadata: Metadata = { title: 'Schedules' }

/** Sleep/wake and database stop/start schedules in EventBridge Scheduler: they run while the portal is down. */
export default function SchedulesPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">Schedules</h1>
      <Panel title="Schedules" fallback={<ScheduleListSkeleton />}>
        <SchedulesPanel />
      </Panel>
      <div className="grid gap-4 lg:grid-cols-2">
        <Panel title="New schedule" fallback={<SkeletonLines lines={8} />}>
          <ScheduleForm />
        </Panel>
        <Panel title="Override" fallback={<SkeletonLines lines={6} />}>
          <OverrideForm />
        </Panel>
      </div>
      <Panel title="Last runs" fallback={<ScheduleRunsSkeleton />}>
        <RunsPanel />
      </Panel>
    </div>
  )
}
