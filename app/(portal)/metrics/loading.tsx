import { AlarmsTableSkeleton } from '@/components/metrics/alarms-table'
import { MetricsChartsSkeleton } from '@/components/metrics/metrics-charts'
import { Card, CardHeader } from '@/components/ui/card'

/** The metrics page's shell with skeletons while the route loads. */
export default function MetricsLoading() {
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold tracking-tight">Metrics</h1>
      {(['Alarms', 'App Runner', 'RDS'] as const).map((title) => (
        <Card key={title}>
          <CardHeader title={title} />
          <div className="p-4">{title === 'Alarms' ? <AlarmsTableSkeleton /> : <MetricsChartsSkeleton />}</div>
        </Card>
      ))}
    </div>
  )
}
