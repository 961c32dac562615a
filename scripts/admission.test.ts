import { EventEmitter } from 'node:events'

import { describe, expect, it } from 'vitest'

import { bypassesQueue, createAdmission } from './admission.mjs'

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

const req = (url: string) => ({ url })
const tick = () => new Promise((r) => setTimeout(r, 0))

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
    responses[0]!.emit('close')
    responses[2]!.end()
    await tick()
    expect(started).toEqual([0, 1, 2, 3, 4])
  })

  it('never queues static assets or the health check', async () => {
    const admit = createAdmission({ limit: 1 })
    const started: string[] = []
    for (const url of ['/', '/_next/static/chunks/a.js', '/api/health', '/images']) admit(req(url), new FakeResponse(), () => void started.push(url))
    await tick()
    expect(started.toSorted()).toEqual(['/', '/_next/static/chunks/a.js', '/api/health'])
    expect(bypassesQueue('/api/healthy')).toBe(false)
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

  it('answers 429 rate_limited with Retry-After when the queue is full or a request waited too long', async () => {
    let t = 0
    const admit = createAdmission({ limit: 1, maxQueue: 1, maxWaitMs: 1000, now: () => t })
    const running = new FakeResponse()
    const waiting = new FakeResponse()
    const overflow = new FakeResponse()
    admit(req('/a'), running, () => undefined)
    admit(req('/b'), waiting, () => undefined)
    admit(req('/c'), overflow, () => undefined)
    expect(overflow.status).toBe(429)
    expect(overflow.headers['retry-after']).toBe('5')
    expect(JSON.parse(overflow.body)).toMatchObject({ error: { code: 'rate_limited', hint: 'Retry in a few seconds.' } })
    t = 5000
    running.end()
    await tick()
    expect(waiting.status).toBe(429)
  })

  it('frees the slot when the handler throws', async () => {
    const admit = createAdmission({ limit: 1 })
    const started: string[] = []
    admit(req('/a'), new FakeResponse(), () => {
      throw new Error('bug')
    })
    admit(req('/b'), new FakeResponse(), () => void started.push('b'))
    await tick()
    await tick()
    expect(started).toEqual(['b'])
  })
})
