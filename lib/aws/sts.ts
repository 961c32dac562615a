import 'server-only'

import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'

import { cached } from '@/lib/cache'
import type { CallerIdentity } from '@/lib/domain/iam'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

import { stsClient } from './clients'
import { toAppError } from './errors'
import { type Freshness, fresh } from './support'

/**
 * Who the portal is talking to AWS as, with when STS said so (`stale` when a refresh failed and an
 * older answer is shown). Errors: aws_denied (bad or expired credentials), aws_unreachable, aws_*.
 */
export async function getCallerIdentity(): Promise<Result<CallerIdentity & Freshness>> {
  const r = await cached('sts:caller', 60_000, async (): Promise<Result<CallerIdentity>> => {
    try {
      const out = await stsClient().send(new GetCallerIdentityCommand({}))
      if (!out.Account || !out.Arn) return err(appError('aws_error', 'AWS answered sts:GetCallerIdentity without an account.'))
      return ok({ account: out.Account, arn: out.Arn, userId: out.UserId ?? '' })
    } catch (e) {
      return err(toAppError(e, { action: 'sts:GetCallerIdentity' }))
    }
  })
  return fresh(r)
}
