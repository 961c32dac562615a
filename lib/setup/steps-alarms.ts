import 'server-only'

import type { SetupStep } from '@/lib/domain/setup'
import { isNotCreated } from '@/lib/domain/setup.values'

import { alarmPlan, putMetricAlarmCommand } from './alarm-plan'
import type { SetupEvidence } from './read'
import { blockedStep, step, unknownStep, type Evidence } from './step'

/** The four planned alarms: done when each exists (or an alarm on its metric does); one click creates the missing ones. Pure. */
export function alarmsStep(e: SetupEvidence): SetupStep {
  if (!e.alarms.ok) return unknownStep('alarms', e.alarms.error)
  const waitingFor = e.service.ok && isNotCreated(e.service.data) ? e.service.data : null
  const rows = alarmPlan(e.planned, e.alarms.data.alarms, waitingFor)
  const evidence: Evidence = rows.map((r) => ({
    label: r.definition.label,
    value: r.state === 'exists' ? (r.note ?? 'exists') : r.state === 'waiting' ? 'waits for the service' : 'missing',
  }))
  evidence.push({ label: 'Notifies', value: e.settings.alarmTopicArn ?? 'nobody (PORTAL_ALARM_TOPIC_ARN is not set)' })
  const ready = rows.filter((r) => r.state === 'ready')
  const waiting = rows.filter((r) => r.state === 'waiting')
  if (ready.length === 0 && waiting.length === 0)
    return step('alarms', { status: 'done', summary: `All ${rows.length} planned alarms exist.`, evidence, action: null })
  const action = {
    summary: `An operator creates ${ready.length === 1 ? 'it' : `the ${ready.length}`} with one click below (or with these commands).`,
    steps: [
      ...(waiting.length > 0
        ? [
            `${waiting.map((r) => r.definition.name).join(' and ')} can be created once ${waitingFor?.resource ?? 'the service'} exists (setup step 5).`,
          ]
        : []),
      ...(e.settings.alarmTopicArn ? [] : ['Set PORTAL_ALARM_TOPIC_ARN to an SNS topic so the alarms notify someone, then create them.']),
    ],
    commands: ready.map((r) => ({
      title: r.definition.label,
      command: putMetricAlarmCommand(r.definition, e.settings.region, e.settings.alarmTopicArn),
    })),
  }
  if (ready.length === 0)
    return blockedStep(
      'alarms',
      'runtime-service',
      `The ${waiting.length === 1 ? 'last alarm watches' : 'last two alarms watch'} the service, which is not created yet.`,
      evidence,
      action,
    )
  return step('alarms', {
    status: 'todo',
    summary: `${ready.length + waiting.length} of ${rows.length} planned alarms ${ready.length + waiting.length === 1 ? 'is' : 'are'} missing.`,
    evidence,
    action,
  })
}
