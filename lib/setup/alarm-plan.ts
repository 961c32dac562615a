import 'server-only'

import type { Alarm } from '@/lib/domain/metrics'
import type { AlarmDefinition } from '@/lib/domain/setup.values'

/*
 * The four alarms the AWS setup document plans ("Alerts (to be configured)"): App Runner health-check
 * failures, RDS CPU > 80 %, RDS free storage < 20 %, App Runner 5xx errors above a threshold. The
 * runtime's two come from the runtime module (its metric names and the dimensions that select the
 * service); the database's two are built here. One definition serves the `alarms-configured` check,
 * the setup page's preview and the one-click creation. Pure.
 */

const GIB = 1024 ** 3

/** The database's two planned alarms; free storage is 20 % of the allocated size (the document's 20 GB when unknown). */
export function databaseAlarms(rdsInstance: string, allocatedStorageGb: number | null): AlarmDefinition[] {
  const dimensions = [{ name: 'DBInstanceIdentifier', value: rdsInstance }]
  const gb = allocatedStorageGb ?? 20
  return [
    {
      key: 'rds-cpu',
      name: 'appfactory-rds-cpu-high',
      label: 'RDS CPU > 80 %',
      description: `RDS ${rdsInstance} CPU above 80 % for 15 minutes.`,
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      dimensions,
      statistic: 'Average',
      periodSeconds: 300,
      evaluationPeriods: 3,
      threshold: 80,
      comparison: 'GreaterThanThreshold',
      treatMissingData: 'missing',
    },
    {
      key: 'rds-storage',
      name: 'appfactory-rds-storage-low',
      label: 'RDS free storage < 20 %',
      description: `RDS ${rdsInstance} free storage below 20 % of its ${gb} GiB (${(gb * 0.2).toFixed(1)} GiB).`,
      namespace: 'AWS/RDS',
      metricName: 'FreeStorageSpace',
      dimensions,
      statistic: 'Minimum',
      periodSeconds: 300,
      evaluationPeriods: 1,
      threshold: Math.round(0.2 * gb * GIB),
      comparison: 'LessThanThreshold',
      treatMissingData: 'missing',
    },
  ]
}

/** The four in the document's order: health check, CPU, storage, 5xx. */
export function plannedAlarmDefinitions(runtimeAlarms: AlarmDefinition[], database: AlarmDefinition[]): AlarmDefinition[] {
  const byKey = new Map([...runtimeAlarms, ...database].map((a) => [a.key, a]))
  return ['health', 'rds-cpu', 'rds-storage', '5xx'].flatMap((k) => byKey.get(k) ?? [])
}

const text = (a: Alarm) => `${a.name} ${a.description ?? ''}`.toLowerCase()

/**
 * Whether an existing alarm already does a planned one's job: the same name, or an alarm on the same
 * metric of the same resource (every planned dimension present with its value). The runtime's two also
 * count when an alarm of the runtime's namespace says so in its name or description (a team's own
 * "health" or "5xx" alarm).
 */
export function covers(existing: Alarm, planned: AlarmDefinition): boolean {
  if (existing.name === planned.name) return true
  const sameMetric =
    existing.namespace === planned.namespace &&
    existing.metricName === planned.metricName &&
    planned.dimensions.every((d) => existing.dimensions.some((e) => e.name === d.name && e.value === d.value))
  if (sameMetric) return true
  if (planned.key === 'health')
    return (existing.namespace === planned.namespace && /health/i.test(existing.metricName ?? '')) || /health/.test(text(existing))
  if (planned.key === '5xx') return /5xx/.test(text(existing)) && existing.namespace === planned.namespace
  return false
}

/** The existing alarms that cover a planned one. */
export const coveringAlarms = (alarms: readonly Alarm[], planned: AlarmDefinition): Alarm[] => alarms.filter((a) => covers(a, planned))

/** The AWS CLI command that creates the alarm (what the one-click creation sends, for those who prefer a shell). */
export function putMetricAlarmCommand(a: AlarmDefinition, region: string, topicArn: string | null): string {
  const dims = a.dimensions.map((d) => `Name=${d.name},Value=${d.value}`).join(' ')
  const actions = topicArn ? ` \\\n  --alarm-actions ${topicArn} --ok-actions ${topicArn}` : ''
  return (
    `aws cloudwatch put-metric-alarm --region ${region} --alarm-name ${a.name} \\\n` +
    `  --alarm-description '${a.description.replace(/'/g, '’')}' \\\n` +
    `  --namespace ${a.namespace} --metric-name ${a.metricName} --dimensions ${dims} \\\n` +
    `  --statistic ${a.statistic} --period ${a.periodSeconds} --evaluation-periods ${a.evaluationPeriods} \\\n` +
    `  --threshold ${a.threshold} --comparison-operator ${a.comparison} --treat-missing-data ${a.treatMissingData}${actions}`
  )
}

/** A dimension value the runtime could not fill in yet (`<service-id>` while the service is not created). */
const isPlaceholder = (value: string) => /^<.+>$/.test(value)

/** One planned alarm and where it stands: covered by an existing alarm, ready to create, or waiting for its subject. */
export type AlarmPlanRow = {
  definition: AlarmDefinition
  state: 'exists' | 'ready' | 'waiting'
  /** The existing alarms that cover it, or why it waits. */
  note: string | null
  covering: Alarm[]
}

/** The plan against the account's alarms; `waitingFor` is the not-created subject the runtime's alarms need. */
export function alarmPlan(
  planned: readonly AlarmDefinition[],
  alarms: readonly Alarm[],
  waitingFor: { resource: string } | null,
): AlarmPlanRow[] {
  return planned.map((definition) => {
    const covering = coveringAlarms(alarms, definition)
    if (covering.length > 0)
      return {
        definition,
        state: 'exists',
        note: covering.map((a) => (a.name === definition.name ? `${a.name} (${a.state})` : `covered by ${a.name} (${a.state})`)).join(', '),
        covering,
      }
    if (definition.dimensions.some((d) => isPlaceholder(d.value)))
      return {
        definition,
        state: 'waiting',
        note: `Waits for ${waitingFor?.resource ?? 'its subject'}, which is not created yet.`,
        covering,
      }
    return { definition, state: 'ready', note: null, covering }
  })
}
