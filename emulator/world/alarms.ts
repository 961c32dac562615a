/**
 * The four CloudWatch alarms of the AppFactory world (as the setup document plans them), their seeded
 * history, AWS's state reasons, and how their states follow the world.
 */
import { ACCOUNT_ID, ALARM_NAMES, REGION } from './constants'
import { FIVE_XX_SPIKE_TOTAL, healthyMetricEnv, metricValues, round, spikeWindow, SPIKE_ALARM_LAG, type MetricEnv } from './metrics'
import type { AlarmHistoryEntry, AlarmState } from './shapes'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const GIB = 1024 ** 3

export const alarmArn = (name: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:${name}`
/** The SNS topic the seeded alarms notify. */
const ALERTS_TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:appfactory-alerts`

/** `28/11/26 03:10:00`, the datapoint time format of alarm reasons. */
function reasonTime(ms: number): string {
  const d = new Date(ms)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
}

/** Numbers as CloudWatch prints them in reasons (Java's Double.toString: `12.0`, `1.8438405137E10`). */
function fmt(v: number): string {
  if (v !== 0 && (Math.abs(v) >= 1e7 || Math.abs(v) < 1e-3)) {
    const e = Math.floor(Math.log10(Math.abs(v)))
    const m = String(round(v / 10 ** e, 10))
    return `${m.includes('.') ? m : `${m}.0`}E${e}`
  }
  return Number.isInteger(v) ? v.toFixed(1) : String(round(v, 6))
}

const COMPARISON_TEXT: Record<AlarmState['comparison'], string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
}

function crosses(a: Pick<AlarmState, 'comparison' | 'threshold'>, v: number): boolean {
  switch (a.comparison) {
    case 'GreaterThanThreshold':
      return v > a.threshold
    case 'GreaterThanOrEqualToThreshold':
      return v >= a.threshold
    case 'LessThanThreshold':
      return v < a.threshold
    case 'LessThanOrEqualToThreshold':
      return v <= a.threshold
  }
}

/** AWS's state reason, built from the datapoints (newest first) that were evaluated. */
export function thresholdReason(
  a: Pick<AlarmState, 'comparison' | 'threshold'>,
  points: { t: number; v: number }[],
  alarmed: boolean,
): string {
  const list = points.map((p) => `${fmt(p.v)} (${reasonTime(p.t)})`).join(', ')
  const cmp = COMPARISON_TEXT[a.comparison]
  if (alarmed) {
    const n = points.filter((p) => crosses(a, p.v)).length
    return `Threshold Crossed: ${n} out of the last ${points.length} datapoints [${list}] ${points.length === 1 ? 'was' : 'were'} ${cmp} the threshold (${fmt(a.threshold)}) (minimum ${n} datapoint${n === 1 ? '' : 's'} for OK -> ALARM transition).`
  }
  return `Threshold Crossed: ${points.length} datapoint${points.length === 1 ? '' : 's'} [${list}] ${points.length === 1 ? 'was' : 'were'} not ${cmp} the threshold (${fmt(a.threshold)}).`
}

type AlarmDefinition = Pick<AlarmState, 'namespace' | 'metricName' | 'statistic' | 'dimensions' | 'period' | 'comparison' | 'threshold'>
type AlarmSpec = AlarmDefinition & Pick<AlarmState, 'name' | 'description' | 'evaluationPeriods'>

