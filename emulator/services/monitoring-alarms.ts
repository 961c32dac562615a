/** CloudWatch alarms: DescribeAlarms, DescribeAlarmHistory and SetAlarmState, over JSON 1.0 or awsQuery. */
import { list, num, str, timeMs } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext } from '../core/types'
import { forceState, refreshAlarms } from '../world/alarms'
import { appHealth } from '../world/health'
import { metricEnv } from '../world/metrics'
import type { AlarmHistoryEntry, AlarmState } from '../world/shapes'

export const invalidCombination = (message: string) =>
  new AwsError('InvalidParameterCombinationException', message, 400, 'InvalidParameterCombination')
export const invalidNextToken = () => new AwsError('InvalidNextToken', 'The service cannot process the NextToken.', 400, 'InvalidNextToken')

const s = (ms: number) => ms / 1000

/** The alarms as of now (their states follow the world), or none in an empty account. */
function currentAlarms(ctx: HandlerContext): AlarmState[] {
  if (!ctx.world) return []
  refreshAlarms(ctx.world.alarms, metricEnv(ctx.world, ctx.now, appHealth(ctx.world)))
  return ctx.world.alarms
}

function reasonData(a: AlarmState): string {
  return JSON.stringify({
    version: '1.0',
    queryDate: new Date(a.stateUpdatedAt).toISOString().replace('Z', '+0000'),
    statistic: a.statistic,
    period: a.period,
    threshold: a.threshold,
  })
}

function toMetricAlarm(a: AlarmState): Record<string, unknown> {
  return {
    AlarmName: a.name,
    AlarmArn: a.arn,
    AlarmDescription: a.description,
    AlarmConfigurationUpdatedTimestamp: s(a.configuredAt),
    ActionsEnabled: a.actionsEnabled,
    OKActions: a.okActions,
    AlarmActions: a.alarmActions,
    InsufficientDataActions: a.insufficientDataActions,
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
    Unit: a.unit,
    EvaluationPeriods: a.evaluationPeriods,
    DatapointsToAlarm: a.datapointsToAlarm,
    Threshold: a.threshold,
    ComparisonOperator: a.comparison,
    TreatMissingData: a.treatMissingData,
  }
}

const pageOf = <T>(items: T[], input: Record<string, unknown>) =>
  page(items, decodeOffset(input.NextToken, invalidNextToken), num(input.MaxRecords) ?? 100)

export const describeAlarms: Handler = (input, ctx) => {
  const names = list(input.AlarmNames)
  const prefix = str(input.AlarmNamePrefix)
  if (names.length > 0 && prefix !== undefined) throw invalidCombination('AlarmNames and AlarmNamePrefix cannot be used together.')
  const state = str(input.StateValue)
  const types = list(input.AlarmTypes)
  // Without AlarmTypes only metric alarms are returned; this account has no composite alarms.
  const wantMetric = types.length === 0 || types.includes('MetricAlarm')
  const matching = wantMetric
    ? currentAlarms(ctx)
        .filter(
          (a) =>
            (names.length === 0 || names.includes(a.name)) &&
            (prefix === undefined || a.name.startsWith(prefix)) &&
            (state === undefined || a.state === state),
        )
        .sort((a, b) => (a.name < b.name ? -1 : 1))
    : []
  const p = pageOf(matching, input)
  return { MetricAlarms: p.items.map(toMetricAlarm), CompositeAlarms: [], NextToken: p.next }
}

/** A state's part of HistoryData: its value, its reason and (when there was one) the reason's data. */
function statePart(state: string | undefined, item: AlarmHistoryEntry | undefined): Record<string, unknown> {
  let data: unknown
  try {
    data = item?.reasonData ? JSON.parse(item.reasonData) : undefined
  } catch {
    // Stored only after SetAlarmState checked it is JSON.
    data = undefined
  }
  return {
    stateValue: state,
    ...(item?.reason ? { stateReason: item.reason } : {}),
    ...(data !== undefined ? { stateReasonData: data } : {}),
  }
}

/**
 * HistoryData as AWS writes it: for a StateUpdate the old and new states with their reasons (the old
 * one's from the StateUpdate before it), for the creation the alarm's configuration.
 */
function historyData(a: AlarmState, h: AlarmHistoryEntry): string {
  if (h.type === 'StateUpdate' && h.from && h.to) {
    const older = a.history.filter((x) => x.type === 'StateUpdate' && x.time < h.time)
    const previous = older.reduce<AlarmHistoryEntry | undefined>((best, x) => (!best || x.time > best.time ? x : best), undefined)
    return JSON.stringify({ version: '1.0', oldState: statePart(h.from, previous), newState: statePart(h.to, h) })
  }
  const m = h.summary.match(/^Alarm updated from (\w+) to (\w+)$/)
  if (m) return JSON.stringify({ version: '1.0', oldState: { stateValue: m[1] }, newState: { stateValue: m[2] } })
  const updated = h.summary.endsWith('" updated')
  return JSON.stringify({
    version: '1.0',
    type: updated ? 'Update' : 'Create',
    [updated ? 'updatedAlarm' : 'createdAlarm']: {
      alarmName: a.name,
      namespace: a.namespace,
      metricName: a.metricName,
      threshold: a.threshold,
      comparisonOperator: a.comparison,
    },
  })
}

export const describeAlarmHistory: Handler = (input, ctx) => {
  const name = str(input.AlarmName)
  const type = str(input.HistoryItemType)
  const from = timeMs(input.StartDate)
  const to = timeMs(input.EndDate)
  const ascending = str(input.ScanBy) === 'TimestampAscending'
  const types = list(input.AlarmTypes)
  const wantMetric = types.length === 0 || types.includes('MetricAlarm')
  const items = (wantMetric ? currentAlarms(ctx) : [])
    .filter((a) => name === undefined || a.name === name)
    .flatMap((a) => a.history.map((h) => ({ a, h })))
    .filter(
      ({ h }) => (type === undefined || h.type === type) && (from === undefined || h.time >= from) && (to === undefined || h.time <= to),
    )
    .sort((x, y) => (ascending ? x.h.time - y.h.time : y.h.time - x.h.time))
  const p = pageOf(items, input)
  return {
    AlarmHistoryItems: p.items.map(({ a, h }) => ({
      AlarmName: a.name,
      AlarmType: 'MetricAlarm',
      Timestamp: s(h.time),
      HistoryItemType: h.type,
      HistorySummary: h.summary,
      HistoryData: historyData(a, h),
    })),
    NextToken: p.next,
  }
}

/**
 * SetAlarmState: sets a metric alarm's state "for testing purposes" until its next evaluation (see
 * forceState). ResourceNotFound for an unknown alarm, InvalidFormat when StateReasonData is not JSON.
 */
export const setAlarmState: Handler = (input, ctx) => {
  const name = str(input.AlarmName) ?? ''
  const state = str(input.StateValue)
  const reason = str(input.StateReason) ?? ''
  const data = str(input.StateReasonData)
  if (data !== undefined) {
    try {
      JSON.parse(data)
    } catch {
      throw new AwsError('InvalidFormatFault', 'StateReasonData is not valid JSON.', 400, 'InvalidFormat')
    }
  }
  const alarm = currentAlarms(ctx).find((a) => a.name === name)
  if (!alarm) throw new AwsError('ResourceNotFound', `Alarm ${name} does not exist.`, 404, 'ResourceNotFound')
  // The model has already checked StateValue against its enum.
  if (state === 'OK' || state === 'ALARM' || state === 'INSUFFICIENT_DATA') forceState(alarm, state, reason, ctx.now, data)
  return {}
}
