/**
 * CloudWatch (signing name `monitoring`): JSON 1.0 with awsQueryCompatible errors
 * (AWS-API-NOTES §2a, §6.4). GetMetricData, DescribeAlarms, DescribeAlarmHistory.
 */
import { AwsError, type HandlerContext, type JsonInput, type ServiceDefinition } from '../core/types'
import { isKnownStat, metricEnv, metricUnit, metricValues, refreshAlarms, type Dimension, type MetricEnv } from '../world/cloudwatch'
import type { AlarmState } from '../world/shapes'
import { appHealth } from '../world/world'

// ------------------------------------------------------------------ input narrowing

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
      ? Number(v)
      : undefined
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** A JSON timestamp: epoch seconds (number or numeric string), or an ISO string. Returns epoch seconds. */
function timestampSeconds(v: unknown): number | undefined {
  const n = num(v)
  if (n !== undefined) return n
  if (typeof v === 'string') {
    const ms = Date.parse(v)
    return Number.isNaN(ms) ? undefined : ms / 1000
  }
  return undefined
}

const invalidValue = (message: string) => new AwsError('InvalidParameterValueException', message, 400, 'InvalidParameterValue')
const missing = (name: string) =>
  new AwsError('MissingRequiredParameterException', `The parameter ${name} is required.`, 400, 'MissingParameter')
const invalidCombination = (message: string) =>
  new AwsError('InvalidParameterCombinationException', message, 400, 'InvalidParameterCombination')
const invalidToken = () => new AwsError('InvalidNextToken', 'The service cannot process the NextToken.', 400, 'InvalidNextToken')

function envOf(ctx: HandlerContext): MetricEnv {
  return metricEnv(ctx.world, ctx.now, appHealth(ctx.world, ctx.now))
}

function decodeToken<T>(token: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (token === undefined) return undefined
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    if (check(v)) return v
  } catch {
    // fall through to the error
  }
  throw invalidToken()
}
const encodeToken = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

// ------------------------------------------------------------------ GetMetricData

const MAX_QUERIES = 500
const MAX_DATAPOINTS = 100_800
const ID_RE = /^[a-z][a-zA-Z0-9_]*$/

type ParsedQuery = { id: string; label: string; returnData: boolean; points: { timestamps: number[]; values: number[] } }

function parseDimensions(v: unknown, i: number): Dimension[] {
  const dims: Dimension[] = []
  for (const d of list(v)) {
    const name = isRecord(d) ? str(d.Name) : undefined
    const value = isRecord(d) ? str(d.Value) : undefined
    if (name === undefined || value === undefined)
      throw invalidValue(
        `The value for parameter MetricDataQueries.member.${i}.MetricStat.Metric.Dimensions is not valid: each dimension needs Name and Value.`,
      )
    dims.push({ name, value })
  }
  if (dims.length > 30)
    throw invalidValue(`The collection MetricDataQueries.member.${i}.MetricStat.Metric.Dimensions must not have a size greater than 30.`)
  return dims
}

