import type { Metadata } from 'next'

import { LogsSkeleton } from '@/components/logs/logs-view'
import { Panel } from '@/components/panel/panel'

import { LogsPanel } from './_panels/logs-panel'

export const metadata: Metadata = { title: 'Logs' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/logs?stream=&since=&filter=` (or `since=<ISO>&until=<ISO>&errors=first`): App Runner application and service logs. */
export default function LogsPage({ searchParams }: Props) {
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold tracking-tight">Logs</h1>
      <Panel title="Log events" fallback={<LogsSkeleton />}>
        <LogsPanel searchParams={searchParams} />
      </Panel>
    </div>
  )
}
