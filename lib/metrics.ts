import 'server-only'

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

import { logger } from '@/lib/logger'
import { processState } from '@/lib/process-state'
import { store } from '@/lib/store/db'
import { countActiveSessions } from '@/lib/store/sessions'

/**
 * The portal's own metrics in the Prometheus text format (`GET /api/prometheus`): AWS calls by
 * service, operation and outcome with latency, the read cache, the admission queue, mutations,
 * sessions, plus Node's process metrics. One registry per process (replicas are told apart by the
 * scraper's `instance` label); counters start at zero when a process starts, as Prometheus expects.
 */

/** What the admission queue (scripts/admission.mjs) reports; published by scripts/portal-server.mjs. */
type AdmissionStats = { active: number; queued: number; limit: number }
type AdmissionSource = { stats: () => AdmissionStats }
/** Called by scripts/portal-server.mjs for each request that waited, and each one turned away. */
export type AdmissionObserver = { waited: (ms: number) => void; rejected: (reason: string) => void }

/** How long a session may go unused before it no longer counts as active. */
const SESSION_IDLE_MS = 30 * 60_000

function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const registers = [registry]
  const admission = () => processState<AdmissionSource | null>('admission', () => null)
  const m = {
    registry,
    awsCalls: new Counter({
      name: 'portal_aws_calls_total',
      help: 'AWS API calls by service, operation and outcome (ok, throttled, denied, timeout, unreachable, client_error, server_error, error)',
      labelNames: ['service', 'operation', 'outcome'] as const,
      registers,
    }),
    awsSeconds: new Histogram({
      name: 'portal_aws_call_duration_seconds',
      help: 'AWS API call latency, all SDK attempts included',
      labelNames: ['service', 'operation', 'outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    cacheReads: new Counter({
      name: 'portal_cache_reads_total',
      help: 'Reads through the AWS read cache by resource and result (hit, miss, coalesced: joined a read in flight)',
      labelNames: ['resource', 'result'] as const,
      registers,
    }),
    cacheStale: new Counter({
      name: 'portal_cache_stale_served_total',
      help: 'Older values served, marked stale, because a refresh from AWS failed',
      labelNames: ['resource'] as const,
      registers,
    }),
    mutations: new Counter({
      name: 'portal_mutations_total',
      help: 'Mutations (audited actions) by action and result',
      labelNames: ['action', 'result'] as const,
      registers,
    }),
    admissionWaits: new Histogram({
      name: 'portal_admission_wait_seconds',
      help: 'How long requests waited in the admission queue before being worked on',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25],
      registers,
    }),
    admissionRejected: new Counter({
      name: 'portal_admission_rejected_total',
      help: 'Requests answered 429 by the admission queue (full, waited too long, shutting down)',
      labelNames: ['reason'] as const,
      registers,
    }),
    signIns: new Counter({
      name: 'portal_sign_ins_total',
      help: 'Completed interactive sign-ins by provider',
      labelNames: ['provider'] as const,
      registers,
    }),
  }
  new Gauge({
    name: 'portal_admission_queue_depth',
    help: 'Requests waiting for a slot now',
    registers,
    collect() {
      this.set(admission()?.stats().queued ?? 0)
    },
  })
  new Gauge({
    name: 'portal_admission_in_progress',
    help: 'Requests holding a slot now',
    registers,
    collect() {
      this.set(admission()?.stats().active ?? 0)
    },
  })
  new Gauge({
    name: 'portal_sessions_active',
    help: `Session records that hold now (not revoked, not expired, used in the last ${SESSION_IDLE_MS / 60_000} min), across every replica`,
    registers,
    async collect() {
      try {
        const now = Date.now()
        this.set(await countActiveSessions(await store(), new Date(now).toISOString(), new Date(now - SESSION_IDLE_MS).toISOString()))
      } catch (e: unknown) {
        // A scrape while the store is away reports the process metrics still; the gauge keeps its last value.
        logger().warn({ err: e }, 'metrics: sessions could not be counted')
      }
    },
  })
  // The production server asks for this observer by name for every wait and refusal.
  processState<AdmissionObserver>('admission-observer', () => ({
    waited: (ms) => m.admissionWaits.observe(ms / 1000),
    rejected: (reason) => m.admissionRejected.inc({ reason }),
  }))
  return m
}

/** The process-wide metrics (created on first use; instrumentation creates them at start-up). */
export const metrics = () => processState('metrics', createMetrics)

/** Classifies an AWS call's failure for the `outcome` label (a small, fixed set). */
export function awsOutcome(error: { name?: string; code?: string; status?: number } | null): string {
  if (!error) return 'ok'
  const name = `${error.name ?? ''} ${error.code ?? ''}`
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/.test(name)) return 'throttled'
  if (/AccessDenied|Unauthorized|NotAuthorized|Forbidden|InvalidClientTokenId|ExpiredToken/.test(name)) return 'denied'
  if (/Timeout|ETIMEDOUT|Abort/.test(name)) return 'timeout'
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|EPIPE/.test(name)) return 'unreachable'
  if (error.status && error.status >= 500) return 'server_error'
  if (error.status && error.status >= 400) return 'client_error'
  return 'error'
}

/** Counts one AWS call and its latency. */
export function countAwsCall(service: string, operation: string, outcome: string, ms: number): void {
  const m = metrics()
  m.awsCalls.inc({ service, operation, outcome })
  m.awsSeconds.observe({ service, operation, outcome }, ms / 1000)
}

/** The cache key's resource kind for labels: `iam:role:AppFactoryRole` → `iam:role` (ids would make the label unbounded). */
export const cacheResource = (key: string): string => key.split(':').slice(0, 2).join(':')

/** Counts one read through the cache. */
export const countCacheRead = (key: string, result: 'hit' | 'miss' | 'coalesced'): void =>
  void metrics().cacheReads.inc({ resource: cacheResource(key), result })

/** Counts one stale value served. */
export const countCacheStale = (key: string): void => void metrics().cacheStale.inc({ resource: cacheResource(key) })

/** Counts one finished mutation. */
export const countMutation = (action: string, result: 'ok' | 'error'): void => void metrics().mutations.inc({ action, result })

/** Counts one completed sign-in. */
export const countSignIn = (provider: string): void => void metrics().signIns.inc({ provider })

/** The metrics in the Prometheus text exposition format. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics()
  return { contentType: registry.contentType, body: await registry.metrics() }
}