function alarmSpecs(env: MetricEnv): AlarmSpec[] {
  const app = [
    { name: 'ServiceName', value: env.serviceName },
    { name: 'ServiceID', value: env.serviceId },
  ]
  const rds = [{ name: 'DBInstanceIdentifier', value: env.dbIdentifier }]
  return [
    {
      name: ALARM_NAMES.healthCheck,
      description: 'App Runner health checks are failing: no instance of appfactory-app-service is serving traffic.',
      namespace: 'AWS/AppRunner',
      metricName: 'ActiveInstances',
      statistic: 'Minimum',
      dimensions: app,
      period: 60,
      evaluationPeriods: 3,
      threshold: 1,
      comparison: 'LessThanThreshold',
    },
    {
      name: ALARM_NAMES.rdsCpu,
      description: 'RDS appfactory-db CPU above 80 % for 15 minutes.',
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      statistic: 'Average',
      dimensions: rds,
      period: 300,
      evaluationPeriods: 3,
      threshold: 80,
      comparison: 'GreaterThanThreshold',
    },
    {
      name: ALARM_NAMES.rdsStorage,
      description: 'RDS appfactory-db free storage below 20 % of its 20 GiB (4 GiB).',
      namespace: 'AWS/RDS',
      metricName: 'FreeStorageSpace',
      statistic: 'Minimum',
      dimensions: rds,
      period: 300,
      evaluationPeriods: 1,
      threshold: 0.2 * env.allocatedStorageGiB * GIB,
      comparison: 'LessThanThreshold',
    },
    {
      name: ALARM_NAMES.fiveXx,
      description: 'App Runner appfactory-app-service returned more than 5 HTTP 5xx responses in 5 minutes.',
      namespace: 'AWS/AppRunner',
      metricName: '5xxStatusResponses',
      statistic: 'Sum',
      dimensions: app,
      period: 300,
      evaluationPeriods: 1,
      threshold: 5,
      comparison: 'GreaterThanThreshold',
    },
  ]
}

/** The last `n` datapoints (newest first) of an alarm's metric that ended before `at`. */
function lastPoints(env: MetricEnv, spec: AlarmDefinition, at: number, n: number): { t: number; v: number }[] {
  const endSec = Math.floor(at / 1000 / spec.period) * spec.period
  const q = {
    namespace: spec.namespace,
    metricName: spec.metricName,
    dimensions: spec.dimensions,
    stat: spec.statistic,
    period: spec.period,
  }
  const { timestamps, values } = metricValues({ ...env, now: Math.min(env.now, at) }, q, endSec - n * spec.period, endSec)
  return timestamps.map((t, i) => ({ t: t * 1000, v: values[i]! })).reverse()
}

const transition = (from: string, to: string) => `Alarm updated from ${from} to ${to}`

type State = AlarmState['state']

/** A StateUpdate history item, with the new state's reason as AWS keeps it in HistoryData. */
function stateUpdate(time: number, from: State, to: State, reason: string, reasonData?: string): AlarmHistoryEntry {
  return { time, type: 'StateUpdate', summary: transition(from, to), from, to, reason, ...(reasonData ? { reasonData } : {}) }
}

/** The reason an alarm gave for OK at `at`: its datapoints then (none yet: AWS's reason for missing data). */
function okReason(env: MetricEnv, spec: AlarmSpec, at: number): string {
  const points = lastPoints(env, spec, at, spec.evaluationPeriods)
  if (points.length > 0) return thresholdReason(spec, points, false)
  const n = spec.evaluationPeriods
  return `Insufficient Data: ${n} datapoint${n === 1 ? ' was' : 's were'} unknown.`
}

/** The reason of a seeded OK → ALARM transition: `value` in each evaluated period before `at`. */
function alarmReason(spec: AlarmSpec, at: number, value: number): string {
  const end = Math.floor(at / 1000 / spec.period) * spec.period * 1000
  const points = Array.from({ length: spec.evaluationPeriods }, (_, i) => ({ t: end - (i + 1) * spec.period * 1000, v: value }))
  return thresholdReason(spec, points, true)
}

