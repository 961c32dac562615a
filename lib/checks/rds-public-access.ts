import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'

import { errorResult, result } from './result'
import type { Check } from './types'

const meta = { id: 'rds-public-access', title: 'RDS instance is not publicly accessible' } as const

export type RdsPublicAccessEvidence = { database: Pick<Database, 'identifier' | 'publiclyAccessible' | 'endpoint'> }

/** Warns when the instance has a public address (the documented setup turns it on "for initial setup"). */
export function evaluate({ database: db }: RdsPublicAccessEvidence, now: Date): CheckResult {
  const evidence = [
    { label: 'DB instance', value: db.identifier },
    { label: 'PubliclyAccessible', value: String(db.publiclyAccessible) },
    { label: 'Endpoint', value: db.endpoint ? `${db.endpoint.address}:${db.endpoint.port}` : 'none' },
  ]
  if (!db.publiclyAccessible) return result(meta, 'pass', `${db.identifier} has no public address.`, evidence, null, now)
  return result(
    meta,
    'warn',
    `${db.identifier} is publicly accessible; only its security groups stand between it and the internet.`,
    evidence,
    {
      steps: [
        'App Runner reaches the database through its VPC connector, so public access is not needed.',
        'Turn public access off (applies immediately, no downtime for clients inside the VPC).',
      ],
      command: `aws rds modify-db-instance --db-instance-identifier ${db.identifier} --no-publicly-accessible --apply-immediately`,
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
    },
    now,
  )
}

/** The `rds-public-access` check: gathers its evidence, then evaluate(). */
export const rdsPublicAccess: Check = {
  ...meta,
  async run(ctx) {
    const db = await ctx.getDatabase()
    if (!db.ok) return errorResult(meta, db.error, ctx.now)
    return evaluate({ database: db.data }, ctx.now)
  },
}
