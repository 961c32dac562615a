import { describe, expect, it } from 'vitest'

import { appError } from '@/lib/domain/errors'
import { err, ok } from '@/lib/result'
import { QueryError, toPanelError } from '@/lib/queries/fetcher'
import { dehydrateForClient, prefetch, serverQueryClient, unwrap } from '@/lib/queries/prefetch'
import { healthVerdict } from '@/lib/domain/health.values'

const denied = appError('aws_denied', 'Access denied: the portal may not call rds:DescribeDBInstances.', {
  awsCode: 'AccessDenied',
  requestId: 'r-1',
})

describe('prefetch and dehydrate', () => {
  it('unwraps a Result or throws a QueryError with the AppError', () => {
    expect(unwrap(ok(1))).toBe(1)
    expect(() => unwrap(err(denied))).toThrow(QueryError)
  })

  it('dehydrates successes and failures; failures as plain AppErrors', async () => {
    const qc = serverQueryClient()
    await prefetch(qc, ['a'], async () => ok({ v: 1 }))
    await prefetch(qc, ['b'], async () => err(denied))
    const state = dehydrateForClient(qc)
    const a = state.queries.find((q) => q.queryKey[0] === 'a')
    const b = state.queries.find((q) => q.queryKey[0] === 'b')
    expect(a?.state.data).toEqual({ v: 1 })
    expect(b?.state.status).toBe('error')
    expect(b?.state.error).not.toBeInstanceOf(Error)
    expect(JSON.parse(JSON.stringify(b?.state.error))).toMatchObject(denied)
    expect(toPanelError(b?.state.error)).toEqual(denied)
  })

  it('never shows raw exception text for unknown errors', () => {
    expect(toPanelError(new Error('ECONNRESET at socket 0x1234')).message).toBe(
      'Something went wrong in the portal while loading this panel.',
    )
  })
})

describe('healthVerdict', () => {
  it.each([
    [200, true, 'healthy'],
    [204, true, 'healthy'],
    [503, true, 'unhealthy'],
    [302, true, 'unhealthy'],
    [null, true, 'unreachable'],
    [null, false, 'unknown'],
  ] as const)('%s (url %s) → %s', (status, hasUrl, want) => expect(healthVerdict(status, hasUrl)).toBe(want))
})
