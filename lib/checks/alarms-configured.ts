import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Alarm } from '@/lib/domain/metrics'
import { isNotCreated, setupStepHref, type AlarmDefinition, type NotCreated } from '@/lib/domain/setup.values'
import { coveringAlarms, databaseAlarms, plannedAlarmDefinitions, putMetricAlarmCommand } from '@/lib/setup/alarm-plan'

import { errorResult, result, type Evidence } from './result'
import type { Check, Settings } from './types'

const meta = { id: 'alarms-configured', title: 'The four planned CloudWatch alarms exist' } as const

export type AlarmsConfiguredEvidence = {
  alarms: Alarm[]
  settings: Settings
  /** The four planned alarms (lib/setup/alarm-plan), the runtime's with this service's dimensions. */
  planned: AlarmDefinition[]
  /** The runtime's service when it is not created yet: its two alarms cannot exist before it. */
  serviceNotCreated: NotCreated | null
  /** The SNS topic the planned alarms notify (PORTAL_ALARM_TOPIC_ARN), if configured. */
  topicArn: string | null
}

/** Passes when every planned alarm exists; warns for missing ones, and names the ones firing now. */
export function evaluate(e: AlarmsConfiguredEvidence, now: Date): CheckResult {
  const evidence: Evidence = []
  const missing: AlarmDefinition[] = []
  const firing: string[] = []
  for (const p of e.planned) {
    const found = coveringAlarms(e.alarms, p)
    if (found.length === 0) missing.push(p)
    for (const a of found) if (a.state === 'ALARM') firing.push(a.name)
    evidence.push({ label: p.label, value: found.length > 0 ? found.map((a) => `${a.name} (${a.state})`).join(', ') : 'missing' })
  }
  if (missing.length > 0) {
    const waiting = e.serviceNotCreated ? missing.filter((p) => p.dimensions.some((d) => d.value.startsWith('<'))) : []
    const creatable = missing.filter((p) => !waiting.includes(p))
    return result(
      meta,
      'warn',
      `${missing.length} of ${e.planned.length} planned alarms ${missing.length === 1 ? 'is' : 'are'} missing: ${missing.map((p) => p.label).join(', ')}.` +
        (waiting.length > 0 && e.serviceNotCreated
          ? ` ${waiting.length === 1 ? 'One waits' : 'Two wait'} for ${e.serviceNotCreated.resource}, which is not created yet.`
          : ''),
      evidence,
      {
        steps: [
          `Create them with one click on the setup page (${setupStepHref('alarms')}), or with the commands below.`,
          ...(waiting.length > 0
            ? [
                `${waiting.map((p) => p.name).join(' and ')} can be created once the service exists (setup step 5, ${setupStepHref('runtime-service')}).`,
              ]
            : []),
          ...(e.topicArn ? [] : ['Set PORTAL_ALARM_TOPIC_ARN to an SNS topic so the alarms notify someone.']),
        ],
        command: creatable.map((p) => putMetricAlarmCommand(p, e.settings.region, e.topicArn)).join('\n') || undefined,
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
  return result(meta, 'pass', `All ${e.planned.length} planned alarms exist and none is firing.`, evidence, null, now)
}

/** The `alarms-configured` check: gathers its evidence, then evaluate(). */
export const alarmsConfigured: Check = {
  ...meta,
  async run(ctx) {
    const [alarms, service, db] = await Promise.all([ctx.listAlarms(), ctx.getService(), ctx.getDatabase()])
    if (!alarms.ok) return errorResult(meta, alarms.error, ctx.now)
    // The service's id completes the runtime's dimensions; without a service they name where it goes.
    const identity = service.ok && !isNotCreated(service.data) ? service.data : null
    const planned = plannedAlarmDefinitions(
      ctx.plannedAlarms(identity),
      databaseAlarms(ctx.settings.rdsInstance, db.ok ? db.data.allocatedStorageGb : null),
    )
    const serviceNotCreated = service.ok && isNotCreated(service.data) ? service.data : null
    return evaluate(
      { alarms: alarms.data.alarms, settings: ctx.settings, planned, serviceNotCreated, topicArn: ctx.alarmTopicArn },
      ctx.now,
    )
  },
}