/** The four alarms of the healthy world, as of `now`: the 5xx alarm fired on a recent spike, the others are OK. */
export function createAlarms(now: number): AlarmState[] {
  const env = healthyMetricEnv(now)
  const created = now - 58 * DAY + 3 * HOUR
  return alarmSpecs(env).map((spec, k): AlarmState => {
    const seeded = {
      ...spec,
      arn: alarmArn(spec.name),
      actionsEnabled: true,
      alarmActions: [ALERTS_TOPIC],
      okActions: [ALERTS_TOPIC],
      insufficientDataActions: [],
      datapointsToAlarm: spec.evaluationPeriods,
      treatMissingData: 'missing' as const,
      configuredAt: created + k * 1000,
      evaluation: 'seeded' as const,
    }
    const firstOk = created + k * 1000 + 62_000
    const history: AlarmHistoryEntry[] = [
      { time: created + k * 1000, type: 'ConfigurationUpdate', summary: `Alarm "${spec.name}" created` },
      stateUpdate(firstOk, 'INSUFFICIENT_DATA', 'OK', okReason(env, spec, firstOk)),
    ]
    if (spec.name === ALARM_NAMES.fiveXx) {
      const spike = spikeWindow(now)
      const firedAt = spike.to + SPIKE_ALARM_LAG
      const earlier = now - 4 * DAY - 5 * HOUR
      const reason = thresholdReason(spec, [{ t: spike.from, v: FIVE_XX_SPIKE_TOTAL }], true)
      history.push(
        stateUpdate(earlier, 'OK', 'ALARM', alarmReason(spec, earlier, 9)),
        stateUpdate(earlier + 10 * MINUTE, 'ALARM', 'OK', okReason(env, spec, earlier + 10 * MINUTE)),
        stateUpdate(firedAt, 'OK', 'ALARM', reason),
      )
      return { ...seeded, state: 'ALARM', reason, stateUpdatedAt: firedAt, history: history.reverse() }
    }
    if (spec.name === ALARM_NAMES.rdsCpu) {
      // The CPU alarm once fired during a long-running migration.
      const migration = now - 21 * DAY + 7 * HOUR
      history.push(
        stateUpdate(migration, 'OK', 'ALARM', alarmReason(spec, migration, 93.4)),
        stateUpdate(migration + 25 * MINUTE, 'ALARM', 'OK', okReason(env, spec, migration + 25 * MINUTE)),
      )
    }
    const last = history[history.length - 1]!
    const reason = last.reason ?? 'Unchecked: Initial alarm creation'
    return { ...seeded, state: 'OK', reason, stateUpdatedAt: last.time, history: history.reverse() }
  })
}

function setState(alarm: AlarmState, state: State, reason: string, at: number, reasonData?: string): void {
  alarm.history.unshift(stateUpdate(at, alarm.state, state, reason, reasonData))
  alarm.state = state
  alarm.reason = reason
  alarm.stateUpdatedAt = at
}

/** CloudWatch evaluates metric alarms every minute. */
const EVALUATION_MS = MINUTE

/**
 * SetAlarmState: the alarm takes `state` now (history recorded, as AWS does when the state changes) and
 * keeps it until its next evaluation, when the state it actually has returns ("often within seconds").
 */
export function forceState(alarm: AlarmState, state: State, reason: string, at: number, reasonData?: string): void {
  const actual = alarm.forced ?? { state: alarm.state, reason: alarm.reason }
  if (state !== alarm.state) setState(alarm, state, reason, at, reasonData)
  else alarm.reason = reason
  alarm.forced = { until: (Math.floor(at / EVALUATION_MS) + 1) * EVALUATION_MS, state: actual.state, reason: actual.reason }
}

/**
 * Moves alarm states with the world (idempotent; called before DescribeAlarms): the health-check alarm fires
 * once the app has been unhealthy for its evaluation window and clears when it recovers; the RDS alarms go to
 * INSUFFICIENT_DATA while the instance is stopped (missing data) and back to OK when it is available.
 * The 5xx alarm keeps its state; its spike is part of the seeded history.
 */
