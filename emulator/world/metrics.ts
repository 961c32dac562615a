/**
 * The metric generator of the AppFactory world for AWS/AppRunner and AWS/RDS.
 *
 * A pure function of (metric, stat, period, window, environment): every metric has one synthetic sample
 * per minute (daily sine + weekend dip + hash noise), and a datapoint aggregates the complete minutes
 * inside its period bucket, so Sum scales with the period and the same bucket gives the same value
 * whatever window asked for it. The environment (`MetricEnv`) carries the few facts of the world that
 * show in the data: when the DB was stopped (no RDS datapoints), when the app became unhealthy (5xx
 * rise, no active instances), when the service was paused, and the recent 5xx spike.
 */
import { DB_INSTANCE, SERVICE_ID, SERVICE_NAME } from './constants'
import { isSchedulerMetric, schedulerLastDatapoint, schedulerMetricValues, schedulerSeries } from './scheduler-metrics'
import type { ScheduleRunState, WorldState } from './shapes'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const GIB = 1024 ** 3
const MIB = 1024 ** 2

export type Dimension = { name: string; value: string }

/** The facts of the world the metrics reflect. Times in epoch ms. */
export type MetricEnv = {
  now: number
  /** No App Runner data before this (Infinity while there is no service). */
  appSince: number
  /** No RDS data before this (Infinity while the instance is still being created). */
  dbSince: number
  serviceName: string
  serviceId: string
  dbIdentifier: string
  allocatedStorageGiB: number
  /** No RDS datapoints from `from` (the instance is stopped). */
  dbDown?: { from: number }
  /** The app fails its health checks from `from`. */
  unhealthy?: { from: number }
  /** The service is paused from `from`: no App Runner datapoints. */
  paused?: { from: number }
  /** The recent 5xx spike (one 5-minute bucket summing to 12). */
  spike?: { from: number; to: number }
  /** EventBridge Scheduler's invocations (the AWS/Scheduler metrics count them). */
  schedulerRuns?: ScheduleRunState[]
}

export const FIVE_XX_SPIKE_TOTAL = 12
const SPIKE_SHAPE = [1, 3, 4, 2, 2] as const
const SPIKE_BUCKET = 5 * MINUTE
/** How long after the spike's bucket closed the 5xx alarm fired. */
export const SPIKE_ALARM_LAG = 45_000

/** The 5-minute bucket of the recent 5xx spike: the last complete bucket that ended ≥ 45 s before `createdAt`. */
export function spikeWindow(createdAt: number): { from: number; to: number } {
  const to = Math.floor((createdAt - SPIKE_ALARM_LAG) / SPIKE_BUCKET) * SPIKE_BUCKET
  return { from: to - SPIKE_BUCKET, to }
}

/** Derives the metric environment from the world (pass `appHealth(world, now)` as `health`). */
export function metricEnv(
  world: Pick<WorldState, 'db' | 'service' | 'createdAt'> & Partial<Pick<WorldState, 'scheduler'>>,
  now: number,
  health: { ok: boolean },
): MetricEnv {
  const { db, service } = world
  const dbSince = db.status === 'creating' ? Infinity : (db.availableAt ?? db.createdAt)
  let dbDown: MetricEnv['dbDown']
  if (db.status !== 'available') {
    // Down since it stopped, else since the stop was requested (the shutdown event), else from now on.
    const shutdown = db.events.filter((e) => /shutdown|stopping|stopped/i.test(e.message) && e.date <= now).map((e) => e.date)
    dbDown = { from: db.stoppedAt ?? (shutdown.length > 0 ? Math.max(...shutdown) : now) }
  }
  let unhealthy: MetricEnv['unhealthy']
  if (!service) {
    // No app has ever connected to the database.
    unhealthy = { from: 0 }
  } else if (!health.ok) {
    // The break is as old as the stop, else the last operation that finished, else shortly before now.
    const lastEnd = service.operations.find((o) => o.endedAt !== undefined)?.endedAt ?? 0
    const from = dbDown ? dbDown.from : Math.max(now - 45 * MINUTE, Math.min(lastEnd, now))
    unhealthy = { from }
  }
  let paused: MetricEnv['paused']
  if (service?.status === 'PAUSED') {
    const op = service.operations.find((o) => o.type === 'PAUSE_SERVICE' && o.endedAt !== undefined)
    paused = { from: op?.endedAt ?? service.updatedAt }
  }
  return {
    now,
    appSince: service?.createdAt ?? Infinity,
    dbSince,
    serviceName: service?.name ?? '',
    serviceId: service?.id ?? '',
    dbIdentifier: db.identifier,
    allocatedStorageGiB: db.allocatedStorage,
    dbDown,
    unhealthy,
    paused,
    spike: spikeWindow(world.createdAt),
    schedulerRuns: world.scheduler?.runs.filter((r) => r.at <= now),
  }
}

