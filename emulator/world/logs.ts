/**
 * CloudWatch Logs state of the AppFactory world: a small in-memory log store (groups → streams → events
 * sorted by time), CloudWatch's filter-pattern language, and the seeded App Runner log groups
 * (`…/application` with JSON request logs per instance, `…/service` with lifecycle and deployment logs).
 */
import { APPLICATION_LOG_GROUP, DB_MASTER_USER, SERVICE_LOG_GROUP } from './constants'
import { metricEnv, spikeWindow } from './cloudwatch'
import type { LogEventState, OperationState, ServiceState } from './shapes'
import { appHealth, type World } from './world'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

// ------------------------------------------------------------------ the store

export type LogStreamState = {
  name: string
  createdAt: number
  /** Sorted by (timestamp, arrival); event ids sort the same way. */
  events: LogEventState[]
  storedBytes: number
}

export type LogGroupState = {
  name: string
  createdAt: number
  retentionInDays?: number
  streams: Map<string, LogStreamState>
}

/** Length of an event id (CloudWatch's are 56 decimal digits). */
export const EVENT_ID_LENGTH = 56

function digitsHash(s: string, length: number): string {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return String(h >>> 0)
    .padStart(10, '0')
    .repeat(2)
    .slice(0, length)
}

/** Index of the first event with timestamp ≥ t. */
export function lowerBound(events: LogEventState[], t: number): number {
  let lo = 0
  let hi = events.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (events[mid]!.timestamp < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Index of the first event whose id is > id (ids sort like (timestamp, arrival)). */
export function upperBoundId(events: LogEventState[], id: string): number {
  let lo = 0
  let hi = events.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (events[mid]!.eventId <= id) lo = mid + 1
    else hi = mid
  }
  return lo
}

export class LogStore {
  private readonly groups = new Map<string, LogGroupState>()
  private seq = 0
  /** Where the application log's live growth stands (see syncApplicationLogs). */
  live: { seededTo: number; ratePerMs: number; carry: number } | undefined

  /** Creates the group if it does not exist; returns it either way. */
  createGroup(name: string, createdAt: number, retentionInDays?: number): LogGroupState {
    let g = this.groups.get(name)
    if (!g) {
      g = { name, createdAt, retentionInDays, streams: new Map() }
      this.groups.set(name, g)
    }
    return g
  }

  /** Creates the stream (and group) if needed; returns it. */
  createStream(group: string, stream: string, createdAt: number): LogStreamState {
    const g = this.createGroup(group, createdAt)
    let s = g.streams.get(stream)
    if (!s) {
      s = { name: stream, createdAt, events: [], storedBytes: 0 }
      g.streams.set(stream, s)
    }
    return s
  }

  /** Adds events to a stream (creating group and stream as needed), keeping the stream sorted by time. */
  append(group: string, stream: string, events: { timestamp: number; message: string }[]): void {
    if (events.length === 0) return
    const batch = [...events].sort((a, b) => a.timestamp - b.timestamp)
    const s = this.createStream(group, stream, batch[0]!.timestamp)
    const tail = digitsHash(`${group}/${stream}`, EVENT_ID_LENGTH - 36)
    for (const e of batch) {
      const seq = this.seq++
      const ev: LogEventState = {
        timestamp: e.timestamp,
        message: e.message,
        // CloudWatch ingests within a second or so of the event time.
        ingestionTime: e.timestamp + 180 + ((seq * 7919) % 700),
        eventId: `${String(Math.max(0, e.timestamp)).padStart(18, '0')}${String(seq).padStart(18, '0')}${tail}`,
      }
      const last = s.events[s.events.length - 1]
      if (!last || last.eventId <= ev.eventId) s.events.push(ev)
      else s.events.splice(upperBoundId(s.events, ev.eventId), 0, ev)
      s.storedBytes += Buffer.byteLength(e.message) + 26
      if (e.timestamp < s.createdAt) s.createdAt = e.timestamp
    }
  }

  getGroup(name: string): LogGroupState | undefined {
    return this.groups.get(name)
  }

  /** Groups sorted by name, as DescribeLogGroups lists them. */
  listGroups(): LogGroupState[] {
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  }

  /** Summary for GET /_emulator/state (the events themselves are too many to dump). */
  toJSON(): { groups: { name: string; streams: { name: string; events: number }[] }[] } {
    return {
      groups: this.listGroups().map((g) => ({
        name: g.name,
        streams: [...g.streams.values()].map((s) => ({ name: s.name, events: s.events.length })),
      })),
    }
  }
}

export const groupStoredBytes = (g: LogGroupState) => [...g.streams.values()].reduce((n, s) => n + s.storedBytes, 0)

// ------------------------------------------------------------------ filter patterns

export class FilterPatternError extends Error {}

export type EventMatcher = (message: string) => boolean

/**
 * Compiles a CloudWatch Logs filter pattern
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
 * plain terms (all must appear, case-sensitive), "quoted phrases", `?term` (at least one of them),
 * `-term` (none of them), `%regex%`, and JSON patterns `{ $.a.b = "x" && ($.n >= 500 || $.c IS NULL) }`
 * with = != > >= < <=, `*` wildcards in string values, IS TRUE/FALSE/NULL, EXISTS and NOT EXISTS.
 * An empty pattern matches everything. Throws FilterPatternError when the pattern is malformed.
 */
export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const p = (pattern ?? '').trim()
  if (p === '' || p === '""') return () => true
  if (p.startsWith('{')) return compileJsonPattern(p)
  if (p.startsWith('[')) throw new FilterPatternError('Space-delimited filter patterns are not supported by the emulator.')
  if (p.length > 2 && p.startsWith('%') && p.endsWith('%')) {
    let re: RegExp
    try {
      re = new RegExp(p.slice(1, -1))
    } catch {
      throw new FilterPatternError('Invalid regular expression in filter pattern.')
    }
    return (m) => re.test(m)
  }
  return compileTermPattern(p)
}