export function refreshAlarms(alarms: AlarmState[], env: MetricEnv): void {
  const specs = new Map(alarmSpecs(env).map((s) => [s.name, s]))
  for (const alarm of alarms) {
    if (alarm.evaluation === 'live') {
      evaluateLive(alarm, env)
      continue
    }
    const spec = specs.get(alarm.name)
    if (!spec) continue
    if (alarm.forced) {
      if (env.now < alarm.forced.until) continue
      const f = alarm.forced
      alarm.forced = undefined
      if (alarm.state !== f.state) setState(alarm, f.state, f.state === 'OK' ? okReason(env, spec, f.until) : f.reason, f.until)
    }
    const window = spec.period * spec.evaluationPeriods * 1000
    if (alarm.name === ALARM_NAMES.healthCheck) {
      const firesAt = env.unhealthy ? env.unhealthy.from + window : undefined
      if (firesAt !== undefined && env.now >= firesAt && alarm.state !== 'ALARM') {
        setState(alarm, 'ALARM', thresholdReason(spec, lastPoints(env, spec, firesAt, spec.evaluationPeriods), true), firesAt)
      } else if (!env.unhealthy && alarm.state === 'ALARM') {
        setState(alarm, 'OK', thresholdReason(spec, lastPoints(env, spec, env.now, spec.evaluationPeriods), false), env.now)
      }
    } else if (spec.namespace === 'AWS/RDS') {
      const missingAt = env.dbDown ? env.dbDown.from + window : undefined
      if (missingAt !== undefined && env.now >= missingAt && alarm.state !== 'INSUFFICIENT_DATA') {
        const n = spec.evaluationPeriods
        setState(alarm, 'INSUFFICIENT_DATA', `Insufficient Data: ${n} datapoint${n === 1 ? ' was' : 's were'} unknown.`, missingAt)
      } else if (!env.dbDown && alarm.state === 'INSUFFICIENT_DATA') {
        const points = lastPoints(env, spec, env.now, spec.evaluationPeriods)
        if (points.length > 0) setState(alarm, 'OK', thresholdReason(spec, points, false), env.now)
      }
    }
  }
}

/**
 * An alarm made with PutMetricAlarm, evaluated as CloudWatch does from its own definition: the last
 * `evaluationPeriods` periods of its metric; ALARM when at least `datapointsToAlarm` of them breach, and
 * periods without data treated as `treatMissingData` says (`missing`: none at all → INSUFFICIENT_DATA).
 */
function evaluateLive(alarm: AlarmState, env: MetricEnv): void {
  const n = alarm.evaluationPeriods
  const points = lastPoints(env, alarm, env.now, n)
  const absent = n - points.length
  let state: AlarmState['state']
  let reason: string
  if (points.length === 0 && alarm.treatMissingData !== 'breaching' && alarm.treatMissingData !== 'notBreaching') {
    if (alarm.treatMissingData === 'ignore') return
    state = 'INSUFFICIENT_DATA'
    reason = `Insufficient Data: ${n} datapoint${n === 1 ? ' was' : 's were'} unknown.`
  } else {
    const breaching = points.filter((p) => crosses(alarm, p.v)).length + (alarm.treatMissingData === 'breaching' ? absent : 0)
    state = breaching >= alarm.datapointsToAlarm ? 'ALARM' : 'OK'
    reason =
      points.length > 0
        ? thresholdReason(alarm, points, state === 'ALARM')
        : `No datapoints were received for ${n} period${n === 1 ? '' : 's'} and ${n} missing datapoint${n === 1 ? ' was' : 's were'} treated as [${alarm.treatMissingData === 'breaching' ? 'Breaching' : 'NonBreaching'}].`
  }
  if (state !== alarm.state) setState(alarm, state, reason, env.now)
}

/** What PutMetricAlarm sets (the rest of an alarm's state is CloudWatch's). */
export type AlarmConfiguration = Omit<AlarmState, 'arn' | 'state' | 'reason' | 'stateUpdatedAt' | 'history' | 'configuredAt' | 'evaluation'>

/** PutMetricAlarm: creates the alarm (INSUFFICIENT_DATA until evaluated) or replaces its configuration. */
export function putAlarm(alarms: AlarmState[], config: AlarmConfiguration, now: number): AlarmState {
  const existing = alarms.find((a) => a.name === config.name)
  if (existing) {
    Object.assign(existing, config, { configuredAt: now, evaluation: 'live' })
    existing.history.unshift({ time: now, type: 'ConfigurationUpdate', summary: `Alarm "${config.name}" updated` })
    return existing
  }
  const alarm: AlarmState = {
    ...config,
    arn: alarmArn(config.name),
    state: 'INSUFFICIENT_DATA',
    reason: 'Unchecked: Initial alarm creation',
    stateUpdatedAt: now,
    configuredAt: now,
    evaluation: 'live',
    history: [{ time: now, type: 'ConfigurationUpdate', summary: `Alarm "${config.name}" created` }],
  }
  alarms.push(alarm)
  return alarm
}
