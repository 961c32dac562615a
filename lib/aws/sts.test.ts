import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'

import { awsError } from './sdk-errors.fixtures'
import { getCallerIdentity } from './sts'

const sts = mockClient(STSClient)

beforeEach(() => {
  sts.reset()
  resetCacheForTests()
})

describe('getCallerIdentity', () => {
  it('maps the identity', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '082609687527', Arn: 'arn:aws:iam::082609687527:user/portal', UserId: 'AIDA123' })
    const r = await getCallerIdentity()
    expect(r.ok && r.data).toEqual({ account: '082609687527', arn: 'arn:aws:iam::082609687527:user/portal', userId: 'AIDA123' })
  })

  it('maps expired credentials to aws_denied', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired', 403))
    const r = await getCallerIdentity()
    expect(!r.ok && r.error).toMatchObject({ code: 'aws_denied', awsCode: 'ExpiredToken' })
  })
})
