import { describe, expect, it } from 'vitest'

import { APPLICATION_LOG_GROUP, DB_ENDPOINT, DB_MASTER_PASSWORD, SERVICE_LOG_GROUP } from './constants'
import { compileFilterPattern, FilterPatternError } from './filter-pattern'
import { LogStore } from './log-store'
import { APPLICATION_STREAMS, DEFAULT_APPLICATION_EVENTS, syncApplicationLogs } from './log-traffic'
import { createLogStore } from './logs-seed'
import { createWorld } from './world'

const NOW = Date.UTC(2026, 10, 28, 12, 7, 30)

const req = (status: number, level = status >= 500 ? 'error' : 'info', extra = '') =>
  `{"level":"${level}","time":1,"msg":"request completed","req":{"method":"GET","url":"/api/projects"},"res":{"statusCode":${status}},"responseTime":12${extra}}`

const APACHE = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534'

describe('compileFilterPattern', () => {
  const cases: [pattern: string | undefined, message: string, expected: boolean][] = [
    [undefined, 'anything', true],
    ['', 'anything', true],
    ['ERROR', 'an ERROR happened', true],
    ['ERROR', 'an error happened', false], // case-sensitive
    ['ERROR timeout', 'ERROR: statement timeout', true],
    ['ERROR timeout', 'ERROR: refused', false],
    ['"connection failed"', 'database connection failed, retrying', true],
    ['"connection failed"', 'connection was failed', false],
    ['?ERROR ?WARN', 'WARN: slow', true],
    ['?ERROR ?WARN', 'INFO: ok', false],
    ['ERROR -timeout', 'ERROR refused', true],
    ['ERROR -timeout', 'ERROR timeout', false],
    ['-"/health"', 'GET /health 200', false],
    ['%ETIMEDOUT|ECONNREFUSED%', 'connect ECONNREFUSED 10.0.0.1', true],
    ['{ $.level = "error" }', req(500), true],
    ['{ $.level = "error" }', req(200), false],
    ['{ $.level = error }', req(500), true],
    ['{ $.res.statusCode >= 500 }', req(503), true],
    ['{ $.res.statusCode >= 500 }', req(404), false],
    ['{ $.res.statusCode = 404 }', req(404), true],
    ['{ $.res.statusCode != 200 }', req(201), true],
    ['{ $.res.statusCode != 200 }', req(200), false],
    ['{ $.responseTime > 10 && $.responseTime <= 12 }', req(200), true],
    ['{ $.responseTime < 12 }', req(200), false],
    ['{ $.level = "error" || $.res.statusCode = 404 }', req(404, 'warn'), true],
    ['{ ($.level = "warn" || $.level = "error") && $.res.statusCode >= 500 }', req(500), true],
    ['{ ($.level = "warn" || $.level = "error") && $.res.statusCode >= 500 }', req(404, 'warn'), false],
    ['{ $.req.url = "/api/*" }', req(200), true],
    ['{ $.req.url = "/health*" }', req(200), false],
    ['{ $.err.message EXISTS }', req(200), false],
    ['{ $.err NOT EXISTS }', req(200), true],
    ['{ $.x IS NULL }', req(200, 'info', ',"x":null'), true],
    ['{ $.ok IS TRUE }', req(200, 'info', ',"ok":true'), true],
    ['{ $.tags[1] = "b" }', req(200, 'info', ',"tags":["a","b"]'), true],
    ['{ $.level = "error" }', 'not json at all', false],
    ['{ $.missing = "x" }', req(200), false],
    // Space-delimited: fields by position; "quoted" and [bracketed] text is one field.
    ['[ip, user, username, timestamp, request, status_code, bytes]', APACHE, true],
    ['[ip, user, username, timestamp, request, status_code=200, bytes]', APACHE, true],
    ['[ip, user, username, timestamp, request, status_code=4*, bytes]', APACHE, false],
    ['[ip, ..., status_code=2*, bytes]', APACHE, true],
    ['[ip, ..., status_code>=500, bytes]', APACHE, false],
    ['[..., bytes>1000]', APACHE, true],
    ['[ip=127.0.0.*, ...]', APACHE, true],
    ['[ip, user, ..., request="GET /apache*", ...]', APACHE, true],
    ['[ip, user]', APACHE, false], // fewer fields than the event
    ['[ip, ..., status_code=4* || status_code=2*, bytes]', APACHE, true],
    ['[level, status=5*, ...]', 'error 503 upstream timed out', true],
    ['[level, status=5*, ...]', 'info 200 ok', false],
    ['[level!=info, ...]', 'info 200 ok', false],
  ]
  it.each(cases)('%s on %s → %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern)(message)).toBe(expected)
  })

  it.each([
    '{ $.level = ',
    '{ level = "x" }',
    '{ $.a > "x" }',
    '{ ($.a = 1 }',
    '"unterminated',
    '{ $.a = 1',
    '[a, b',
    '[]',
    '[a, b=]',
    '[a, b>x]',
    '[a, b=1 || c=2]',
  ])('rejects %s', (pattern) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError)
  })
})

