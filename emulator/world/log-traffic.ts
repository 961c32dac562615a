/**
 * The application log of the AppFactory world: the app's JSON request lines per App Runner instance over
 * the last 24 h, the recent 5xx spike, a transient database connection loss, health-check failures while
 * the app is unhealthy, and live growth with the world clock.
 */
import { APPLICATION_LOG_GROUP, DB_MASTER_USER } from './constants'
import { appHealth } from './health'
import type { LogStore } from './log-store'
import { metricEnv, spikeWindow } from './metrics'
import type { World, WorldState } from './shapes'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hex(rand: () => number, n: number): string {
  let out = ''
  while (out.length < n)
    out += Math.floor(rand() * 4294967296)
      .toString(16)
      .padStart(8, '0')
  return out.slice(0, n)
}

/** The two App Runner instances whose logs the application group holds. */
export const INSTANCE_IDS = ['3f9c2a7e5b1d4c8e9a0f6b2d7c1e4a95', 'b84e1d6a2c7f4e90a3b5d8c1f6e2a047'] as const
export const APPLICATION_STREAMS = INSTANCE_IDS.map((id) => `instance/${id}`)

export const DEFAULT_APPLICATION_EVENTS = 3000

type Route = { weight: number; method: string; url: (r: () => number) => string; status: (r: () => number) => number; ms: [number, number] }

const ROUTES: Route[] = [
  { weight: 26, method: 'GET', url: () => '/health', status: () => 200, ms: [1, 4] },
  { weight: 18, method: 'GET', url: () => '/api/projects', status: () => 200, ms: [8, 40] },
  {
    weight: 14,
    method: 'GET',
    url: (r) => `/api/projects/${1 + Math.floor(r() * 40)}`,
    status: (r) => (r() < 0.06 ? 404 : 200),
    ms: [5, 30],
  },
  { weight: 5, method: 'POST', url: () => '/api/projects', status: (r) => (r() < 0.1 ? 400 : 201), ms: [15, 70] },
  { weight: 10, method: 'GET', url: () => '/api/deployments?limit=20', status: () => 200, ms: [12, 60] },
  { weight: 9, method: 'GET', url: () => '/api/status', status: () => 200, ms: [3, 12] },
  { weight: 3, method: 'GET', url: () => '/api/requirements', status: (r) => (r() < 0.05 ? 401 : 200), ms: [10, 45] },
  { weight: 10, method: 'GET', url: () => '/', status: () => 200, ms: [2, 9] },
  { weight: 5, method: 'GET', url: () => '/assets/index.js', status: (r) => (r() < 0.1 ? 304 : 200), ms: [1, 5] },
]
const TOTAL_WEIGHT = ROUTES.reduce((n, r) => n + r.weight, 0)

function pickRoute(r: () => number): Route {
  let x = r() * TOTAL_WEIGHT
  for (const route of ROUTES) {
    x -= route.weight
    if (x < 0) return route
  }
  return ROUTES[0]!
}