function compileTermPattern(p: string): EventMatcher {
  const all: string[] = []
  const any: string[] = []
  const none: string[] = []
  let i = 0
  while (i < p.length) {
    while (i < p.length && /\s/.test(p[i]!)) i++
    if (i >= p.length) break
    let kind: 'all' | 'any' | 'none' = 'all'
    if (p[i] === '?') {
      kind = 'any'
      i++
    } else if (p[i] === '-' && i + 1 < p.length && !/\s/.test(p[i + 1]!)) {
      kind = 'none'
      i++
    }
    let term = ''
    if (p[i] === '"') {
      i++
      let closed = false
      while (i < p.length) {
        const c = p[i]!
        if (c === '\\' && i + 1 < p.length) {
          term += p[i + 1]
          i += 2
          continue
        }
        if (c === '"') {
          closed = true
          i++
          break
        }
        term += c
        i++
      }
      if (!closed) throw new FilterPatternError('Unterminated quoted term in filter pattern.')
    } else {
      while (i < p.length && !/\s/.test(p[i]!)) term += p[i++]
    }
    if (term === '') continue
    ;(kind === 'all' ? all : kind === 'any' ? any : none).push(term)
  }
  return (m) => all.every((t) => m.includes(t)) && (any.length === 0 || any.some((t) => m.includes(t))) && !none.some((t) => m.includes(t))
}

type JsonValue = unknown
type Selector = (string | number)[]
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; sel: Selector; op: '=' | '!=' | '>' | '>=' | '<' | '<='; value: { type: 'num'; n: number } | { type: 'str'; s: string } }
  | { kind: 'is'; sel: Selector; what: 'TRUE' | 'FALSE' | 'NULL' }
  | { kind: 'exists'; sel: Selector; negate: boolean }

type Tok = { t: 'sel' | 'op' | 'num' | 'str' | 'word' | '(' | ')' | '&&' | '||'; v: string }

function tokenizeJson(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  const bad = () => new FilterPatternError(`Invalid character(s) in JSON filter pattern at position ${i}.`)
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '(' || c === ')') {
      out.push({ t: c, v: c })
      i++
    } else if (src.startsWith('&&', i) || src.startsWith('||', i)) {
      out.push({ t: src.slice(i, i + 2) as '&&' | '||', v: src.slice(i, i + 2) })
      i += 2
    } else if (c === '$') {
      let j = i + 1
      while (j < src.length && /[A-Za-z0-9_.\-@[\]*]/.test(src[j]!)) j++
      out.push({ t: 'sel', v: src.slice(i, j) })
      i = j
    } else if (/[=!<>]/.test(c)) {
      const two = src.slice(i, i + 2)
      if (two === '!=' || two === '>=' || two === '<=') {
        out.push({ t: 'op', v: two })
        i += 2
      } else if (c === '=' || c === '>' || c === '<') {
        out.push({ t: 'op', v: c })
        i++
      } else throw bad()
    } else if (c === '"') {
      let j = i + 1
      let s = ''
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) j++
        s += src[j]
        j++
      }
      if (j >= src.length) throw bad()
      out.push({ t: 'str', v: s })
      i = j + 1
    } else {
      let j = i
      while (j < src.length && !/[\s()=!<>&|"]/.test(src[j]!)) j++
      if (j === i) throw bad()
      const w = src.slice(i, j)
      out.push({ t: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(w) ? 'num' : 'word', v: w })
      i = j
    }
  }
  return out
}

