import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'

import { errorResult, relative, result, type Evidence } from './result'
import type { Check } from './types'

const meta = { id: 'rds-available', title: 'RDS instance is available' } as const
const DOCS = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_StopInstance.html'

export type RdsAvailableEvidence = {
  database: Pick<Database, 'identifier' | 'status' | 'engine' | 'engineVersion' | 'endpoint' | 'automaticRestartTime'>
}

/** Statuses in which the instance serves connections (a backup or a modification does not stop it). */
const servingStatuses = [
  'available',
  'backing-up',
  'modifying',
  'configuring-enhanced-monitoring',
  'configuring-log-exports',
  'maintenance',
  'upgrading',
  'storage-optimization',
] as const

/** Verdict on the instance's status: available passes; stopped/stopping/starting fail with what to do. */
export function evaluate({ database: db }: RdsAvailableEvidence, now: Date): CheckResult {
  const evidence: Evidence = [
    { label: 'DB instance', value: db.identifier },
    { label: 'Status', value: db.status },
    { label: 'Engine', value: `${db.engine}${db.engineVersion ? ` ${db.engineVersion}` : ''}` },
    { label: 'Endpoint', value: db.endpoint ? `${db.endpoint.address}:${db.endpoint.port}` : 'none' },
  ]
  const id = db.identifier
  const start = `aws rds start-db-instance --db-instance-identifier ${id}`
  const wait = `aws rds wait db-instance-available --db-instance-identifier ${id}`
  switch (db.status) {
    case 'available':
      return result(meta, 'pass', `${id} is available.`, evidence, null, now)
    case 'stopped': {
      const restart = db.automaticRestartTime
      if (restart) evidence.push({ label: 'AWS restarts it automatically', value: `${restart} (${relative(now, new Date(restart))})` })
      return result(
        meta,
        'fail',
        `${id} is stopped: the app cannot reach its database.`,
        evidence,
        {
          steps: [
            'Start the instance (or use "Start database" in the portal). Starting takes about 5–10 minutes.',
            'Wait until it is available; the App Runner health check recovers on its own once the app can connect.',
          ],
          command: `${start}\n${wait}`,
          docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_StartInstance.html',
        },
        now,
      )
    }
    case 'stopping':
      return result(
        meta,
        'fail',
        `${id} is stopping: connections are refused.`,
        evidence,
        {
          steps: [
            'A stop cannot be cancelled. Wait until the status is "stopped" (a few minutes), then start it again if the app needs it.',
          ],
          command: `aws rds wait db-instance-stopped --db-instance-identifier ${id}\n${start}\n${wait}`,
          docs: DOCS,
        },
        now,
      )
    case 'starting':
      return result(
        meta,
        'fail',
        `${id} is starting: it accepts connections in a few minutes.`,
        evidence,
        { steps: ['Wait for the start to finish (usually 5–10 minutes); nothing else is needed.'], command: wait, docs: DOCS },
        now,
      )
    default:
      if ((servingStatuses as readonly string[]).includes(db.status)) {
        return result(
          meta,
          'warn',
          `${id} is ${db.status}: it serves connections, but performance may dip until it is available again.`,
          evidence,
          {
            steps: ['Wait for the operation to finish; check recent RDS events if it takes unusually long.'],
            command: `aws rds describe-events --source-type db-instance --source-identifier ${id} --duration 120`,
            docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html#Overview.DBInstance.Status',
          },
          now,
        )
      }
      return result(
        meta,
        'fail',
        `${id} is ${db.status}: it does not serve connections.`,
        evidence,
        {
          steps: [
            'Read the recent RDS events for the cause (e.g. storage-full, incompatible-parameters), fix it, then reboot or start the instance.',
          ],
          command: `aws rds describe-events --source-type db-instance --source-identifier ${id} --duration 1440`,
          docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html#Overview.DBInstance.Status',
        },
        now,
      )
  }
}

/** The `rds-available` check: gathers its evidence, then evaluate(). */
export const rdsAvailable: Check = {
  ...meta,
  async run(ctx) {
    const db = await ctx.getDatabase()
    if (!db.ok) return errorResult(meta, db.error, ctx.now, [{ label: 'DB instance', value: ctx.settings.rdsInstance }])
    return evaluate({ database: db.data }, ctx.now)
  },
}
