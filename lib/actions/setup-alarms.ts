import 'server-only'

import { listAlarms, putMetricAlarm } from '@/lib/aws/cloudwatch'
import { getDatabase } from '@/lib/aws/rds'
import { runtime } from '@/lib/aws/runtime'
import { config } from '@/lib/config'
import type { Actor } from '@/lib/domain/auth'
import type { CreateAlarmsResult, PlannedAlarmList } from '@/lib/domain/setup'
import { isNotCreated } from '@/lib/domain/setup.values'
import { withLock } from '@/lib/locks'
import { ok, type Result } from '@/lib/result'
import { alarmPlan, databaseAlarms, plannedAlarmDefinitions, type AlarmPlanRow } from '@/lib/setup/alarm-plan'

import { audited, authorize, fresh, locks, targets } from './support'

/*
 * The setup's one-click alarms: the four planned alarms (lib/setup/alarm-plan), created with
 * PutMetricAlarm where none covers them yet, notifying PORTAL_ALARM_TOPIC_ARN when it is set. Idempotent:
 * an alarm that exists (by name, or an alarm on the same metric of the same resource) is left as it is
 * — a second click creates nothing and says so. The runtime's two wait while its service is not created.
 */

/** The plan against the account as it is now (reads `read` through the given freshness). */
async function currentPlan(read: <T>(r: () => Promise<Result<T>>) => Promise<Result<T>>): Promise<Result<AlarmPlanRow[]>> {
  const [alarms, service, database] = await Promise.all([read(listAlarms), read(runtime.getService), read(getDatabase)])
  if (!alarms.ok) return alarms
  if (!service.ok) return service
  const identity = isNotCreated(service.data) ? null : service.data
  const planned = plannedAlarmDefinitions(
    runtime.plannedAlarms(identity),
    databaseAlarms(config().rdsInstance, database.ok ? database.data.allocatedStorageGb : null),
  )
  return ok(alarmPlan(planned, alarms.data.alarms, isNotCreated(service.data) ? service.data : null))
}

/** The four planned alarms as they would be created, and where each stands (`GET /api/setup/alarms`). Role: viewer. */
export async function previewPlannedAlarms(): Promise<Result<PlannedAlarmList>> {
  const plan = await currentPlan((r) => r())
  if (!plan.ok) return plan
  const topicArn = config().alarmTopicArn
  return ok({
    alarms: plan.data.map((row) => ({
      name: row.definition.name,
      label: row.definition.label,
      description: row.definition.description,
      namespace: row.definition.namespace,
      metricName: row.definition.metricName,
      dimensions: row.definition.dimensions,
      statistic: row.definition.statistic,
      periodSeconds: row.definition.periodSeconds,
      evaluationPeriods: row.definition.evaluationPeriods,
      threshold: row.definition.threshold,
      comparison: row.definition.comparison,
      treatMissingData: row.definition.treatMissingData,
      topicArn,
      state: row.state,
      note: row.note,
    })),
    fetchedAt: new Date().toISOString(),
  })
}

/**
 * Creates the planned alarms that do not exist yet (`POST /api/setup/alarms`). Role: operator. Read
 * fresh under the alarms lock, so two clicks create each alarm once. Errors: forbidden, conflict (the
 * lock is held), aws_* (a refused PutMetricAlarm stops the run; what was created before it is kept and
 * named in the audit entry).
 */
export function createPlannedAlarms(actor: Actor): Promise<Result<CreateAlarmsResult>> {
  const params: Record<string, unknown> = {}
  return audited(actor, 'setup.alarms', targets.alarms(), params, async () => {
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    return withLock(
      locks.alarms,
      async () => {
        const plan = await currentPlan(fresh)
        if (!plan.ok) return plan
        const topicArn = config().alarmTopicArn
        const created: string[] = []
        params.created = created
        for (const row of plan.data.filter((r) => r.state === 'ready')) {
          const put = await putMetricAlarm(row.definition, topicArn)
          if (!put.ok) return put
          created.push(row.definition.name)
        }
        const result: CreateAlarmsResult = {
          created,
          unchanged: plan.data.filter((r) => r.state === 'exists').map((r) => r.definition.name),
          waiting: plan.data.filter((r) => r.state === 'waiting').map((r) => ({ name: r.definition.name, reason: r.note ?? 'waits' })),
        }
        params.unchanged = result.unchanged
        params.waiting = result.waiting.map((w) => w.name)
        params.topicArn = topicArn
        return ok(result)
      },
      'setup alarms',
    )
  })
}
