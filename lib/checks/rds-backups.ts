import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'

import { errorResult, result } from './result'
import type { Check } from './types'

const meta = { id: 'rds-backups', title: 'RDS automated backups kept ≥ 7 days' } as const
export const MIN_BACKUP_DAYS = 7

export type RdsBackupsEvidence = { database: Pick<Database, 'identifier' | 'backupRetentionDays' | 'latestRestorableTime'> }

/** ≥ 7 days passes; 1–6 days warns; 0 (automated backups off) fails. */
export function evaluate({ database: db }: RdsBackupsEvidence, now: Date): CheckResult {
  const days = db.backupRetentionDays
  const evidence = [
    { label: 'DB instance', value: db.identifier },
    { label: 'BackupRetentionPeriod', value: `${days} day${days === 1 ? '' : 's'}` },
    { label: 'Latest restorable time', value: db.latestRestorableTime ?? 'none' },
  ]
  if (days >= MIN_BACKUP_DAYS) return result(meta, 'pass', `Backups are kept ${days} days.`, evidence, null, now)
  const fix = {
    steps: [`Set the backup retention to at least ${MIN_BACKUP_DAYS} days (the documented plan); longer costs only backup storage.`],
    command: `aws rds modify-db-instance --db-instance-identifier ${db.identifier} --backup-retention-period ${MIN_BACKUP_DAYS} --apply-immediately`,
    docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
  }
  if (days <= 0)
    return result(meta, 'fail', `Automated backups are off for ${db.identifier}: no point-in-time recovery.`, evidence, fix, now)
  return result(meta, 'warn', `Backups are kept only ${days} day${days === 1 ? '' : 's'} (plan: ${MIN_BACKUP_DAYS}).`, evidence, fix, now)
}

/** The `rds-backups` check: gathers its evidence, then evaluate(). */
export const rdsBackups: Check = {
  ...meta,
  async run(ctx) {
    const db = await ctx.getDatabase()
    if (!db.ok) return errorResult(meta, db.error, ctx.now)
    return evaluate({ database: db.data }, ctx.now)
  },
}