function getMetricData(input: JsonInput, ctx: HandlerContext): unknown {
  const queries = input.MetricDataQueries
  if (!Array.isArray(queries)) throw missing('MetricDataQueries')
  if (queries.length > MAX_QUERIES) throw invalidValue(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`)
  const start = timestampSeconds(input.StartTime)
  const end = timestampSeconds(input.EndTime)
  if (start === undefined) throw missing('StartTime')
  if (end === undefined) throw missing('EndTime')
  if (start >= end) throw invalidValue('The parameter StartTime must be less than the parameter EndTime.')
  const scanBy = str(input.ScanBy) ?? 'TimestampDescending'
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending')
    throw invalidValue(`The value ${scanBy} for parameter ScanBy is not valid.`)
  const maxDatapoints = num(input.MaxDatapoints) ?? MAX_DATAPOINTS
  if (maxDatapoints < 1) throw invalidValue('The parameter MaxDatapoints must be greater than 0.')
  const offsets = decodeToken(str(input.NextToken), (v): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number')) ?? []

  const env = envOf(ctx)
  const seen = new Set<string>()
  const parsed: ParsedQuery[] = queries.map((q, idx) => {
    const i = idx + 1
    if (!isRecord(q)) throw invalidValue(`The value for parameter MetricDataQueries.member.${i} is not valid.`)
    const id = str(q.Id)
    if (id === undefined) throw missing(`MetricDataQueries.member.${i}.Id`)
    if (!ID_RE.test(id) || id.length > 255)
      throw invalidValue(
        `The value ${id} for parameter MetricDataQueries.member.${i}.Id is not valid. The first character must be a lower-case letter.`,
      )
    if (seen.has(id)) throw invalidValue(`The values for parameter id in MetricDataQueries are not unique.`)
    seen.add(id)
    const ms = isRecord(q.MetricStat) ? q.MetricStat : undefined
    const expression = str(q.Expression)
    if ((ms === undefined) === (expression === undefined)) {
      throw invalidCombination(`Exactly one of MetricStat and Expression must be given for MetricDataQueries.member.${i}.`)
    }
    const returnData = q.ReturnData !== false
    if (!ms) return { id, label: str(q.Label) ?? id, returnData, points: { timestamps: [], values: [] } }
    const metric = isRecord(ms.Metric) ? ms.Metric : undefined
    const namespace = metric ? str(metric.Namespace) : undefined
    const metricName = metric ? str(metric.MetricName) : undefined
    if (namespace === undefined || metricName === undefined) throw missing(`MetricDataQueries.member.${i}.MetricStat.Metric`)
    const period = num(ms.Period)
    if (period === undefined) throw missing(`MetricDataQueries.member.${i}.MetricStat.Period`)
    if (period < 1 || !Number.isInteger(period))
      throw invalidValue(`The value ${period} for parameter MetricDataQueries.member.${i}.MetricStat.Period is not valid.`)
    const stat = str(ms.Stat)
    if (stat === undefined) throw missing(`MetricDataQueries.member.${i}.MetricStat.Stat`)
    if (!isKnownStat(stat))
      throw invalidValue(`The value ${stat} for parameter MetricDataQueries.member.${i}.MetricStat.Stat is not valid.`)
    const dimensions = parseDimensions(metric?.Dimensions, i)
    // A Unit that differs from the one the metric is published with matches no data, as in CloudWatch.
    const unit = str(ms.Unit)
    const points =
      unit !== undefined && unit !== metricUnit(namespace, metricName)
        ? { timestamps: [], values: [] }
        : metricValues(env, { namespace, metricName, dimensions, stat, period }, start, end)
    return { id, label: str(q.Label) ?? metricName, returnData, points }
  })

  let budget = maxDatapoints
  let truncated = false
  const nextOffsets: number[] = []
  const results = parsed
    .map((q, k) => ({ q, k }))
    .filter(({ q }) => q.returnData)
    .map(({ q, k }) => {
      let ts = q.points.timestamps
      let vs = q.points.values
      if (scanBy === 'TimestampDescending') {
        ts = [...ts].reverse()
        vs = [...vs].reverse()
      }
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
  return { MetricDataResults: results, Messages: [], ...(truncated ? { NextToken: encodeToken(nextOffsets.map((n) => n ?? 0)) } : {}) }
}

// ------------------------------------------------------------------ alarms

const s = (ms: number) => ms / 1000

function reasonData(a: AlarmState): string {
  return JSON.stringify({
    version: '1.0',
    queryDate: new Date(a.stateUpdatedAt).toISOString().replace('Z', '+0000'),
    statistic: a.statistic,
    period: a.period,
    threshold: a.threshold,
  })
}

function toMetricAlarm(a: AlarmState, ctx: HandlerContext): Record<string, unknown> {
  const topic = `arn:aws:sns:${ctx.region}:${ctx.accountId}:appfactory-alerts`
  const configured = a.history.filter((h) => h.type === 'ConfigurationUpdate').map((h) => h.time)
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    AlarmDescription: a.description,
    AlarmConfigurationUpdatedTimestamp: s(configured.length > 0 ? Math.max(...configured) : a.stateUpdatedAt),
    ActionsEnabled: true,
    OKActions: [topic],
    AlarmActions: [topic],
    InsufficientDataActions: [],
    StateValue: a.state,
    StateReason: a.reason,
    StateReasonData: reasonData(a),
    StateUpdatedTimestamp: s(a.stateUpdatedAt),
    StateTransitionedTimestamp: s(a.stateUpdatedAt),
    MetricName: a.metricName,
    Namespace: a.namespace,
    Statistic: a.statistic,
    Dimensions: a.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    Period: a.period,
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.evaluationPeriods,
    Threshold: a.threshold,
    ComparisonOperator: a.comparison,
    TreatMissingData: 'missing',
  }
}

const isOffset = (v: unknown): v is { o: number } => isRecord(v) && typeof v.o === 'number' && v.o >= 0

function maxRecords(v: unknown): number {
  const n = num(v)
  if (n === undefined) return 100
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw invalidValue(`The value ${n} for parameter MaxRecords is not valid. It must be between 1 and 100.`)
  return n
}

function describeAlarms(input: JsonInput, ctx: HandlerContext): unknown {
  refreshAlarms(ctx.world.alarms, envOf(ctx))
  const names = list(input.AlarmNames).filter((n): n is string => typeof n === 'string')
  const prefix = str(input.AlarmNamePrefix)
  if (names.length > 0 && prefix !== undefined) throw invalidCombination('AlarmNames and AlarmNamePrefix cannot be used together.')
  if (names.length > 100) throw invalidValue('The collection AlarmNames must not have a size greater than 100.')
  const state = str(input.StateValue)
  if (state !== undefined && state !== 'OK' && state !== 'ALARM' && state !== 'INSUFFICIENT_DATA')
    throw invalidValue(`The value ${state} for parameter StateValue is not valid.`)
  const types = list(input.AlarmTypes).filter((t): t is string => typeof t === 'string')
  const limit = maxRecords(input.MaxRecords)
  const start = decodeToken(str(input.NextToken), isOffset)?.o ?? 0
  // Without AlarmTypes only metric alarms are returned; this account has no composite alarms.
  const wantMetric = types.length === 0 || types.includes('MetricAlarm')
  const matching = wantMetric
    ? ctx.world.alarms
        .filter(
          (a) =>
            (names.length === 0 || names.includes(a.name)) &&
            (prefix === undefined || a.name.startsWith(prefix)) &&
            (state === undefined || a.state === state),
        )
        .sort((a, b) => (a.name < b.name ? -1 : 1))
    : []
  const page = matching.slice(start, start + limit)
  return {
    MetricAlarms: page.map((a) => toMetricAlarm(a, ctx)),
    CompositeAlarms: [],
    ...(start + limit < matching.length ? { NextToken: encodeToken({ o: start + limit }) } : {}),
  }
}

const HISTORY_TYPES = ['ConfigurationUpdate', 'StateUpdate', 'Action', 'AlarmContributorStateUpdate', 'AlarmContributorAction']

function historyData(a: AlarmState, summary: string): string {
  const m = summary.match(/^Alarm updated from (\w+) to (\w+)$/)
  if (m) return JSON.stringify({ version: '1.0', oldState: { stateValue: m[1] }, newState: { stateValue: m[2] } })
  return JSON.stringify({
    version: '1.0',
    type: 'Create',
    createdAlarm: {
      alarmName: a.name,
      namespace: a.namespace,
      metricName: a.metricName,
      threshold: a.threshold,
      comparisonOperator: a.comparison,
    },
  })
}

function describeAlarmHistory(input: JsonInput, ctx: HandlerContext): unknown {
  refreshAlarms(ctx.world.alarms, envOf(ctx))
  const name = str(input.AlarmName)
  const type = str(input.HistoryItemType)
  if (type !== undefined && !HISTORY_TYPES.includes(type))
    throw invalidValue(`The value ${type} for parameter HistoryItemType is not valid.`)
  const from = input.StartDate === undefined ? undefined : timestampSeconds(input.StartDate)
  const to = input.EndDate === undefined ? undefined : timestampSeconds(input.EndDate)
  const scanBy = str(input.ScanBy) ?? 'TimestampDescending'
  const limit = maxRecords(input.MaxRecords)
  const start = decodeToken(str(input.NextToken), isOffset)?.o ?? 0
  const types = list(input.AlarmTypes).filter((t): t is string => typeof t === 'string')
  const wantMetric = types.length === 0 || types.includes('MetricAlarm')
  const items = (wantMetric ? ctx.world.alarms : [])
    .filter((a) => name === undefined || a.name === name)
    .flatMap((a) => a.history.map((h) => ({ a, h })))
    .filter(
      ({ h }) =>
        (type === undefined || h.type === type) &&
        (from === undefined || h.time >= from * 1000) &&
        (to === undefined || h.time <= to * 1000),
    )
    .sort((x, y) => (scanBy === 'TimestampAscending' ? x.h.time - y.h.time : y.h.time - x.h.time))
  const page = items.slice(start, start + limit)
  return {
    AlarmHistoryItems: page.map(({ a, h }) => ({
      AlarmName: a.name,
      AlarmType: 'MetricAlarm',
      Timestamp: s(h.time),
      HistoryItemType: h.type,
      HistorySummary: h.summary,
      HistoryData: historyData(a, h.summary),
    })),
    ...(start + limit < items.length ? { NextToken: encodeToken({ o: start + limit }) } : {}),
  }
}

export const monitoringService: ServiceDefinition = {
  name: 'monitoring',
  protocol: 'json1.0',
  targetPrefix: 'GraniteServiceVersion20100801',
  handlers: {
    GetMetricData: getMetricData,
    DescribeAlarms: describeAlarms,
    DescribeAlarmHistory: describeAlarmHistory,
  },
}
