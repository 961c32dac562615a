import { beforeAll, describe, expect, it, vi } from 'vitest'

import { ok } from '@/lib/result'

/*
 * The log search as a viewer may use it: a filter pattern that holds four or more consecutive
 * characters of a redacted secret is refused before CloudWatch is asked, so whether it matches can
 * never reveal the secret. lib/aws is stubbed (STYLE: DAL and action tests stub lib/aws).
 */
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ authorization: 'Bearer viewer-token-0123456789' }),
  cookies: async () => ({ get: () => undefined }),
}))
const listLogEvents = vi.fn(async () => ok({ logGroup: 'g', events: [], nextCursor: null, fetchedAt: 'now', stale: false }))
vi.mock('@/lib/aws/logs', () => ({ listLogEvents }))
// Reading the service is how the portal learns the DATABASE_URL password (redacted at the boundary).
vi.mock('@/lib/aws/runtime', () => ({
  runtime: {
    getService: vi.fn(async () => {
      const { redactEnvValue } = await import('@/lib/redact')
      redactEnvValue('DATABASE_URL', 'postgresql://appfactory:AppFactoryDB2026!@db.example:5432/app')
      return ok({})
    }),
  },
}))

let logs: typeof import('./logs')
beforeAll(async () => {
  vi.stubEnv('PORTAL_API_TOKENS', 'ci:viewer:viewer-token-0123456789')
  vi.stubEnv('PORTAL_LOG_LEVEL', 'silent')
  vi.resetModules()
  logs = await import('./logs')
  return () => vi.unstubAllEnvs()
})

describe('log filter patterns', () => {
  it.each(['AppF', '"Factory"', '%DB20%', '%A.p.p.F%', '{ $.password = "*2026!*" }'])(
    'refuses %j (part of a redacted secret)',
    async (filter) => {
      listLogEvents.mockClear()
      const r = await logs.listLogEvents({ stream: 'application', filter })
      expect(r.ok ? 'ok' : r.error.code).toBe('invalid_input')
      expect(r.ok ? '' : r.error.message).not.toContain('AppFactoryDB2026')
      expect(listLogEvents).not.toHaveBeenCalled()
    },
  )

  it.each(['connection refused', '%ERROR|WARN%', '{ $.level = "error" }', ''])('passes %j on to CloudWatch', async (filter) => {
    listLogEvents.mockClear()
    expect((await logs.listLogEvents({ stream: 'application', filter })).ok).toBe(true)
    expect(listLogEvents).toHaveBeenCalledTimes(1)
  })
})
