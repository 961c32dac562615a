import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'

import { errorResult, result } from './result'
import type { Check } from './types'

const meta = { id: 'rds-encryption', title: 'RDS storage is encrypted at rest' } as const

export type RdsEncryptionEvidence = { database: Pick<Database, 'identifier' | 'storageEncrypted' | 'storageType'> }

/** Passes when storage encryption is on; warns otherwise (it can only be added by restoring an encrypted snapshot copy). */
export function evaluate({ database: db }: RdsEncryptionEvidence, now: Date): CheckResult {
  const evidence = [
    { label: 'DB instance', value: db.identifier },
    { label: 'StorageEncrypted', value: String(db.storageEncrypted) },
    { label: 'Storage type', value: db.storageType ?? 'unknown' },
  ]
  if (db.storageEncrypted) return result(meta, 'pass', `${db.identifier} storage is encrypted.`, evidence, null, now)
  const id = db.identifier
  return result(
    meta,
    'warn',
    `${id} storage is not encrypted at rest.`,
    evidence,
    {
      steps: [
        'Encryption cannot be switched on for an existing instance: snapshot it, copy the snapshot with encryption, restore a new instance from the copy, then point DATABASE_URL at it.',
      ],
      command: [
        `aws rds create-db-snapshot --db-instance-identifier ${id} --db-snapshot-identifier ${id}-plain`,
        `aws rds copy-db-snapshot --source-db-snapshot-identifier ${id}-plain --target-db-snapshot-identifier ${id}-encrypted --kms-key-id alias/aws/rds`,
        `aws rds restore-db-instance-from-db-snapshot --db-instance-identifier ${id}-enc --db-snapshot-identifier ${id}-encrypted`,
      ].join('\n'),
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    },
    now,
  )
}

/** The `rds-encryption` check: gathers its evidence, then evaluate(). */
export const rdsEncryption: Check = {
  ...meta,
  async run(ctx) {
    const db = await ctx.getDatabase()
    if (!db.ok) return errorResult(meta, db.error, ctx.now)
    return evaluate({ database: db.data }, ctx.now)
  },
}
