import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it, vi } from 'vitest'

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
    expect(r.ok && r.data).toMatchObject({
      account: '082609687527',
      arn: 'arn:aws:iam::082609687527:user/portal',
      userId: 'AIDA123',
      stale: false,
    })
  })

  it('shows the last identity marked stale, with the reason, when a refresh fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    sts
      .on(GetCallerIdentityCommand)
      .resolvesOnce({ Account: '082609687527', Arn: 'arn:aws:iam::082609687527:user/portal' })
      .rejects(awsError('Throttling', 'Rate exceeded', 400))
    await getCallerIdentity()
    vi.setSystemTime(new Date('2026-03-02T10:02:00Z'))
    const r = await getCallerIdentity()
    expect(r.ok && r.data).toMatchObject({
      account: '082609687527',
      stale: true,
      fetchedAt: '2026-03-02T10:00:00.000Z',
      staleError: { code: 'aws_throttled' },
    })
    vi.useRealTimers()
  })

  it('maps expired credentials to aws_denied', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired', 403))
    const r = await getCallerIdentity()
    expect(!r.ok && r.error).toMatchObject({ code: 'aws_denied', awsCode: 'ExpiredToken' })
  })
})
