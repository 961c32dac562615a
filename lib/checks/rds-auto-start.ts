import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'
import { isDbStoppedOrStopping } from '@/lib/domain/database.values'

import { errorResult, relative, result } from './result'
import type { Check } from './types'

const meta = { id: 'rds-auto-start', title: 'Stopped RDS instance restarts on its own' } as const
const DOCS = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_StopInstance.html'
const SEVEN_DAYS_MS = 7 * 86_400_000

export type RdsAutoStartEvidence = { database: Pick<Database, 'identifier' | 'status' | 'automaticRestartTime'> }

/**
 * RDS starts a stopped instance again automatically after seven days (and then bills for it).
 * Warns while the instance is stopped (or stopping), saying when that will happen.
 */
export function evaluate({ database: db }: RdsAutoStartEvidence, now: Date): CheckResult {
  const evidence = [
    { label: 'DB instance', value: db.identifier },
    { label: 'Status', value: db.status },
  ]
  if (!isDbStoppedOrStopping(db.status)) {
    return result(meta, 'pass', `${db.identifier} is ${db.status}; no automatic restart is pending.`, evidence, null, now)
  }
  const restart = db.automaticRestartTime ? new Date(db.automaticRestartTime) : null
  const when =
    restart && !Number.isNaN(restart.getTime())
      ? `${restart.toISOString()} (${relative(now, restart)})`
      : `7 days after it stopped (by ${new Date(now.getTime() + SEVEN_DAYS_MS).toISOString()} at the latest)`
  evidence.push({ label: 'Automatic restart', value: when })
  return result(
    meta,
    'warn',
    `${db.identifier} is ${db.status}; AWS will start it again automatically ${restart ? relative(now, restart) : 'within 7 days'} and charges resume then.`,
    evidence,
    {
      steps: [
        'If the database should stay off longer, stop it again after AWS restarts it (the 7-day limit cannot be extended), or schedule the stop with EventBridge Scheduler.',
        'To keep no database at all, take a snapshot and delete the instance instead.',
      ],
      command: `aws rds describe-db-instances --db-instance-identifier ${db.identifier} --query 'DBInstances[0].AutomaticRestartTime'`,
      docs: DOCS,
    },
    now,
  )
}

/** The `rds-auto-start` check: gathers its evidence, then evaluate(). */
export const rdsAutoStart: Check = {
  ...meta,
  async run(ctx) {
    const db = await ctx.getDatabase()
    if (!db.ok) return errorResult(meta, db.error, ctx.now)
    return evaluate({ database: db.data }, ctx.now)
  },
}
