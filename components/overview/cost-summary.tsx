'use client'

import { useQuery } from '@tanstack/react-query'

import { PanelError } from '@/components/panel/panel-error'
import { SkeletonLines } from '@/components/ui/skeleton'
import { costInputFrom, estimateMonthlyCost, type PriceTable, priceRegion, type Range, seedEstimate } from '@/lib/cost'
import { formatUsd } from '@/lib/format'
import { overviewMetricsRange } from '@/lib/domain/overview.values'
import { isNotCreated } from '@/lib/domain/setup.values'
import { databaseQuery } from '@/lib/queries/database'
import { metricsQuery } from '@/lib/queries/metrics'
import { serviceQuery } from '@/lib/queries/service'

const range = (r: Range) => (r.low === r.high ? formatUsd(r.low) : `${formatUsd(r.low)}–${formatUsd(r.high)}`)

export function CostSummarySkeleton() {
  return <SkeletonLines lines={5} />
}

/** Estimated monthly cost from the live configuration (at the prices in force), beside the documented setup's hand-made estimate. */
export function CostSummary({ region, prices }: { region: string; prices?: PriceTable }) {
  const service = useQuery(serviceQuery())
  const database = useQuery(databaseQuery())
  const metrics = useQuery(metricsQuery(overviewMetricsRange))
  if (service.isPending && database.isPending) return <CostSummarySkeleton />
  if (!service.data && !database.data) return <PanelError error={service.error ?? database.error} onRetry={() => void service.refetch()} />
  // A service that is not created yet costs nothing yet: the estimate covers what exists.
  const absent = service.data && isNotCreated(service.data) ? service.data : null
  const running = service.data && !isNotCreated(service.data) ? service.data : undefined
  const estimate = estimateMonthlyCost(costInputFrom(region, running, database.data, metrics.data), prices)
  return (
    <div className="space-y-3">
      <p>
        <span className="text-2xl font-semibold tabular-nums" data-testid="cost-total">
          {range(estimate.total)}
        </span>
        <span className="text-sm text-muted"> / month (estimate)</span>
      </p>
      <table className="w-full text-sm">
        <caption className="sr-only">Cost by resource</caption>
        <tbody className="divide-y divide-border">
          {estimate.lines.map((l) => (
            <tr key={l.id}>
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                <span title={l.basis}>{l.label}</span>
              </th>
              <td className="py-1 text-right font-mono tabular-nums">{range(l.monthly)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-muted">
        Estimate in the AWS setup document: ~${seedEstimate.low}–{seedEstimate.high}/month. On-demand {priceRegion} list prices; data
        transfer and CloudWatch not included.
        {estimate.isOtherRegion ? ` Resources are in ${region}; prices there may differ.` : ''}
        {!metrics.data
          ? ' App Runner compute assumes low traffic until metrics load.'
          : metrics.data.series.some((s) => s.id === 'service.instances' && s.error)
            ? ' App Runner compute assumes low traffic: its instance metrics could not be read.'
            : ''}
      </p>
      {absent ? <p className="text-xs text-muted">{absent.resource} is not created yet: not in the estimate.</p> : null}
      {!service.data || !database.data ? (
        <p className="text-xs text-tone-warn">Partial: {!service.data ? 'App Runner' : 'RDS'} could not be read.</p>
      ) : null}
      {estimate.unpriced.length > 0 ? <p className="text-xs text-tone-warn">Not priced: {estimate.unpriced.join(', ')}.</p> : null}
    </div>
  )
}
