import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { ok } from '@/lib/result'

/*
 * The data access layer's gate, with next/headers standing in for Next's request scope: `request`
 * below is what the "current request" carries; null means no request at all (a local command).
 */
let request: Headers | null = null
vi.mock('next/headers', () => ({
  headers: async () => {
    if (!request) throw new Error('`headers` was called outside a request scope')
    return request
  },
  cookies: async () => {
    if (!request) throw new Error('`cookies` was called outside a request scope')
    const header = request.get('cookie') ?? ''
    return { get: (name: string) => (header.includes(`${name}=`) ? { value: header.split(`${name}=`)[1]?.split(';')[0] } : undefined) }
  },
}))

const TOKENS = 'ci:viewer:viewer-token-0123456789,boss:admin:admin-token-0123456789'
let access: typeof import('./access')
let system: typeof import('./system')

beforeAll(async () => {
  for (const [k, v] of Object.entries({ PORTAL_API_TOKENS: TOKENS, PORTAL_READ_RATE_LIMIT_PER_MINUTE: '10', PORTAL_LOG_LEVEL: 'silent' }))
    vi.stubEnv(k, v)
  vi.resetModules()
  access = await import('./access')
  system = await import('./system')
})
afterAll(() => vi.unstubAllEnvs())

const as = (headers: Record<string, string> | null) => {
  request = headers ? new Headers(headers) : null
}

describe('authorized reads', () => {
  const read = vi.fn(async (n: number) => ok(n * 2))
  const viewerRead = () => access.authorized('viewer', read)
  const adminRead = () => access.authorized('admin', read)

  it('refuses without credentials, with an unknown token, and outside any request, never calling the read', async () => {
    read.mockClear()
    const cases: Array<Record<string, string> | null> = [
      {},
      { authorization: 'Bearer not-configured-0123456789' },
      { cookie: 'portal_session=forged' },
      null,
    ]
    for (const headers of cases) {
      as(headers)
      const r = await viewerRead()(1)
      expect(r.ok ? 'ok' : r.error.code).toBe('unauthenticated')
    }
    expect(read).not.toHaveBeenCalled()
  })

  it('reads for a verified token with the role, refuses a lower role (admin data)', async () => {
    read.mockClear()
    as({ authorization: 'Bearer viewer-token-0123456789' })
    expect(await viewerRead()(2)).toEqual({ ok: true, data: 4 })
    const export_ = await adminRead()(2)
    expect(export_.ok ? 'ok' : export_.error.code).toBe('forbidden')
    expect(read).toHaveBeenCalledTimes(1)
    as({ authorization: 'Bearer admin-token-0123456789' })
    expect(await adminRead()(3)).toEqual({ ok: true, data: 6 })
  })

  it('rate-limits reads per identity (PORTAL_READ_RATE_LIMIT_PER_MINUTE) with a wait hint; other identities go on', async () => {
    as({ authorization: 'Bearer viewer-token-0123456789' })
    let limited: Awaited<ReturnType<ReturnType<typeof viewerRead>>> | undefined
    for (let i = 0; i < 20 && !limited; i++) {
      const r = await viewerRead()(i)
      if (!r.ok) limited = r
    }
    expect(limited && !limited.ok ? limited.error : null).toMatchObject({ code: 'rate_limited', hint: expect.stringMatching(/Wait \d+ s/) })
    as({ authorization: 'Bearer admin-token-0123456789' })
    expect((await viewerRead()(1)).ok).toBe(true)
  })
})

describe('the system scope of a local command', () => {
  it('is entered explicitly: then reads run as system:<purpose> (viewer), without a request', async () => {
    as(null)
    const who = await system.runAsSystem('npm run checks', () => access.verifiedActor())
    expect(who).toEqual({ id: 'system:npm run checks', name: 'npm run checks', role: 'viewer', kind: 'system' })
    expect(await access.verifiedActor()).toBeNull()
  })

  it('cannot be entered inside a web request', async () => {
    as({ authorization: 'Bearer viewer-token-0123456789' })
    await expect(system.runAsSystem('sneaky', async () => 1)).rejects.toThrow(/only for local commands/)
  })

  it('cannot be entered inside the portal server at all', async () => {
    as(null)
    vi.stubEnv('NEXT_RUNTIME', 'nodejs')
    vi.resetModules()
    const inServer = await import('./system')
    await expect(inServer.runAsSystem('sneaky', async () => 1)).rejects.toThrow(/only for local commands/)
    vi.stubEnv('NEXT_RUNTIME', '')
  })
})
