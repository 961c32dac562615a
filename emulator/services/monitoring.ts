/**
 * CloudWatch (signing name `monitoring`): JSON 1.0 with awsQueryCompatible errors, and awsQuery (form
 * request, XML answer) for older SDKs and tools — the same handlers serve both. GetMetricData,
 * GetMetricStatistics, ListMetrics, DescribeAlarms, DescribeAlarmHistory, PutMetricAlarm, SetAlarmState.
 */
import { isRecord, list, num, records, str } from '../core/input'
import { decodeOffset, decodeToken, encodeToken, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import { appHealth } from '../world/health'
import {
  isKnownStat,
  lastDatapointAt,
  metricEnv,
  metricSeries,
  metricUnit,
  metricValues,
  type Dimension,
  type MetricEnv,
} from '../world/metrics'
import { describeAlarmHistory, describeAlarms, invalidCombination, invalidNextToken, setAlarmState } from './monitoring-alarms'
import { putMetricAlarm } from './monitoring-put-alarm'

const invalidValue = (message: string) => new AwsError('InvalidParameterValueException', message, 400, 'InvalidParameterValue')

/** The metric environment of the world, or null in an empty account (no metrics at all). */
const envOf = (ctx: HandlerContext): MetricEnv | null => (ctx.world ? metricEnv(ctx.world, ctx.now, appHealth(ctx.world)) : null)

const dimensionsOf = (v: unknown): Dimension[] => records(v).map((d) => ({ name: str(d.Name) ?? '', value: str(d.Value) ?? '' }))

const ID_RE = /^[a-z][a-zA-Z0-9_]*$/
const MAX_DATAPOINTS = 100_800

type ParsedQuery = { id: string; label: string; returnData: boolean; points: { timestamps: number[]; values: number[] } }

function parseQuery(q: Input, i: number, env: MetricEnv | null, start: number, end: number, seen: Set<string>): ParsedQuery {
  const id = str(q.Id) ?? ''
  if (!ID_RE.test(id))
    throw invalidValue(
      `The value ${id} for parameter MetricDataQueries.member.${i}.Id is not valid. The first character must be a lower-case letter.`,
    )
  if (seen.has(id)) throw invalidValue('The values for parameter id in MetricDataQueries are not unique.')
  seen.add(id)
  const ms = isRecord(q.MetricStat) ? q.MetricStat : undefined
  const expression = str(q.Expression)
  if ((ms === undefined) === (expression === undefined))
    throw invalidCombination(`Exactly one of MetricStat and Expression must be given for MetricDataQueries.member.${i}.`)
  const returnData = q.ReturnData !== false
  const none = { timestamps: [], values: [] }
  if (!ms) return { id, label: str(q.Label) ?? id, returnData, points: none }
  const metric = isRecord(ms.Metric) ? ms.Metric : {}
  const namespace = str(metric.Namespace) ?? ''
  const metricName = str(metric.MetricName) ?? ''
  const stat = str(ms.Stat) ?? ''
  // A Unit that differs from the one the metric is published with matches no data, as in CloudWatch.
  const unit = str(ms.Unit)
  const points =
    !env || (unit !== undefined && unit !== metricUnit(namespace, metricName))
      ? none
      : metricValues(
          env,
          { namespace, metricName, dimensions: dimensionsOf(metric.Dimensions), stat, period: num(ms.Period) ?? 60 },
          start,
          end,
        )
  return { id, label: str(q.Label) ?? metricName, returnData, points }
}

const getMetricData: Handler = (input, ctx) => {
  const start = num(input.StartTime) ?? 0
  const end = num(input.EndTime) ?? 0
  if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.')
  const descending = (str(input.ScanBy) ?? 'TimestampDescending') === 'TimestampDescending'
  const maxDatapoints = num(input.MaxDatapoints) ?? MAX_DATAPOINTS
  const isOffsets = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number')
  const offsets = decodeToken(input.NextToken, isOffsets, invalidNextToken) ?? []
  const queries = records(input.MetricDataQueries)
  // CloudWatch names every query with a statistic it does not know, one line each, in one ValidationError.
  const badStats = queries.flatMap((q, k) => {
    const stat = isRecord(q.MetricStat) ? str(q.MetricStat.Stat) : undefined
    return stat !== undefined && !isKnownStat(stat)
      ? [`The value ${stat} for parameter MetricDataQueries.member.${k + 1}.MetricStat.Stat is not a valid statistic.`]
      : []
  })
  if (badStats.length > 0) throw new AwsError('ValidationException', badStats.join('\n'), 400, 'ValidationError')
  const env = envOf(ctx)
  const seen = new Set<string>()
  const parsed = queries.map((q, k) => parseQuery(q, k + 1, env, start, end, seen))

  let budget = maxDatapoints
  let truncated = false
  const nextOffsets: number[] = []
  const results = parsed
    .map((q, k) => ({ q, k }))
    .filter(({ q }) => q.returnData)
    .map(({ q, k }) => {
      const ts = descending ? [...q.points.timestamps].reverse() : q.points.timestamps
      const vs = descending ? [...q.points.values].reverse() : q.points.values
      const skip = offsets[k] ?? 0
      const take = Math.max(0, Math.min(ts.length - skip, budget))
      budget -= take
      const partial = skip + take < ts.length
      nextOffsets[k] = skip + take
      if (partial) truncated = true
      return {
        Id: q.id,
        Label: q.label,
        Timestamps: ts.slice(skip, skip + take),
        Values: vs.slice(skip, skip + take),
        StatusCode: partial ? 'PartialData' : 'Complete',
        Messages: [],
      }
    })
  return { MetricDataResults: results, Messages: [], NextToken: truncated ? encodeToken(nextOffsets.map((n) => n ?? 0)) : undefined }
}

const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const
const MAX_STATISTICS_DATAPOINTS = 1440

const getMetricStatistics: Handler = (input, ctx) => {
  const namespace = str(input.Namespace) ?? ''
  const metricName = str(input.MetricName) ?? ''
  const start = num(input.StartTime) ?? 0
  const end = num(input.EndTime) ?? 0
  const period = num(input.Period) ?? 60
  const statistics = list(input.Statistics).filter((x): x is string => typeof x === 'string')
  const extended = list(input.ExtendedStatistics).filter((x): x is string => typeof x === 'string')
  if ((statistics.length === 0) === (extended.length === 0))
    throw invalidCombination('You must specify either Statistics or ExtendedStatistics, but not both.')
  for (const p of extended)
    if (!/^p\d{1,2}(\.\d+)?$|^p100$/.test(p)) throw invalidValue(`The value ${p} for parameter ExtendedStatistics is not valid.`)
  if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.')
  const requested = Math.ceil((end - start) / period)
  if (requested > MAX_STATISTICS_DATAPOINTS)
    throw invalidCombination(
      `You have requested up to ${requested} datapoints, which exceeds the limit of ${MAX_STATISTICS_DATAPOINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    )
  const env = envOf(ctx)
  const dimensions = dimensionsOf(input.Dimensions)
  const unit = metricUnit(namespace, metricName)
  const wantUnit = str(input.Unit)
  const series = (stat: string) =>
    env && (wantUnit === undefined || wantUnit === unit)
      ? metricValues(env, { namespace, metricName, dimensions, stat, period }, start, end)
      : { timestamps: [], values: [] }
  const byTime = new Map<number, Record<string, unknown>>()
  const put = (stat: string, apply: (d: Record<string, unknown>, v: number) => void) => {
    const { timestamps, values } = series(stat)
    timestamps.forEach((t, i) => {
      const d = byTime.get(t) ?? { Timestamp: t, Unit: unit ?? 'None' }
      apply(d, values[i]!)
      byTime.set(t, d)
    })
  }
  for (const stat of STATISTICS) if (statistics.includes(stat)) put(stat, (d, v) => (d[stat] = v))
  for (const p of extended)
    put(p, (d, v) => (d.ExtendedStatistics = { ...(isRecord(d.ExtendedStatistics) ? d.ExtendedStatistics : {}), [p]: v }))
  return { Label: metricName, Datapoints: [...byTime.values()] }
}

const listMetrics: Handler = (input, ctx) => {
  const env = envOf(ctx)
  const namespace = str(input.Namespace)
  const metricName = str(input.MetricName)
  const filters = records(input.Dimensions).map((d) => ({ name: str(d.Name) ?? '', value: str(d.Value) }))
  const recent = str(input.RecentlyActive) === 'PT3H'
  const metrics = (env ? metricSeries(env) : []).filter(
    (m) =>
      (namespace === undefined || m.namespace === namespace) &&
      (metricName === undefined || m.metricName === metricName) &&
      filters.every((f) => m.dimensions.some((d) => d.name === f.name && (f.value === undefined || d.value === f.value))) &&
      (!recent || (env !== null && lastDatapointAt(env, m) !== undefined)),
  )
  const p = page(metrics, decodeOffset(input.NextToken, invalidNextToken), 500)
  return {
    Metrics: p.items.map((m) => ({
      Namespace: m.namespace,
      MetricName: m.metricName,
      Dimensions: m.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    })),
    NextToken: p.next,
  }
}

export const monitoringService: ServiceDefinition = {
  name: 'monitoring',
  validation: {
    form: 'coral',
    // ValidationError on the query wire, which the SDKs raise as ValidationException.
    code: 'ValidationException',
    queryCode: 'ValidationError',
    missing: { code: 'MissingRequiredParameterException', queryCode: 'MissingParameter' },
  },
  mutating: {
    PutMetricAlarm: (input) => [{ type: 'AWS::CloudWatch::Alarm', name: str(input.AlarmName) ?? '' }],
    SetAlarmState: (input) => [{ type: 'AWS::CloudWatch::Alarm', name: str(input.AlarmName) ?? '' }],
  },
  handlers: {
    PutMetricAlarm: putMetricAlarm,
    GetMetricData: getMetricData,
    GetMetricStatistics: getMetricStatistics,
    ListMetrics: listMetrics,
    DescribeAlarms: describeAlarms,
    DescribeAlarmHistory: describeAlarmHistory,
    SetAlarmState: setAlarmState,
  },
}
