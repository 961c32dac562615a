import { LogsSkeleton } from '@/components/logs/logs-view'
import { Card, CardHeader } from '@/components/ui/card'

/** The logs page's shell with a skeleton while the route loads. */
export default function LogsLoading() {
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold tracking-tight">Logs</h1>
      <Card>
        <CardHeader title="Log events" />
        <div className="p-4">
          <LogsSkeleton />
        </div>
      </Card>
    </div>
  )
}
