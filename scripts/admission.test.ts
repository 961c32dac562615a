import { EventEmitter } from 'node:events'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { bypassesQueue, createAdmission, createPortalAdmission } from './admission.mjs'

/** Just enough of an http.ServerResponse for the admission queue. */
class FakeResponse extends EventEmitter {
  headersSent = false
  destroyed = false
  writableEnded = false
  status: number | null = null
  headers: Record<string, string | number> = {}
  body = ''
  writeHead(status: number, headers: Record<string, string | number>) {
    this.status = status
    this.headers = headers
    this.headersSent = true
  }
  end(body = '') {
    this.body = body
    this.writableEnded = true
    this.emit('finish')
  }
}

const req = (url: string, accept = 'application/json') => ({ url, headers: { accept } })
const tick = () => new Promise((r) => setImmediate(r))

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('admission', () => {
  it('runs up to the limit at once and the rest in arrival order as slots free up', async () => {
    const admit = createAdmission({ limit: 2 })
    const started: number[] = []
    const responses = Array.from({ length: 5 }, () => new FakeResponse())
    responses.forEach((res, i) => admit(req(`/page/${i}`), res, () => void started.push(i)))
    await tick()
    expect(started).toEqual([0, 1])
    expect(admit.stats()).toEqual({ active: 2, queued: 3, limit: 2 })
    responses[1]!.end()
    await tick()
    expect(started).toEqual([0, 1, 2])
    // 'finish' then 'close' of one response frees one slot, not two.
    responses[1]!.emit('close')
    await tick()
    expect(started).toEqual([0, 1, 2])
    responses[0]!.emit('close')
    responses[2]!.end()
    await tick()
    expect(started).toEqual([0, 1, 2, 3, 4])
  })

  it('hands the slot of a request still running after the lease to the next in line', async () => {
    const admit = createAdmission({ limit: 1, leaseMs: 2000 })
    const started: string[] = []
    admit(req('/metrics'), new FakeResponse(), () => void started.push('slow AWS read'))
    admit(req('/database'), new FakeResponse(), () => void started.push('next'))
    await tick()
    expect(started).toEqual(['slow AWS read'])
    vi.advanceTimersByTime(2000)
    await tick()
    expect(started).toEqual(['slow AWS read', 'next'])
  })

  it('never queues static assets or the health check, whatever the spelling of the path', async () => {
    const admit = createAdmission({ limit: 1 })
    const started: string[] = []
    for (const url of ['/', '/_next/static/chunks/a.js', '/api/health', '/images'])
      admit(req(url), new FakeResponse(), () => void started.push(url))
    await tick()
    expect(started.toSorted()).toEqual(['/', '/_next/static/chunks/a.js', '/api/health'])
    expect(bypassesQueue('/api/health?probe=1')).toBe(true)
    expect(bypassesQueue('/api/healthy')).toBe(false)
    // Next resolves dot segments and percent-encoding before routing: so does the bypass.
    expect(bypassesQueue('/_next/static/%2e%2e/%2e%2e/api/checks')).toBe(false)
    expect(bypassesQueue('/_next/static/../../api/checks')).toBe(false)
  })

  it('drops a request whose client left while it waited', async () => {
    const admit = createAdmission({ limit: 1 })
    const started: string[] = []
    const first = new FakeResponse()
    const gone = new FakeResponse()
    admit(req('/a'), first, () => void started.push('a'))
    admit(req('/b'), gone, () => void started.push('b'))
    admit(req('/c'), new FakeResponse(), () => void started.push('c'))
    gone.destroyed = true
    gone.emit('close')
    first.end()
    await tick()
    expect(started).toEqual(['a', 'c'])
  })

  it('answers 429 rate_limited with Retry-After when the queue is full, and after the longest wait', async () => {
    const admit = createAdmission({ limit: 1, leaseMs: 60_000, maxQueue: 1, maxWaitMs: 1000 })
    const waiting = new FakeResponse()
    const overflow = new FakeResponse()
    admit(req('/a'), new FakeResponse(), () => undefined)
    admit(req('/b'), waiting, () => undefined)
    admit(req('/c'), overflow, () => undefined)
    expect(overflow.status).toBe(429)
    expect(overflow.headers['retry-after']).toBe('5')
    expect(JSON.parse(overflow.body)).toMatchObject({ error: { code: 'rate_limited', hint: 'Retry in a few seconds.' } })
    expect(waiting.status).toBeNull()
    vi.advanceTimersByTime(1000)
    expect(waiting.status).toBe(429)
    expect(admit.stats().queued).toBe(0)
  })

  it('shows a browser navigation a page, not JSON, when it is busy', () => {
    const admit = createAdmission({ limit: 1, maxQueue: 0 })
    admit(req('/a'), new FakeResponse(), () => undefined)
    const page = new FakeResponse()
    admit(req('/images', 'text/html,application/xhtml+xml'), page, () => undefined)
    expect(page.status).toBe(429)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain('The portal is busy')
  })

  it('answers a handler that throws with a JSON error and frees the slot', async () => {
    const admit = createAdmission({ limit: 1 })
    const started: string[] = []
    const broken = new FakeResponse()
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    admit(req('/a'), broken, () => {
      throw new Error('bug')
    })
    admit(req('/b'), new FakeResponse(), () => void started.push('b'))
    await tick()
    await tick()
    expect(broken.status).toBe(500)
    expect(JSON.parse(broken.body)).toMatchObject({ error: { code: 'aws_error' } })
    expect(started).toEqual(['b'])
  })

  it('on close answers everyone waiting and refuses new requests', () => {
    const admit = createAdmission({ limit: 1 })
    const waiting = new FakeResponse()
    admit(req('/a'), new FakeResponse(), () => undefined)
    admit(req('/b'), waiting, () => undefined)
    admit.close()
    expect(waiting.status).toBe(429)
    expect(JSON.parse(waiting.body)).toMatchObject({ error: { message: 'The portal is restarting.' } })
    const late = new FakeResponse()
    admit(req('/c'), late, () => undefined)
    expect(late.status).toBe(429)
  })

  it('reports each wait and each refusal, for the metrics', () => {
    let clock = 0
    const waits: number[] = []
    const rejects: string[] = []
    const admit = createAdmission({
      limit: 1,
      maxQueue: 1,
      maxWaitMs: 1000,
      now: () => clock,
      onWait: (ms) => void waits.push(ms),
      onReject: (reason) => void rejects.push(reason),
    })
    const first = new FakeResponse()
    admit(req('/a'), first, () => undefined)
    admit(req('/b'), new FakeResponse(), () => undefined)
    admit(req('/c'), new FakeResponse(), () => undefined)
    admit(req('/api/health'), new FakeResponse(), () => undefined)
    clock = 300
    first.emit('close')
    expect(waits).toEqual([0, 300])
    expect(rejects).toEqual(['full'])
    admit(req('/d'), new FakeResponse(), () => undefined)
    vi.advanceTimersByTime(1000)
    admit.close()
    admit(req('/e'), new FakeResponse(), () => undefined)
    expect(rejects).toEqual(['full', 'timeout', 'shutdown'])
  })
})

