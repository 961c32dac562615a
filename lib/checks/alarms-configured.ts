import 'server-only'

import type { MetricDimension } from '@/lib/aws/runtime'
import type { CheckResult } from '@/lib/domain/checks'
import type { Alarm } from '@/lib/domain/metrics'

import { errorResult, result, type Evidence } from './result'
import type { Check, Settings } from './types'

/** Where the service's alarms point: the runtime's namespace, metric names and the dimensions that select this service. */
export type ServiceAlarmTarget = { namespace: string; instancesMetric: string; fiveXxMetric: string; dimensions: MetricDimension[] }

const meta = { id: 'alarms-configured', title: 'The four planned CloudWatch alarms exist' } as const

type Planned = {
  key: string
  label: string
  matches: (a: Alarm, t: ServiceAlarmTarget) => boolean
  create: (s: Settings, t: ServiceAlarmTarget) => string
}

const text = (a: Alarm) => `${a.name} ${a.description ?? ''}`.toLowerCase()
const metric = (a: Alarm, namespace: string, name: string) => a.namespace === namespace && a.metricName === name
const cliDimensions = (dims: readonly MetricDimension[]) => dims.map((d) => `Name=${d.name},Value=${d.value}`).join(' ')

/** The documented setup's "Alerts (to be configured)": matched by metric, or by name when the metric differs. */
export const plannedAlarms: Planned[] = [
  {
    key: 'health',
    label: 'App Runner health check failures',
    matches: (a, t) => (a.namespace === t.namespace && /health/i.test(a.metricName ?? '')) || /health/.test(text(a)),
    create: (_s, t) =>
      `aws cloudwatch put-metric-alarm --alarm-name appfactory-apprunner-health-check-failures --namespace ${t.namespace} --metric-name ${t.instancesMetric} --dimensions ${cliDimensions(t.dimensions)} --statistic Minimum --period 60 --evaluation-periods 3 --threshold 1 --comparison-operator LessThanThreshold --treat-missing-data breaching`,
  },
  {
    key: 'rds-cpu',
    label: 'RDS CPU > 80 %',
    matches: (a) => metric(a, 'AWS/RDS', 'CPUUtilization'),
    create: (s) =>
      `aws cloudwatch put-metric-alarm --alarm-name appfactory-rds-cpu-high --namespace AWS/RDS --metric-name CPUUtilization --dimensions Name=DBInstanceIdentifier,Value=${s.rdsInstance} --statistic Average --period 300 --evaluation-periods 2 --threshold 80 --comparison-operator GreaterThanThreshold`,
  },
  {
    key: 'rds-storage',
    label: 'RDS free storage < 20 %',
    matches: (a) => metric(a, 'AWS/RDS', 'FreeStorageSpace'),
    create: (s) =>
      `aws cloudwatch put-metric-alarm --alarm-name appfactory-rds-storage-low --namespace AWS/RDS --metric-name FreeStorageSpace --dimensions Name=DBInstanceIdentifier,Value=${s.rdsInstance} --statistic Minimum --period 300 --evaluation-periods 1 --threshold 4294967296 --comparison-operator LessThanThreshold`,
  },
  {
    key: '5xx',
    label: 'App Runner 5xx errors',
    matches: (a, t) => metric(a, t.namespace, t.fiveXxMetric) || /5xx/.test(text(a)),
    create: (_s, t) =>
      `aws cloudwatch put-metric-alarm --alarm-name appfactory-apprunner-5xx-errors --namespace ${t.namespace} --metric-name ${t.fiveXxMetric} --dimensions ${cliDimensions(t.dimensions)} --statistic Sum --period 300 --evaluation-periods 1 --threshold 5 --comparison-operator GreaterThanOrEqualToThreshold`,
  },
]

export type AlarmsConfiguredEvidence = { alarms: Alarm[]; settings: Settings; service: ServiceAlarmTarget }

/** Passes when every planned alarm exists; warns for missing ones, and names the ones firing now. */
export function evaluate(e: AlarmsConfiguredEvidence, now: Date): CheckResult {
  const evidence: Evidence = []
  const missing: Planned[] = []
  const firing: string[] = []
  for (const p of plannedAlarms) {
    const found = e.alarms.filter((a) => p.matches(a, e.service))
    if (found.length === 0) missing.push(p)
    for (const a of found) if (a.state === 'ALARM') firing.push(a.name)
    evidence.push({ label: p.label, value: found.length > 0 ? found.map((a) => `${a.name} (${a.state})`).join(', ') : 'missing' })
  }
  if (missing.length > 0) {
    return result(
      meta,
      'warn',
      `${missing.length} of ${plannedAlarms.length} planned alarms ${missing.length === 1 ? 'is' : 'are'} missing: ${missing.map((p) => p.label).join(', ')}.`,
      evidence,
      {
        steps: ['Create the missing alarms (commands below), then add --alarm-actions <SNS topic ARN> so someone is notified.'],
        command: missing.map((p) => p.create(e.settings, e.service)).join('\n'),
        docs: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ConsoleAlarms.html',
      },
      now,
    )
  }
  if (firing.length > 0) {
    return result(
      meta,
      'warn',
      `All planned alarms exist; ${firing.join(', ')} ${firing.length === 1 ? 'is' : 'are'} in ALARM now.`,
      evidence,
      {
        steps: ['Open the alarm in the Alarms view for its reason and history; the other checks usually name the cause.'],
        command: `aws cloudwatch describe-alarms --state-value ALARM`,
        docs: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html',
      },
      now,
    )
  }
  return result(meta, 'pass', 'All four planned alarms exist and none is firing.', evidence, null, now)
}

/** The `alarms-configured` check: gathers its evidence, then evaluate(). */
export const alarmsConfigured: Check = {
  ...meta,
  async run(ctx) {
    const [alarms, service] = await Promise.all([ctx.listAlarms(), ctx.getService()])
    if (!alarms.ok) return errorResult(meta, alarms.error, ctx.now)
    // The service's id completes the dimensions; without it the command shows where it goes.
    const identity = service.ok ? service.data : { name: ctx.settings.appRunnerService, id: '<service-id>', arn: '' }
    const m = ctx.runtimeMetrics
    const metricName = (key: string) => m.series.find((s) => s.key === key)?.metricName ?? key
    const target: ServiceAlarmTarget = {
      namespace: m.namespace,
      instancesMetric: metricName('instances'),
      fiveXxMetric: metricName('5xx'),
      dimensions: ctx.metricDimensions(identity),
    }
    return evaluate({ alarms: alarms.data.alarms, settings: ctx.settings, service: target }, ctx.now)
  },
}