describe('LogStore', () => {
  it('keeps each stream sorted by time with unique, ordered event ids', () => {
    const store = new LogStore()
    store.append('g', 's', [
      { timestamp: 300, message: 'c' },
      { timestamp: 100, message: 'a' },
    ])
    store.append('g', 's', [{ timestamp: 200, message: 'b' }])
    store.append('g', 's', [{ timestamp: 200, message: 'b2' }])
    const events = store.getGroup('g')!.streams.get('s')!.events
    expect(events.map((e) => e.message)).toEqual(['a', 'b', 'b2', 'c'])
    const ids = events.map((e) => e.eventId)
    expect(new Set(ids).size).toBe(4)
    expect([...ids].sort()).toEqual(ids)
    expect(ids.every((id) => /^\d{56}$/.test(id))).toBe(true)
    expect(events.every((e) => e.ingestionTime > e.timestamp)).toBe(true)
    expect(store.getGroup('g')!.streams.get('s')!.createdAt).toBe(100)
  })
})

describe('createLogStore', () => {
  const world = createWorld({ now: NOW })
  const store = world.logs

  it('seeds two instance streams of JSON request logs over the last 24 h', () => {
    const group = store.getGroup(APPLICATION_LOG_GROUP)!
    expect([...group.streams.keys()].sort()).toEqual([...APPLICATION_STREAMS].sort())
    const events = [...group.streams.values()].flatMap((s) => s.events)
    expect(events.length).toBeGreaterThanOrEqual(DEFAULT_APPLICATION_EVENTS)
    expect(events.every((e) => e.timestamp <= NOW && e.timestamp > NOW - 25 * 3600_000)).toBe(true)
    const parsed = events.map((e) => JSON.parse(e.message) as { level: string; res?: { statusCode: number } })
    expect(parsed.filter((p) => p.res?.statusCode === 200).length).toBeGreaterThan(1000)
    expect(parsed.some((p) => p.level === 'warn')).toBe(true)
    expect(parsed.some((p) => p.level === 'error')).toBe(true)
    for (const s of group.streams.values())
      expect(s.events.map((e) => e.timestamp)).toEqual([...s.events.map((e) => e.timestamp)].sort((a, b) => a - b))
  })

  it('logs a database connection error with the host but never the password', () => {
    const all = [...store.getGroup(APPLICATION_LOG_GROUP)!.streams.values()].flatMap((s) => s.events.map((e) => e.message))
    expect(all.some((m) => m.includes('connection failed') && m.includes(DB_ENDPOINT))).toBe(true)
    expect(all.some((m) => m.includes(DB_MASTER_PASSWORD))).toBe(false)
  })

  it('is deterministic for the same world and time', () => {
    const again = createLogStore(createWorld({ now: NOW }), NOW)
    const a = store
      .getGroup(APPLICATION_LOG_GROUP)!
      .streams.get(APPLICATION_STREAMS[0]!)!
      .events.map((e) => [e.timestamp, e.message])
    const b = again
      .getGroup(APPLICATION_LOG_GROUP)!
      .streams.get(APPLICATION_STREAMS[0]!)!
      .events.map((e) => [e.timestamp, e.message])
    expect(b).toEqual(a)
  })

  it('writes an events stream and one deployment stream per operation', () => {
    const group = store.getGroup(SERVICE_LOG_GROUP)!
    expect(group.streams.get('events')!.events.length).toBeGreaterThan(5)
    for (const op of world.service.operations) expect(group.streams.has(`deployment/${op.id}`)).toBe(true)
    const events = group.streams.get('events')!.events.map((e) => e.message)
    expect(events.some((m) => /^\[AppRunner\] Deployment with ID : [\w-]+ started\. Triggering event : SERVICE_UPDATE$/.test(m))).toBe(true)
    const rolledBack = world.service.operations.find((o) => o.status === 'ROLLBACK_SUCCEEDED')!
    const lines = group.streams.get(`deployment/${rolledBack.id}`)!.events.map((e) => e.message)
    expect(lines.some((m) => m.includes('Health check failed') || m.includes('Failed to pull your application image'))).toBe(true)
    expect(lines[lines.length - 1]).toMatch(/Rollback completed successfully/)
    const ok = world.service.operations.find((o) => o.status === 'SUCCEEDED' && o.type === 'UPDATE_SERVICE')!
    const okLines = group.streams.get(`deployment/${ok.id}`)!.events.map((e) => e.message)
    expect(okLines.some((m) => m.includes('Successfully pulled your application image'))).toBe(true)
    expect(okLines[okLines.length - 1]).toMatch(/completed successfully\.$/)
  })

  it('generates large counts on request', () => {
    const big = createLogStore(world, NOW, { events: 12_000 })
    const n = [...big.getGroup(APPLICATION_LOG_GROUP)!.streams.values()].reduce((k, s) => k + s.events.length, 0)
    expect(n).toBeGreaterThanOrEqual(12_000)
  })

  it('logs failing health checks while the app is unhealthy', () => {
    const sick = createWorld({ now: NOW, scenario: 'database-url-missing' })
    const all = [...sick.logs.getGroup(APPLICATION_LOG_GROUP)!.streams.values()].flatMap((s) => s.events.map((e) => e.message))
    expect(all.some((m) => m.includes('health check failed') && m.includes('DATABASE_URL is not set'))).toBe(true)
    expect(all.some((m) => m.includes('"statusCode":503'))).toBe(true)
  })
})