/** A healthy environment as of `createdAt` (used for the alarms' seeded reasons and in tests). */
export function healthyMetricEnv(createdAt: number, now: number = createdAt): MetricEnv {
  return {
    now,
    appSince: createdAt - 60 * DAY,
    dbSince: createdAt - 120 * DAY,
    serviceName: SERVICE_NAME,
    serviceId: SERVICE_ID,
    dbIdentifier: DB_INSTANCE,
    allocatedStorageGiB: 20,
    spike: spikeWindow(createdAt),
  }
}

// ------------------------------------------------------------------ deterministic noise

function hashString(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return h >>> 0
}

/** Uniform in [0, 1) from a seed and an integer. */
function hash01(seed: number, n: number): number {
  let h = (seed ^ Math.imul(n | 0, 0x9e3779b1) ^ Math.imul(Math.floor(n / 4294967296), 0x85ebca6b)) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}

const noise = (seed: number, minute: number) => hash01(seed, minute) * 2 - 1

/** −1 … 1 over the day, peaking at 13:00 UTC. */
function daily(t: number): number {
  const hours = (t % DAY) / HOUR
  return Math.sin((2 * Math.PI * (hours - 7)) / 24)
}

/** Traffic is lower on Saturday and Sunday. */
function weekFactor(t: number): number {
  // 1970-01-01 was a Thursday (weekday 4).
  const weekday = (Math.floor(t / DAY) + 4) % 7
  return weekday === 0 || weekday === 6 ? 0.6 : 1
}

export const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits

// ------------------------------------------------------------------ the metric catalogue

type Sampler = (t: number, minute: number, env: MetricEnv) => number
type MetricDef = { kind: 'apprunner' | 'rds'; unit: string; sample: Sampler }

const seeds: Record<string, number> = {}
const seedOf = (name: string) => (seeds[name] ??= hashString(name))

const inWindow = (t: number, w: { from: number; to?: number } | undefined) =>
  w !== undefined && t >= w.from && (w.to === undefined || t < w.to)

function requests(t: number, minute: number): number {
  const v = weekFactor(t) * (55 + 40 * daily(t)) + 8 * noise(seedOf('Requests'), minute)
  return Math.max(3, Math.round(v))
}

function fiveXx(t: number, minute: number, env: MetricEnv): number {
  if (inWindow(t, env.unhealthy)) return Math.round(requests(t, minute) * 0.92)
  if (env.spike && t >= env.spike.from && t < env.spike.to) {
    return SPIKE_SHAPE[Math.floor((t - env.spike.from) / MINUTE)] ?? 0
  }
  return hash01(seedOf('5xx'), minute) < 0.03 ? 1 : 0
}

function fourXx(t: number, minute: number, env: MetricEnv): number {
  const req = requests(t, minute)
  const v = Math.round(req * 0.03 + 1.5 * noise(seedOf('4xx'), minute))
  return Math.max(0, Math.min(v, req - fiveXx(t, minute, env)))
}

function latency(t: number, minute: number, env: MetricEnv): number {
  if (inWindow(t, env.unhealthy)) return 240 + 40 * noise(seedOf('RequestLatency'), minute)
  return 38 + 14 * daily(t) + 6 * noise(seedOf('RequestLatency'), minute)
}

/** Daily backup window 02:00–02:10 UTC: RDS CPU and read IOPS rise. */
const inBackup = (t: number) => t % DAY >= 2 * HOUR && t % DAY < 2 * HOUR + 10 * MINUTE

