import 'server-only'

import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type AlarmHistoryItem as SdkAlarmHistoryItem,
  type MetricAlarm,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch'

import { cached } from '@/lib/cache'
import { config } from '@/lib/config'
import { appError } from '@/lib/domain/errors'
import {
  metricRanges,
  metricRangeSchema,
  type AlarmHistoryItem,
  type AlarmList,
  type MetricRange,
  type Metrics,
} from '@/lib/domain/metrics'
import { err, ok, type Result } from '@/lib/result'

import { cloudWatchClient } from './clients'
import { queryId, seriesDefsFor, toAlarm, toAlarmHistoryItem, toMetricSeries } from './cloudwatch.mappers'
import { toAppError } from './errors'
import { runtime } from './runtime'
import { fresh, mapAll, plain, ttl } from './support'

/** GetMetricData pages only when a result exceeds MaxDatapoints (100,800); a few pages is a generous cap. */
const MAX_METRIC_PAGES = 5
const MAX_ALARM_PAGES = 10

type MetricsData = Omit<Metrics, 'fetchedAt' | 'stale'>

async function loadMetrics(range: MetricRange): Promise<Result<MetricsData>> {
  // The runtime's metrics are keyed by its service identity (CloudWatch matches only the exact
  // dimension set). The identity is cached for minutes, so this puts no status read in front of
  // GetMetricData.
  const service = await runtime.getIdentity()
  if (!service.ok) return service
  const dimensions = {
    service: runtime.metricDimensions(service.data).map((d) => ({ Name: d.name, Value: d.value })),
    database: [{ Name: 'DBInstanceIdentifier', Value: config().rdsInstance }],
  }
  const seriesDefs = seriesDefsFor(runtime.metrics)
  const { seconds, periodSeconds } = metricRanges[range]
  // Align to the period so successive refreshes ask for the same buckets (and CloudWatch's own rounding agrees).
  const endSec = Math.floor(Date.now() / 1000 / periodSeconds) * periodSeconds
  const StartTime = new Date((endSec - seconds) * 1000)
  const EndTime = new Date(endSec * 1000)
  const MetricDataQueries: MetricDataQuery[] = seriesDefs.map((def) => ({
    Id: queryId(def.id),
    Label: def.label,
    ReturnData: true,
    MetricStat: {
      Metric: { Namespace: def.namespace, MetricName: def.metricName, Dimensions: dimensions[def.source] },
      Period: periodSeconds,
      Stat: def.stat,
    },
  }))
  const results: MetricDataResult[] = []
  let NextToken: string | undefined
  let pages = 0
  try {
    do {
      const out = await cloudWatchClient().send(
        new GetMetricDataCommand({ MetricDataQueries, StartTime, EndTime, ScanBy: 'TimestampAscending', NextToken }),
      )
      results.push(...(out.MetricDataResults ?? []))
      NextToken = out.NextToken
      pages += 1
    } while (NextToken && pages < MAX_METRIC_PAGES)
  } catch (e: unknown) {
    return err(
      toAppError(e, { action: 'cloudwatch:GetMetricData', resource: `metrics of ${service.data.name} and ${config().rdsInstance}` }),
    )
  }
  return ok({
    range,
    periodSeconds,
    start: StartTime.toISOString(),
    end: EndTime.toISOString(),
    series: seriesDefs.map((def) => toMetricSeries(def, results)),
  })
}

/**
 * Every runtime and RDS series the dashboard shows for `range`, from one GetMetricData call
 * (points oldest first). Errors: invalid_input, plus those of runtime.getIdentity, aws_denied, aws_throttled,
 * aws_timeout, aws_unreachable, aws_error.
 */
export async function getMetrics(range: MetricRange): Promise<Result<Metrics>> {
  const parsed = metricRangeSchema.safeParse(range)
  if (!parsed.success) return err(appError('invalid_input', 'The metrics range is one of 1h, 3h, 12h, 24h, 7d.'))
  return fresh(await cached(`cloudwatch:metrics:${parsed.data}`, ttl.metrics, () => loadMetrics(parsed.data)))
}

const stateOrder = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 } as const

async function loadAlarms(): Promise<Result<Omit<AlarmList, 'fetchedAt' | 'stale'>>> {
  const alarms: MetricAlarm[] = []
  let NextToken: string | undefined
  let pages = 0
  try {
    do {
      // Without AlarmTypes, DescribeAlarms returns metric alarms only — the kind the portal shows.
      const out = await cloudWatchClient().send(new DescribeAlarmsCommand({ MaxRecords: 100, NextToken }))
      alarms.push(...(out.MetricAlarms ?? []))
      NextToken = out.NextToken
      pages += 1
    } while (NextToken && pages < MAX_ALARM_PAGES)
  } catch (e: unknown) {
    return err(toAppError(e, { action: 'cloudwatch:DescribeAlarms', resource: 'CloudWatch alarms' }))
  }
  const mapped = mapAll(alarms, toAlarm)
  if (!mapped.ok) return mapped
  // Firing alarms first, then unknown, then OK; by name within each group.
  return ok({ alarms: mapped.data.sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || a.name.localeCompare(b.name)) })
}

/** The account's metric alarms with their state, firing first. Errors: aws_denied, aws_throttled, aws_timeout, aws_unreachable, aws_error. */
export async function listAlarms(): Promise<Result<AlarmList>> {
  return fresh(await cached('cloudwatch:alarms', ttl.alarms, loadAlarms))
}

/** The latest 100 history items of one alarm, newest first. Errors: invalid_input, aws_*. */
export async function getAlarmHistory(name: string): Promise<Result<AlarmHistoryItem[]>> {
  if (name.length < 1 || name.length > 255) return err(appError('invalid_input', 'An alarm name is 1 to 255 characters.'))
  const load = async (): Promise<Result<AlarmHistoryItem[]>> => {
    let items: SdkAlarmHistoryItem[]
    try {
      const out = await cloudWatchClient().send(
        new DescribeAlarmHistoryCommand({ AlarmName: name, MaxRecords: 100, ScanBy: 'TimestampDescending' }),
      )
      items = out.AlarmHistoryItems ?? []
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'cloudwatch:DescribeAlarmHistory', resource: `alarm ${name}` }))
    }
    return mapAll(items, toAlarmHistoryItem)
  }
  return plain(await cached(`cloudwatch:alarm-history:${name}`, ttl.alarmHistory, load))
}