describe('portal admission: requests without valid credentials cannot fill the queue', () => {
  const from = (address: string, isSignedIn: boolean, url = '/database') => ({
    url,
    headers: { accept: 'application/json', ...(isSignedIn ? { authorization: 'Bearer ok' } : {}) },
    socket: { remoteAddress: address },
  })
  const isTrusted = (r: { headers?: Record<string, unknown> }) => r.headers?.authorization === 'Bearer ok'

  it('a flood of anonymous requests is answered 429 in its own small lane while signed-in users are served', async () => {
    const admit = createPortalAdmission({ limit: 2, isTrusted, anonymous: { limit: 1, maxQueue: 4, maxQueuedPerClient: 2 } })
    const anonymous = Array.from({ length: 50 }, (_, i) => ({ res: new FakeResponse(), addr: `198.51.100.${i % 10}` }))
    const ran: string[] = []
    for (const a of anonymous) admit(from(a.addr, false), a.res, () => void ran.push('anon'))
    await tick()
    // One runs, four wait, the other 45 are refused at once.
    expect(ran).toEqual(['anon'])
    expect(anonymous.filter((a) => a.res.status === 429)).toHaveLength(45)
    const signedIn = [new FakeResponse(), new FakeResponse()]
    signedIn.forEach((res) => admit(from('203.0.113.7', true), res, () => void ran.push('user')))
    await tick()
    expect(ran.filter((r) => r === 'user')).toHaveLength(2)
    expect(admit.stats()).toMatchObject({ active: 2, queued: 0, anonymous: { active: 1, queued: 4 } })
  })

  it('one client address holds at most its share of the anonymous queue', async () => {
    const admit = createPortalAdmission({ limit: 1, isTrusted, anonymous: { limit: 1, maxQueue: 10, maxQueuedPerClient: 2 } })
    const responses = Array.from({ length: 6 }, () => new FakeResponse())
    responses.forEach((res) => admit(from('198.51.100.1', false), res, () => undefined))
    await tick()
    // One running, two queued, three refused; another address still gets a place.
    expect(responses.filter((r) => r.status === 429)).toHaveLength(3)
    const other = new FakeResponse()
    admit(from('198.51.100.2', false), other, () => undefined)
    expect(other.status).toBeNull()
    expect(admit.stats().anonymous.queued).toBe(3)
  })

  it('static assets and the health check bypass both lanes', async () => {
    const admit = createPortalAdmission({ limit: 1, isTrusted, anonymous: { limit: 1, maxQueue: 0, maxQueuedPerClient: 0 } })
    admit(from('198.51.100.1', false), new FakeResponse(), () => undefined)
    let ran = 0
    for (const url of ['/api/health', '/_next/static/chunks/a.js'])
      admit(from('198.51.100.1', false, url), new FakeResponse(), () => void ran++)
    expect(ran).toBe(2)
  })
})