const METRICS: Record<string, MetricDef> = {
  'AWS/AppRunner|Requests': { kind: 'apprunner', unit: 'Count', sample: (t, m) => requests(t, m) },
  'AWS/AppRunner|5xxStatusResponses': { kind: 'apprunner', unit: 'Count', sample: fiveXx },
  'AWS/AppRunner|4xxStatusResponses': { kind: 'apprunner', unit: 'Count', sample: fourXx },
  'AWS/AppRunner|2xxStatusResponses': {
    kind: 'apprunner',
    unit: 'Count',
    sample: (t, m, env) => Math.max(0, requests(t, m) - fiveXx(t, m, env) - fourXx(t, m, env)),
  },
  'AWS/AppRunner|RequestLatency': { kind: 'apprunner', unit: 'Milliseconds', sample: latency },
  'AWS/AppRunner|CPUUtilization': {
    kind: 'apprunner',
    unit: 'Percent',
    sample: (t, m, env) =>
      inWindow(t, env.unhealthy)
        ? 2.5 + 0.8 * noise(seedOf('cpu'), m)
        : 6 + 9 * ((daily(t) + 1) / 2) * weekFactor(t) + 2 * noise(seedOf('cpu'), m),
  },
  'AWS/AppRunner|MemoryUtilization': { kind: 'apprunner', unit: 'Percent', sample: (t, m) => 34 + 3 * daily(t) + noise(seedOf('mem'), m) },
  'AWS/AppRunner|ActiveInstances': {
    kind: 'apprunner',
    unit: 'Count',
    sample: (t, m, env) => (inWindow(t, env.unhealthy) ? 0 : requests(t, m) > 80 ? 2 : 1),
  },
  'AWS/AppRunner|Concurrency': {
    kind: 'apprunner',
    unit: 'Count',
    sample: (t, m, env) =>
      Math.max(0, Math.round(1 + requests(t, m) / 25 + noise(seedOf('conc'), m) + (inWindow(t, env.unhealthy) ? 3 : 0))),
  },
  'AWS/RDS|CPUUtilization': {
    kind: 'rds',
    unit: 'Percent',
    sample: (t, m) => 3.5 + 2.5 * ((daily(t) + 1) / 2) + 1.2 * noise(seedOf('rdscpu'), m) + (inBackup(t) ? 14 : 0),
  },
  'AWS/RDS|DatabaseConnections': {
    kind: 'rds',
    unit: 'Count',
    // Only the RDS-internal session remains when the app cannot reach the database.
    sample: (t, m, env) =>
      inWindow(t, env.unhealthy) ? 1 : Math.max(1, Math.round(5 + 5 * ((daily(t) + 1) / 2) + noise(seedOf('conns'), m))),
  },
  'AWS/RDS|FreeStorageSpace': {
    kind: 'rds',
    unit: 'Bytes',
    sample: (t, m, env) => {
      const days = Math.max(0, (t - env.dbSince) / DAY)
      const used = 2.1 * GIB + 12 * MIB * days + 2 * MIB * daily(t) + 256 * 1024 * noise(seedOf('storage'), m)
      return Math.round(env.allocatedStorageGiB * GIB - used)
    },
  },
  'AWS/RDS|FreeableMemory': {
    kind: 'rds',
    unit: 'Bytes',
    sample: (t, m) => Math.round(420 * MIB - 30 * MIB * daily(t) + 12 * MIB * noise(seedOf('freemem'), m)),
  },
  'AWS/RDS|ReadIOPS': {
    kind: 'rds',
    unit: 'Count/Second',
    sample: (t, m) => Math.max(0, 0.4 + 0.3 * (daily(t) + 1) + 0.2 * noise(seedOf('riops'), m) + (inBackup(t) ? 35 : 0)),
  },
  'AWS/RDS|WriteIOPS': {
    kind: 'rds',
    unit: 'Count/Second',
    sample: (t, m) => Math.max(0, 1.8 + 1.2 * (daily(t) + 1) + 0.4 * noise(seedOf('wiops'), m)),
  },
  'AWS/RDS|ReadLatency': { kind: 'rds', unit: 'Seconds', sample: (t, m) => 0.0006 + 0.0002 * noise(seedOf('rlat'), m) },
  'AWS/RDS|WriteLatency': { kind: 'rds', unit: 'Seconds', sample: (t, m) => 0.0011 + 0.0003 * noise(seedOf('wlat'), m) },
}

export type MetricSeries = { namespace: string; metricName: string; dimensions: Dimension[] }

const dimensionsOf = (kind: MetricDef['kind'], env: MetricEnv): Dimension[] =>
  kind === 'apprunner'
    ? [
        { name: 'ServiceName', value: env.serviceName },
        { name: 'ServiceID', value: env.serviceId },
      ]
    : [{ name: 'DBInstanceIdentifier', value: env.dbIdentifier }]

const sinceOf = (kind: MetricDef['kind'], env: MetricEnv) => (kind === 'apprunner' ? env.appSince : env.dbSince)

/** Every series the account has published (what ListMetrics lists), each with its exact dimension set. */
export function metricSeries(env: MetricEnv): MetricSeries[] {
  const generated = Object.entries(METRICS)
    .filter(([, def]) => sinceOf(def.kind, env) <= env.now)
    .map(([key, def]) => {
      const [namespace = '', metricName = ''] = key.split('|')
      return { namespace, metricName, dimensions: dimensionsOf(def.kind, env) }
    })
  return [...generated, ...schedulerSeries(env.schedulerRuns ?? [], env.now)]
}