const levelFor = (status: number) => (status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info')

function requestLine(t: number, rand: () => number, route: Route, status: number, extra: Record<string, unknown> = {}): string {
  const [lo, hi] = route.ms
  const responseTime = Math.round(lo + rand() * (hi - lo))
  return JSON.stringify({
    level: levelFor(status),
    time: t,
    msg: status >= 500 ? 'request errored' : 'request completed',
    req: { method: route.method, url: route.url(rand) },
    res: { statusCode: status },
    responseTime,
    requestId: `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`,
    ...extra,
  })
}

/** DATABASE_URL as the app logs it: the password is replaced before logging. */
function redactedDbUrl(world: Pick<WorldState, 'db'>): { url: string; host: string; port: number } {
  const { address, port } = world.db.endpoint
  return { url: `postgresql://${DB_MASTER_USER}:*****@${address}:${port}/postgres`, host: address, port }
}

type Line = { timestamp: number; message: string }

type Push = (k: number, timestamp: number, message: string) => void
type RequestContext = { unhealthyFrom?: number; pausedFrom?: number; spike: { from: number; to: number } }

/** `count` request lines spread evenly (with jitter) over [from, to). */
function requestEvents(rand: () => number, from: number, to: number, count: number, c: RequestContext, push: Push): void {
  const span = to - from
  for (let i = 0; i < count; i++) {
    const t = Math.floor(from + ((i + rand()) * span) / count)
    const k = rand() < 0.55 ? 0 : 1
    if (c.pausedFrom !== undefined && t >= c.pausedFrom) continue
    const route = pickRoute(rand)
    if (c.unhealthyFrom !== undefined && t >= c.unhealthyFrom) {
      push(k, t, requestLine(t, rand, route, route.url(rand) === '/health' ? 503 : 500))
      continue
    }
    // The spike's 5xx lines are written separately; other requests in its minutes succeed.
    const inSpike = t >= c.spike.from && t < c.spike.to
    const status = inSpike ? 200 : route.status(rand)
    push(k, t, requestLine(t, rand, route, status))
    if (!inSpike && rand() < 0.004) {
      const slow = t + 3
      push(
        k,
        slow,
        JSON.stringify({
          level: 'warn',
          time: slow,
          msg: 'slow request',
          req: { method: route.method, url: route.url(rand) },
          responseTime: 1200 + Math.round(rand() * 1800),
        }),
      )
    }
  }
}

const HEALTH_CHECK_EVERY = 20 * SECOND

/** One `health check failed` line per health-check interval in [from, to), on interval boundaries. */
function healthFailures(from: number, to: number, reason: string, db: { host: string; port: number }, push: Push): void {
  for (let t = Math.ceil(from / HEALTH_CHECK_EVERY) * HEALTH_CHECK_EVERY; t < to; t += HEALTH_CHECK_EVERY) {
    push(
      (t / HEALTH_CHECK_EVERY) % 2,
      t,
      JSON.stringify({
        level: 'error',
        time: t,
        msg: 'health check failed',
        err: { message: reason },
        db: { host: db.host, port: db.port },
      }),
    )
  }
}

function appendApplication(store: LogStore, streams: Line[][], upTo: number): void {
  for (const [k, name] of APPLICATION_STREAMS.entries()) {
    store.append(
      APPLICATION_LOG_GROUP,
      name,
      streams[k]!.filter((l) => l.timestamp <= upTo),
    )
  }
}

export function seedApplication(store: LogStore, world: WorldState, now: number, count: number): void {
  const rand = prng(0xa99f)
  const start = now - DAY
  const health = appHealth(world)
  const env = metricEnv(world, now, health)
  const unhealthyFrom = env.unhealthy ? Math.max(env.unhealthy.from, now - 2 * HOUR) : undefined
  const spike = spikeWindow(world.createdAt)
  const db = redactedDbUrl(world)
  const streams: Line[][] = APPLICATION_STREAMS.map(() => [])
  const push: Push = (k, timestamp, message) => streams[k]!.push({ timestamp, message })
  const info = (t: number, msg: string, extra: Record<string, unknown> = {}) => JSON.stringify({ level: 'info', time: t, msg, ...extra })

  // Each instance starts up at the beginning of the window.
  for (const [k] of APPLICATION_STREAMS.entries()) {
    const t0 = start - 40 * MINUTE + k * 47 * SECOND
    push(k, t0, info(t0, 'Server listening at http://0.0.0.0:3000'))
    push(k, t0 + 12, info(t0 + 12, 'database pool created', { db: { host: db.host, port: db.port, database: 'postgres', max: 20 } }))
  }

  requestEvents(rand, start, now, count, { unhealthyFrom, pausedFrom: env.paused?.from, spike }, push)

  // The recent 5xx spike (matches the 5xx alarm): statement timeouts for 12 requests.
  if (!(unhealthyFrom !== undefined && spike.from >= unhealthyFrom)) {
    for (const [m, n] of [1, 3, 4, 2, 2].entries()) {
      for (let j = 0; j < n; j++) {
        const t = spike.from + m * MINUTE + Math.floor(((j + 0.5) * MINUTE) / (n + 1))
        const k = (m + j) % 2
        push(
          k,
          t - 2,
          JSON.stringify({
            level: 'error',
            time: t - 2,
            msg: 'database query failed',
            err: { type: 'DatabaseError', message: 'canceling statement due to statement timeout', code: '57014' },
          }),
        )
        push(k, t, requestLine(t, rand, ROUTES[4]!, 500))
      }
    }
  }

  // A transient connection loss nine hours ago: the app logs the database host, never the password.
  const lost = now - 9 * HOUR - 17 * MINUTE
  push(
    0,
    lost,
    JSON.stringify({
      level: 'error',
      time: lost,
      msg: 'database connection failed, retrying in 2000 ms',
      err: { type: 'Error', message: `connect ETIMEDOUT ${db.host}:${db.port}`, code: 'ETIMEDOUT' },
      db: { url: db.url, attempt: 1 },
    }),
  )
  push(
    0,
    lost + 2100,
    JSON.stringify({
      level: 'warn',
      time: lost + 2100,
      msg: 'pool is draining, waiting for idle connections',
      db: { host: db.host, idle: 0, waiting: 3 },
    }),
  )
  push(0, lost + 4200, info(lost + 4200, 'database connection re-established', { db: { host: db.host, port: db.port } }))

  // While the app is unhealthy, every health check logs why.
  if (unhealthyFrom !== undefined) healthFailures(unhealthyFrom, now, health.reason ?? 'unhealthy', db, push)

  appendApplication(store, streams, now)
  store.live = { seededTo: now, ratePerMs: count / DAY, carry: 0 }
}

/**
 * Keeps the application log growing with the world clock (call before serving a Logs request): request
 * lines at the seeded rate since the last call, failing with 5xx and health-check errors while
 * `appHealth` is false, none while the service is paused. At most the last 24 h are filled in.
 */
export function syncApplicationLogs(world: World, now: number): void {
  const live = world.logs.live
  if (!live || now - live.seededTo < SECOND) return
  const from = Math.max(live.seededTo, now - DAY)
  const exact = (now - from) * live.ratePerMs + live.carry
  const count = Math.floor(exact)
  live.carry = exact - count
  live.seededTo = now
  const health = appHealth(world)
  const db = redactedDbUrl(world)
  const streams: Line[][] = APPLICATION_STREAMS.map(() => [])
  const push: Push = (k, timestamp, message) => streams[k]!.push({ timestamp, message })
  const c: RequestContext = {
    unhealthyFrom: health.ok ? undefined : from,
    pausedFrom: world.service.status === 'PAUSED' ? from : undefined,
    spike: spikeWindow(world.createdAt),
  }
  requestEvents(prng(Math.floor(from / SECOND)), from, now, count, c, push)
  if (!health.ok && c.pausedFrom === undefined) healthFailures(from, now, health.reason ?? 'unhealthy', db, push)
  appendApplication(world.logs, streams, now)
}
