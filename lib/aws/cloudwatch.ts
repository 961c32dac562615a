import 'server-only'

import {
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  PutMetricAlarmCommand,
  type AlarmHistoryItem as SdkAlarmHistoryItem,
  type MetricAlarm,
  type MetricDataQuery,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch'

import { cached, invalidate } from '@/lib/cache'
import { config } from '@/lib/config'
import { appError } from '@/lib/domain/errors'
import {
  metricRanges,
  metricRangeSchema,
  type AlarmHistoryItem,
  type AlarmList,
  type AlarmStateChange,
  type MetricRange,
  type Metrics,
  type MetricSeries,
  type MetricSourceState,
} from '@/lib/domain/metrics'
import type { MetricSource } from '@/lib/domain/metrics.values'
import { isNotCreated, type AlarmDefinition, type NotCreated } from '@/lib/domain/setup.values'
import { err, ok, type Result } from '@/lib/result'

import { cloudWatchClient } from './clients'
import {
  databaseSeriesDefs,
  failedSeries,
  queryId,
  type SeriesDef,
  seriesDefsFor,
  toAlarm,
  toAlarmHistoryItem,
  toAlarmStateChange,
  toMetricSeries,
} from './cloudwatch.mappers'
import { toAppError } from './errors'
import { runtime } from './runtime'
import { type Freshness, fresh, mapAll, plain, ttl, type ReadWindow, type Unread } from './support'

/** GetMetricData pages only when a result exceeds MaxDatapoints (100,800); a few pages is a generous cap. */
const MAX_METRIC_PAGES = 5
const MAX_ALARM_PAGES = 10
/** DescribeAlarmHistory returns at most 100 items per call; a timeline window reads at most this many pages (newest first). */
const MAX_STATE_CHANGE_PAGES = 5

type Window = { periodSeconds: number; start: string; end: string }
type SourceData = Window & { series: MetricSeries[] }
type Dimensions = { Name: string; Value: string }[]

/** The window of a range, aligned to its period so successive refreshes ask for the same buckets (and CloudWatch's rounding agrees). */
function windowOf(range: MetricRange): Window & { StartTime: Date; EndTime: Date } {
  const { seconds, periodSeconds } = metricRanges[range]
  const endSec = Math.floor(Date.now() / 1000 / periodSeconds) * periodSeconds
  const StartTime = new Date((endSec - seconds) * 1000)
  const EndTime = new Date(endSec * 1000)
  return { periodSeconds, start: StartTime.toISOString(), end: EndTime.toISOString(), StartTime, EndTime }
}

/**
 * One source's series in one GetMetricData call (all pages). A query CloudWatch refuses inside the
 * answer fails its own series only (`error` on that series); a failed call fails the source.
 */
async function loadSource(
  defs: readonly SeriesDef[],
  dimensions: Dimensions,
  range: MetricRange,
  resource: string,
): Promise<Result<SourceData>> {
  const w = windowOf(range)
  const MetricDataQueries: MetricDataQuery[] = defs.map((def) => ({
    Id: queryId(def.id),
    Label: def.label,
    ReturnData: true,
    MetricStat: {
      Metric: { Namespace: def.namespace, MetricName: def.metricName, Dimensions: dimensions },
      Period: w.periodSeconds,
      Stat: def.stat,
    },
  }))
  const results: MetricDataResult[] = []
  let NextToken: string | undefined
  let pages = 0
  let requestId: string | undefined
  try {
    do {
      const out = await cloudWatchClient().send(
        new GetMetricDataCommand({
          MetricDataQueries,
          StartTime: w.StartTime,
          EndTime: w.EndTime,
          ScanBy: 'TimestampAscending',
          NextToken,
        }),
      )
      // `$metadata` is the SDK's; guarded because an answer from elsewhere may lack it.
      requestId ??= out.$metadata?.requestId
      results.push(...(out.MetricDataResults ?? []))
      NextToken = out.NextToken
      pages += 1
    } while (NextToken && pages < MAX_METRIC_PAGES)
  } catch (e: unknown) {
    return err(toAppError(e, { action: 'cloudwatch:GetMetricData', resource }))
  }
  return ok({
    periodSeconds: w.periodSeconds,
    start: w.start,
    end: w.end,
    series: defs.map((def) => toMetricSeries(def, results, requestId)),
  })
}

type SourceRead = Result<SourceData & Freshness>

/** The database's series: addressed by the configured instance name, so they never wait for the runtime. */
async function readDatabaseSource(range: MetricRange): Promise<SourceRead> {
  const instance = config().rdsInstance
  const dimensions = [{ Name: 'DBInstanceIdentifier', Value: instance }]
  return fresh(
    await cached(`cloudwatch:metrics:database:${range}`, ttl.metrics, () =>
      loadSource(databaseSeriesDefs, dimensions, range, `metrics of RDS instance ${instance}`),
    ),
  )
}

/**
 * The runtime's series: keyed by its service identity (CloudWatch matches only the exact dimension
 * set). The identity is cached for minutes, so this puts no status read in front of GetMetricData;
 * when it cannot be resolved, only these series fail. A service that is not created yet has no
 * metrics: NotCreated, and no series is asked for.
 */
async function readServiceSource(range: MetricRange): Promise<SourceRead | Result<NotCreated>> {
  const service = await runtime.getIdentity()
  if (!service.ok) return service
  if (isNotCreated(service.data)) return ok(service.data)
  const identity = service.data
  const dimensions = runtime.metricDimensions(identity).map((d) => ({ Name: d.name, Value: d.value }))
  const defs = seriesDefsFor(runtime.metrics).filter((d) => d.source === 'service')
  return fresh(
    await cached(`cloudwatch:metrics:service:${identity.id}:${range}`, ttl.metrics, () =>
      loadSource(defs, dimensions, range, `metrics of ${identity.name}`),
    ),
  )
}

function sourceState(r: SourceRead | null): MetricSourceState {
  if (r === null) return { fetchedAt: null }
  if (!r.ok) return { fetchedAt: null, error: r.error }
  return { fetchedAt: r.data.fetchedAt, stale: r.data.stale, ...(r.data.staleError ? { staleError: r.data.staleError } : {}) }
}

/**
 * Every runtime and RDS series the dashboard shows for `range` (points oldest first). Each source is
 * its own GetMetricData call and fails alone: RDS series never wait for the runtime, a source that
 * cannot be read gives its series an `error`, and so does a single query CloudWatch refused. A
 * source whose resource is not created yet (the runtime's service) has no series and is listed in
 * `notCreated` (a state, not an error). Fails as a whole only when no source could be read. Errors: invalid_input, and those of the reads
 * (runtime.getIdentity, aws_denied, aws_throttled, aws_timeout, aws_unreachable, aws_error).
 */
export async function getMetrics(range: MetricRange): Promise<Result<Metrics>> {
  const parsed = metricRangeSchema.safeParse(range)
  if (!parsed.success) return err(appError('invalid_input', 'The metrics range is one of 1h, 3h, 12h, 24h, 7d.'))
  const r = parsed.data
  const [serviceRead, database] = await Promise.all([readServiceSource(r), readDatabaseSource(r)])
  const notCreated = serviceRead.ok && isNotCreated(serviceRead.data) ? serviceRead.data : null
  const service: SourceRead | null = !serviceRead.ok ? serviceRead : isNotCreated(serviceRead.data) ? null : ok(serviceRead.data)
  if (!database.ok && (service === null || !service.ok)) return database
  const defs = seriesDefsFor(runtime.metrics)
  const seriesOf = (read: SourceRead, source: MetricSource): MetricSeries[] =>
    read.ok ? read.data.series : defs.filter((d) => d.source === source).map((d) => failedSeries(d, read.error))
  const read = [service, database].flatMap((x) => (x?.ok ? [x.data] : []))
  const newest = read.reduce((a, b) => (b.end > a.end ? b : a))
  const oldest = read.reduce((a, b) => (b.fetchedAt < a.fetchedAt ? b : a))
  const stale = read.find((x) => x.stale)
  return ok({
    range: r,
    periodSeconds: newest.periodSeconds,
    start: newest.start,
    end: newest.end,
    series: [...(service ? seriesOf(service, 'service') : []), ...seriesOf(database, 'database')],
    sources: { service: sourceState(service), database: sourceState(database) },
    fetchedAt: oldest.fetchedAt,
    stale: stale !== undefined,
    ...(stale?.staleError ? { staleError: stale.staleError } : {}),
    ...(notCreated ? { notCreated: [notCreated] } : {}),
  })
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

/**
 * Creates (or replaces) one alarm on one metric with a static threshold (PutMetricAlarm), notifying
 * `topicArn` on ALARM and OK when given; then drops the cached alarm reads. Errors: aws_denied
 * (cloudwatch:PutMetricAlarm), aws_error (CloudWatch refused the definition), aws_*.
 */
export async function putMetricAlarm(a: AlarmDefinition, topicArn: string | null): Promise<Result<{ name: string }>> {
  try {
    await cloudWatchClient().send(
      new PutMetricAlarmCommand({
        AlarmName: a.name,
        AlarmDescription: a.description,
        Namespace: a.namespace,
        MetricName: a.metricName,
        Dimensions: a.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
        Statistic: a.statistic,
        Period: a.periodSeconds,
        EvaluationPeriods: a.evaluationPeriods,
        DatapointsToAlarm: a.evaluationPeriods,
        Threshold: a.threshold,
        ComparisonOperator: a.comparison,
        TreatMissingData: a.treatMissingData,
        ActionsEnabled: topicArn !== null,
        AlarmActions: topicArn ? [topicArn] : [],
        OKActions: topicArn ? [topicArn] : [],
      }),
    )
    return ok({ name: a.name })
  } catch (e: unknown) {
    return err(toAppError(e, { action: 'cloudwatch:PutMetricAlarm', resource: `alarm ${a.name}` }))
  } finally {
    invalidate('cloudwatch:alarm')
  }
}

/** State changes in a window, newest first; `unread` is the older part of it left unread when there were more than the page budget. */
export type AlarmStateChanges = { changes: AlarmStateChange[]; unread: Unread | null }

/**
 * Every alarm's state changes (DescribeAlarmHistory, `HistoryItemType=StateUpdate`, newest first) in a
 * window: at most MAX_STATE_CHANGE_PAGES pages, cached per window so any number of viewers of it cost
 * one read per TTL. Errors: aws_denied, aws_throttled, aws_timeout, aws_unreachable, aws_error.
 */
export async function listAlarmStateChanges(window: ReadWindow): Promise<Result<AlarmStateChanges>> {
  const load = async (): Promise<Result<AlarmStateChanges>> => {
    const { from, to } = window.bounds(Date.now())
    const items: SdkAlarmHistoryItem[] = []
    let NextToken: string | undefined
    let pages = 0
    try {
      do {
        const out = await cloudWatchClient().send(
          new DescribeAlarmHistoryCommand({
            HistoryItemType: 'StateUpdate',
            StartDate: new Date(from),
            EndDate: new Date(to),
            ScanBy: 'TimestampDescending',
            MaxRecords: 100,
            NextToken,
          }),
        )
        items.push(...(out.AlarmHistoryItems ?? []))
        NextToken = out.NextToken
        pages += 1
      } while (NextToken && pages < MAX_STATE_CHANGE_PAGES)
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'cloudwatch:DescribeAlarmHistory', resource: 'CloudWatch alarm history' }))
    }
    const changes = mapAll(items, toAlarmStateChange)
    if (!changes.ok) return changes
    const oldest = changes.data.at(-1)
    return ok({ changes: changes.data, unread: NextToken && oldest ? { from, to: Date.parse(oldest.time) } : null })
  }
  return plain(await cached(`cloudwatch:state-changes:${window.key}`, ttl.alarmHistory, load))
}