/** The time of the newest datapoint a series has at `env.now` (epoch ms), or undefined when it has none for 3 h. */
export function lastDatapointAt(env: MetricEnv, s: MetricSeries): number | undefined {
  if (isSchedulerMetric(s.namespace, s.metricName)) {
    const last = schedulerLastDatapoint(env.schedulerRuns ?? [], s.metricName, s.dimensions)
    return last !== undefined && last > env.now - 3 * HOUR ? last : undefined
  }
  const def = METRICS[`${s.namespace}|${s.metricName}`]
  if (!def) return undefined
  const down = def.kind === 'apprunner' ? env.paused : env.dbDown
  const last = Math.floor(env.now / MINUTE) * MINUTE - MINUTE
  if (last < sinceOf(def.kind, env)) return undefined
  if (down && last >= down.from) return down.from > env.now - 3 * HOUR ? down.from - MINUTE : undefined
  return last
}

/** Unit a metric is published with, or undefined for an unknown metric. */
export function metricUnit(namespace: string, metricName: string): string | undefined {
  if (isSchedulerMetric(namespace, metricName)) return 'Count'
  return METRICS[`${namespace}|${metricName}`]?.unit
}

/** CloudWatch matches a series only on its exact dimension set. */
function dimensionsMatch(def: MetricDef, dims: Dimension[], env: MetricEnv): boolean {
  const want = Object.fromEntries(dimensionsOf(def.kind, env).map((d) => [d.name, d.value]))
  const names = Object.keys(want)
  if (dims.length !== names.length) return false
  return dims.every((d) => want[d.name] === d.value) && new Set(dims.map((d) => d.name)).size === names.length
}

export type MetricQuery = { namespace: string; metricName: string; dimensions: Dimension[]; stat: string; period: number }

const STAT_RE = /^(Average|Sum|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d+)?|p100)$/

/** Whether CloudWatch would accept this statistic (the ones the generator computes). */
export function isKnownStat(stat: string): boolean {
  return STAT_RE.test(stat)
}

function aggregate(samples: number[], stat: string, scale: number): number {
  switch (stat) {
    case 'Sum':
      return samples.reduce((a, b) => a + b, 0) * scale
    case 'Average':
      return samples.reduce((a, b) => a + b, 0) / samples.length
    case 'Minimum':
      return Math.min(...samples)
    case 'Maximum':
      return Math.max(...samples)
    case 'SampleCount':
      return samples.length * scale
    default: {
      const p = Number(stat.slice(1))
      const sorted = [...samples].sort((a, b) => a - b)
      const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
      return sorted[idx]!
    }
  }
}

/** At most this many minute samples per bucket; longer periods are sampled evenly (Sum is scaled back up). */
const MAX_SAMPLES_PER_BUCKET = 60

/**
 * The datapoints of one metric in [startSec, endSec) (epoch seconds), oldest first. Buckets are aligned to
 * multiples of the period; a bucket has a value when at least one complete minute of it has data.
 * Unknown metrics, wrong dimension sets, and periods under 60 s (no high-resolution data) give no points.
 */
export function metricValues(env: MetricEnv, q: MetricQuery, startSec: number, endSec: number): { timestamps: number[]; values: number[] } {
  const out = { timestamps: [] as number[], values: [] as number[] }
  if (isSchedulerMetric(q.namespace, q.metricName))
    return isKnownStat(q.stat) ? schedulerMetricValues(env.schedulerRuns ?? [], q, startSec, endSec) : out
  const def = METRICS[`${q.namespace}|${q.metricName}`]
  if (!def || !dimensionsMatch(def, q.dimensions, env) || !isKnownStat(q.stat) || !(q.period >= 60)) return out
  const period = Math.floor(q.period)
  const since = sinceOf(def.kind, env)
  const down = def.kind === 'apprunner' ? env.paused : env.dbDown
  const first = Math.ceil((Math.floor(startSec / 60) * 60) / period) * period
  const minutesPerBucket = Math.max(1, Math.floor(period / 60))
  const step = Math.max(1, Math.ceil(minutesPerBucket / MAX_SAMPLES_PER_BUCKET))
  for (let b = first; b < endSec; b += period) {
    const samples: number[] = []
    for (let i = 0; i < minutesPerBucket; i += step) {
      const t = (b + i * 60) * 1000
      if (t < since || t + MINUTE > env.now || inWindow(t, down)) continue
      samples.push(def.sample(t, t / MINUTE, env))
    }
    if (samples.length === 0) continue
    out.timestamps.push(b)
    out.values.push(round(aggregate(samples, q.stat, step)))
  }
  return out
}
