import 'server-only'

import { getMetrics } from '@/lib/aws/cloudwatch'
import { getDatabase, listDatabaseEvents } from '@/lib/aws/rds'
import { runtime } from '@/lib/aws/runtime'
import { listSchedules } from '@/lib/aws/scheduler'
import { config } from '@/lib/config'
import { costInputFrom, effectivePrices, estimateMonthlyCost } from '@/lib/cost'
import type { CostReport } from '@/lib/domain/cost'
import { isNotCreated } from '@/lib/domain/setup.values'
import { err, ok, type Result } from '@/lib/result'
import { computeSavings } from '@/lib/savings'

/** RDS keeps events for 14 days: as far back as "saved this month" can see database stops. */
const EVENT_HOURS = 14 * 24

/**
 * The cost report (`GET /api/cost`): the always-on estimate, the projection with the current schedules
 * and what was saved this month, at the prices in force (built in, or PORTAL_PRICES). Each read may
 * fail on its own; the report says what it is missing. Errors: aws_* when neither the service nor the
 * database can be read.
 */
export async function getCostReport(): Promise<Result<CostReport>> {
  const c = config()
  const [service, database, metrics, operations, events, schedules] = await Promise.all([
    runtime.getService(),
    getDatabase(),
    getMetrics('1h'),
    runtime.listOperations(),
    listDatabaseEvents({ hours: EVENT_HOURS }),
    listSchedules(),
  ])
  if (!service.ok && !database.ok) return err(service.error)
  const prices = effectivePrices(c.priceOverrides)
  const cost = costInputFrom(
    c.region,
    service.ok && !isNotCreated(service.data) ? service.data : null,
    database.ok ? database.data : null,
    metrics.ok ? metrics.data : null,
  )
  const savings = computeSavings({
    now: Date.now(),
    cost,
    table: prices.table,
    operations: operations.ok && !isNotCreated(operations.data) ? operations.data.operations : null,
    dbEvents: events.ok ? events.data : null,
    schedules: schedules.ok ? schedules.data.records : null,
  })
  const alwaysOn = estimateMonthlyCost(
    {
      ...cost,
      appRunner: cost.appRunner ? { ...cost.appRunner, isPaused: false } : null,
      database: cost.database ? { ...cost.database, isStopped: false } : null,
    },
    prices.table,
  )
  const missing = [
    ...(service.ok ? [] : [`service: ${service.error.message}`]),
    ...(database.ok ? [] : [`RDS: ${database.error.message}`]),
    ...(operations.ok ? [] : ['service operations (paused hours)']),
    ...(events.ok ? [] : ['RDS events (stopped hours)']),
    ...(schedules.ok ? [] : ['schedules (projection)']),
  ]
  return ok({
    ...savings,
    lines: alwaysOn.lines,
    unpriced: alwaysOn.unpriced,
    prices: { source: prices.source, asOf: prices.asOf, overridden: prices.overridden, region: c.region },
    missing,
    fetchedAt: new Date().toISOString(),
  })
}