function parseSelector(s: string): Selector {
  const path: Selector = []
  const re = /\.([A-Za-z0-9_\-@]+)|\[(\d+)\]/y
  let i = 1
  while (i < s.length) {
    re.lastIndex = i
    const m = re.exec(s)
    if (!m) throw new FilterPatternError(`Invalid selector ${s} in JSON filter pattern.`)
    path.push(m[1] !== undefined ? m[1] : Number(m[2]))
    i = re.lastIndex
  }
  if (path.length === 0) throw new FilterPatternError('A JSON filter pattern needs a selector such as $.field.')
  return path
}

function compileJsonPattern(p: string): EventMatcher {
  if (!p.endsWith('}')) throw new FilterPatternError('Unbalanced braces in JSON filter pattern.')
  const toks = tokenizeJson(p.slice(1, -1))
  let pos = 0
  const peek = () => toks[pos]
  const next = () => {
    const t = toks[pos++]
    if (!t) throw new FilterPatternError('Unexpected end of JSON filter pattern.')
    return t
  }
  const parseOr = (): Node => {
    let left = parseAnd()
    while (peek()?.t === '||') {
      pos++
      left = { kind: 'or', left, right: parseAnd() }
    }
    return left
  }
  const parseAnd = (): Node => {
    let left = parseUnary()
    while (peek()?.t === '&&') {
      pos++
      left = { kind: 'and', left, right: parseUnary() }
    }
    return left
  }
  const parseUnary = (): Node => {
    const t = next()
    if (t.t === '(') {
      const inner = parseOr()
      if (next().t !== ')') throw new FilterPatternError('Unbalanced parentheses in JSON filter pattern.')
      return inner
    }
    if (t.t !== 'sel') throw new FilterPatternError(`Expected a selector such as $.field, found "${t.v}".`)
    const sel = parseSelector(t.v)
    const o = next()
    if (o.t === 'word' && o.v.toUpperCase() === 'IS') {
      const w = next().v.toUpperCase()
      if (w !== 'TRUE' && w !== 'FALSE' && w !== 'NULL') throw new FilterPatternError('IS must be followed by TRUE, FALSE or NULL.')
      return { kind: 'is', sel, what: w }
    }
    if (o.t === 'word' && o.v.toUpperCase() === 'EXISTS') return { kind: 'exists', sel, negate: false }
    if (o.t === 'word' && o.v.toUpperCase() === 'NOT') {
      if (next().v.toUpperCase() !== 'EXISTS') throw new FilterPatternError('NOT must be followed by EXISTS.')
      return { kind: 'exists', sel, negate: true }
    }
    if (o.t !== 'op') throw new FilterPatternError(`Expected a comparison operator after ${t.v}.`)
    const v = next()
    const op = o.v as '=' | '!=' | '>' | '>=' | '<' | '<='
    if (v.t === 'num') return { kind: 'cmp', sel, op, value: { type: 'num', n: Number(v.v) } }
    if (v.t === 'str' || v.t === 'word') {
      if (op !== '=' && op !== '!=') throw new FilterPatternError(`Operator ${op} needs a numeric value.`)
      return { kind: 'cmp', sel, op, value: { type: 'str', s: v.v } }
    }
    throw new FilterPatternError(`Expected a value after ${op}.`)
  }
  const tree = parseOr()
  if (pos !== toks.length) throw new FilterPatternError(`Unexpected "${toks[pos]!.v}" in JSON filter pattern.`)
  return (m) => {
    const s = m.trimStart()
    if (!s.startsWith('{') && !s.startsWith('[')) return false
    let doc: JsonValue
    try {
      doc = JSON.parse(s)
    } catch {
      return false
    }
    return evalNode(tree, doc)
  }
}