describe('syncApplicationLogs', () => {
  const count = (w: ReturnType<typeof createWorld>) =>
    [...w.logs.getGroup(APPLICATION_LOG_GROUP)!.streams.values()].reduce((n, s) => n + s.events.length, 0)

  it('grows the application log at the seeded rate as the clock moves', () => {
    const world = createWorld({ now: NOW })
    const before = count(world)
    syncApplicationLogs(world, NOW + 3600_000)
    const added = count(world) - before
    expect(added).toBeGreaterThanOrEqual(110)
    expect(added).toBeLessThanOrEqual(140)
    syncApplicationLogs(world, NOW + 3600_000)
    expect(count(world) - before).toBe(added)
  })

  it('writes 5xx and health-check failures once the app is unhealthy', () => {
    const world = createWorld({ now: NOW })
    world.db.status = 'stopped'
    world.db.stoppedAt = NOW
    syncApplicationLogs(world, NOW + 600_000)
    const recent = [...world.logs.getGroup(APPLICATION_LOG_GROUP)!.streams.values()].flatMap((s) =>
      s.events.filter((e) => e.timestamp > NOW).map((e) => e.message),
    )
    expect(recent.filter((m) => m.includes('health check failed'))).toHaveLength(30)
    expect(recent.filter((m) => m.includes('"statusCode":200'))).toEqual([])
  })
})