const MISSING = Symbol('missing')

function select(doc: JsonValue, sel: Selector): JsonValue | typeof MISSING {
  let cur: JsonValue = doc
  for (const k of sel) {
    if (typeof k === 'number') {
      if (!Array.isArray(cur) || k >= cur.length) return MISSING
      cur = cur[k]
    } else {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return MISSING
      cur = (cur as Record<string, unknown>)[k]
    }
  }
  return cur
}

function globMatch(glob: string, s: string): boolean {
  if (!glob.includes('*')) return glob === s
  const re = new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  )
  return re.test(s)
}

function evalNode(n: Node, doc: JsonValue): boolean {
  switch (n.kind) {
    case 'and':
      return evalNode(n.left, doc) && evalNode(n.right, doc)
    case 'or':
      return evalNode(n.left, doc) || evalNode(n.right, doc)
    case 'exists':
      return (select(doc, n.sel) !== MISSING) !== n.negate
    case 'is': {
      const v = select(doc, n.sel)
      return n.what === 'NULL' ? v === null : v === (n.what === 'TRUE')
    }
    case 'cmp': {
      const v = select(doc, n.sel)
      if (v === MISSING) return false
      if (n.value.type === 'num') {
        if (typeof v !== 'number') return false
        const x = n.value.n
        switch (n.op) {
          case '=':
            return v === x
          case '!=':
            return v !== x
          case '>':
            return v > x
          case '>=':
            return v >= x
          case '<':
            return v < x
          case '<=':
            return v <= x
        }
      }
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return false
      const eq = globMatch(n.value.s, String(v))
      return n.op === '=' ? eq : !eq
    }
  }
}

// ------------------------------------------------------------------ seeding

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
function redactedDbUrl(world: World): { url: string; host: string; port: number } {
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

function seedApplication(store: LogStore, world: World, now: number, count: number): void {
  const rand = prng(0xa99f)
  const start = now - DAY
  const health = appHealth(world, now)
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
  const health = appHealth(world, now)
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

const tagOf = (image: string | undefined) => (image ? image.slice(image.lastIndexOf(':') + 1) : '')
const repoOf = (image: string | undefined) => (image ? image.slice(0, image.lastIndexOf(':')) : '')

/** The lines App Runner writes for one operation: to its deployment stream and to the `events` stream. */
export function operationLogLines(
  service: Pick<ServiceState, 'healthCheck' | 'port'>,
  op: OperationState,
): { deployment: Line[]; events: Line[] } {
  const t0 = op.startedAt
  const end = op.endedAt ?? op.finishesAt ?? t0 + 5 * MINUTE
  const hc = service.healthCheck
  const healthPath = `\`${hc.protocol}\` [Path: '${hc.path}'], [Port: '${service.port}']`
  const deployment: Line[] = []
  const events: Line[] = []
  const d = (timestamp: number, message: string) => deployment.push({ timestamp, message: `[AppRunner] ${message}` })
  const e = (timestamp: number, message: string) => events.push({ timestamp, message: `[AppRunner] ${message}` })
  const failed =
    op.failureReason !== undefined || op.status === 'ROLLBACK_SUCCEEDED' || op.status === 'ROLLBACK_FAILED' || op.status === 'FAILED'

  if (op.type === 'PAUSE_SERVICE' || op.type === 'RESUME_SERVICE') {
    const verb = op.type === 'PAUSE_SERVICE' ? 'pause' : 'resume'
    d(t0, `Service ${verb} started. Operation ID : ${op.id}`)
    e(t0, `Service ${verb} started.`)
    if (op.endedAt !== undefined) {
      d(end, `Service ${verb}d successfully.`)
      e(end, `Service status is set to ${op.type === 'PAUSE_SERVICE' ? 'PAUSED' : 'RUNNING'}.`)
    }
    return { deployment, events }
  }
  if (op.type === 'DELETE_SERVICE') {
    e(t0, 'Service deletion started.')
    return { deployment, events }
  }

  const trigger = op.type === 'CREATE_SERVICE' ? 'SERVICE_CREATE' : op.type === 'UPDATE_SERVICE' ? 'SERVICE_UPDATE' : 'MANUAL_DEPLOYMENT'
  if (op.type === 'CREATE_SERVICE') e(t0, 'Service creation started.')
  e(t0 + 1, `Deployment with ID : ${op.id} started. Triggering event : ${trigger}`)
  d(t0, `Deployment with ID : ${op.id} started. Triggering event : ${trigger}`)
  d(t0 + SECOND, `Deployment Artifact: [Repo Type: ECR], [Image URL: ${repoOf(op.targetImage)}], [Image Tag: ${tagOf(op.targetImage)}]`)
  d(t0 + 6 * SECOND, `Pulling image ${op.targetImage ?? ''} from ECR repository.`)
  const pullFailed = failed && /pull/i.test(op.failureReason ?? '')
  if (pullFailed) {
    d(
      t0 + 40 * SECOND,
      'Failed to pull your application image. Be sure you configure your service with a valid access role to your ECR repository.',
    )
  } else {
    d(t0 + 24 * SECOND, 'Successfully pulled your application image from ECR.')
    d(t0 + 38 * SECOND, 'Provisioning instances and deploying image for privately accessible service.')
  }
  if (!failed) {
    if (op.endedAt === undefined) return { deployment, events }
    d(end - 90 * SECOND, `Performing health check on protocol ${healthPath}.`)
    d(end - 30 * SECOND, 'Health check is successful. Routing traffic to application.')
    d(end - 2 * SECOND, 'Successfully routed incoming traffic to application.')
    d(end, `Deployment with ID : ${op.id} completed successfully.`)
    e(end, `Deployment with ID : ${op.id} successful.`)
    if (op.type === 'CREATE_SERVICE') e(end + 1, 'Service status is set to RUNNING.')
    return { deployment, events }
  }
  // Failed: the failure, then the rollback (App Runner keeps serving the previous version).
  const failAt = pullFailed ? t0 + 41 * SECOND : t0 + Math.max(3 * MINUTE, Math.min(10 * MINUTE, (end - t0) / 2))
  if (!pullFailed) {
    d(failAt - 4 * MINUTE, `Performing health check on protocol ${healthPath}.`)
    d(
      failAt,
      op.failureReason ??
        `Health check failed on protocol ${healthPath}. Check your configured port number. For more information, see the application logs.`,
    )
  }
  const reason = pullFailed ? 'Image pull failed.' : 'Health check failed.'
  d(failAt + SECOND, `Deployment with ID : ${op.id} failed. Failure reason : ${reason}`)
  e(failAt + SECOND, `Deployment with ID : ${op.id} failed. Failure reason : ${reason}`)
  d(
    failAt + 2 * SECOND,
    `Rollback to the previous successful deployment started${op.previousImage ? ` (image tag ${tagOf(op.previousImage)})` : ''}.`,
  )
  if (op.endedAt !== undefined) {
    d(end, 'Rollback completed successfully. The service is running the previous version again.')
    e(end, `Rollback for deployment with ID : ${op.id} completed successfully.`)
  }
  return { deployment, events }
}

function seedService(store: LogStore, world: World, now: number): void {
  const service = world.service
  store.createStream(SERVICE_LOG_GROUP, 'events', service.createdAt)
  const events: Line[] = []
  for (const op of [...service.operations].reverse()) {
    const lines = operationLogLines(service, op)
    const visible = lines.deployment.filter((l) => l.timestamp <= now)
    if (visible.length > 0) store.append(SERVICE_LOG_GROUP, `deployment/${op.id}`, visible)
    events.push(...lines.events.filter((l) => l.timestamp <= now))
  }
  store.append(SERVICE_LOG_GROUP, 'events', events)
}

export type LogSeedOptions = {
  /** How many request lines the application group gets over the last 24 h (default 3000). */
  events?: number
}

/** Seeds the App Runner log groups from the finished world (operations, scenario, health) as of `now`. */
export function createLogStore(world: World, now: number, opts: LogSeedOptions = {}): LogStore {
  const store = new LogStore()
  store.createGroup(SERVICE_LOG_GROUP, world.service.createdAt - 2 * SECOND)
  store.createGroup(APPLICATION_LOG_GROUP, world.service.createdAt - SECOND)
  seedService(store, world, now)
  seedApplication(store, world, now, Math.max(0, Math.floor(opts.events ?? DEFAULT_APPLICATION_EVENTS)))
  return store
}
