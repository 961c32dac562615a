/**
 * Pure pieces of `npm run bench`: argument parsing, the figures and their targets, calls-per-window
 * arithmetic, first-load script discovery and the comparison table. No I/O here, so it is unit-tested.
 */

export const PHASES = ['overview', 'load', 'images', 'logs', 'freshness'] as const
export type Phase = (typeof PHASES)[number]

export type BenchArgs = { quick: boolean; out: string | undefined; help: boolean; only: Phase[] | undefined }

/**
 * `--quick` (short run), `--out <file>` (where the results go), `--only <phase,…>` (some phases:
 * the results then go to --out or bench/results.only.json, never to the committed file), `--help`.
 */
export function parseArgs(argv: readonly string[]): BenchArgs | string {
  const args: BenchArgs = { quick: false, out: undefined, help: false, only: undefined }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--quick') args.quick = true
    else if (a === '--help' || a === '-h') args.help = true
    else if (a === '--out' || a === '--only') {
      const v = argv[++i]
      if (!v) return a === '--out' ? '--out needs a file path' : `--only needs phases (${PHASES.join(', ')})`
      const r = a === '--out' ? ((args.out = v), null) : setOnly(args, v)
      if (r) return r
    } else if (a?.startsWith('--out=')) args.out = a.slice('--out='.length)
    else if (a?.startsWith('--only=')) {
      const r = setOnly(args, a.slice('--only='.length))
      if (r) return r
    } else return `unknown argument "${a}" (use --quick, --out <file>, --only <${PHASES.join('|')}>[,…], --help)`
  }
  return args
}

function setOnly(args: BenchArgs, value: string): string | null {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const unknown = names.filter((n) => !(PHASES as readonly string[]).includes(n))
  if (unknown.length || names.length === 0) return `--only takes ${PHASES.join(', ')} (comma-separated); got "${value}"`
  args.only = names as Phase[]
  return null
}

/** How long a run lasts; `--quick` trades precision for time (the sizes of the worlds stay the same). */
export function plan(quick: boolean) {
  return {
    latencyMs: 200,
    /** Hard-refresh renders of a warm process (every read goes to AWS), a few seconds apart. */
    coldSamples: quick ? 3 : 7,
    /** Restarts of the portal, each followed by its first overview. */
    restartSamples: quick ? 1 : 3,
    warmSamples: quick ? 10 : 30,
    /** Wait for every overview read's TTL (the longest is STS, 60 s) before the "expired" render; 0 skips it. */
    expiredWaitMs: quick ? 0 : 61_000,
    pollConnections: 100,
    pollSeconds: quick ? 10 : 30,
    loadConnections: 200,
    loadSeconds: quick ? 10 : 60,
    images: 5000,
    logEvents: 10_000,
  }
}

/**
 * The read cache's refresh window per AWS operation, in ms. Mirrors the `ttl` table in
 * lib/aws/support.ts (and the TTL constants in lib/aws/iam.ts, ec2.ts, sts.ts); lib/aws is
 * server-only, so the values are copied here. Keep them in step when those change.
 */
export const refreshWindowMs: Record<string, number> = {
  'ecr.DescribeImages': 15_000, // ttl.images
  'ecr.DescribeImageScanFindings': 60_000, // ttl.findings (per digest)
  'ecr.DescribeRepositories': 300_000, // ttl.repository
  'ecr.GetLifecyclePolicy': 300_000, // ttl.repository
  'apprunner.ListServices': 600_000, // ttl.serviceArn
  'apprunner.DescribeService': 10_000, // ttl.status
  'apprunner.ListOperations': 10_000, // ttl.status
  'apprunner.DescribeAutoScalingConfiguration': 300_000, // ttl.configuration
  'apprunner.DescribeVpcConnector': 300_000, // ttl.configuration
  'rds.DescribeDBInstances': 10_000, // ttl.status
  'rds.DescribeEvents': 30_000, // ttl.dbEvents
  'monitoring.GetMetricData': 30_000, // ttl.metrics (per range)
  'monitoring.DescribeAlarms': 15_000, // ttl.alarms
  'monitoring.DescribeAlarmHistory': 30_000, // ttl.alarmHistory (per alarm)
  'logs.FilterLogEvents': 10_000, // ttl.logs (per query)
  'sts.GetCallerIdentity': 60_000, // lib/aws/sts.ts
  'cloudtrail.LookupEvents': 30_000, // ttl.trail (per event name)
}

/** Used for an operation missing from the table: the shortest idle TTL, so the figure errs high. */
export const defaultWindowMs = 10_000

export type WindowRow = { operation: string; calls: number; windowMs: number; perWindow: number; knownWindow: boolean }

/**
 * Calls per `operation` or, where the emulator names what a call reads (its `subject`: the event name a
 * CloudTrail lookup filters by, the queries of a GetMetricData), per `operation [subject]`.
 */
export function countCalls(calls: readonly { call: string; subject?: string }[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of calls) {
    const key = c.subject === undefined ? c.call : `${c.call} [${c.subject}]`
    out[key] = (out[key] ?? 0) + 1
  }
  return out
}

/**
 * AWS calls per resource per refresh window: for each operation (or operation and subject, see
 * `countCalls`), calls ÷ the refresh windows the run overlaps. A run of D ms overlaps up to ⌊D ÷ W⌋ + 1 windows of W ms (a refresh may fall on
 * either edge), so a cache that makes one call per window scores ≤ 1 whatever the run's alignment,
 * and one that misses coalescing scores far above. Sorted worst first.
 */
export function callsPerWindow(
  calls: Record<string, number>,
  durationMs: number,
  windows: Record<string, number> = refreshWindowMs,
): WindowRow[] {
  return Object.entries(calls)
    .filter(([op, n]) => n > 0 && !op.endsWith('.'))
    .map(([operation, n]) => {
      const known = windows[operation.split(' [')[0] ?? operation]
      const windowMs = known ?? defaultWindowMs
      const perWindow = n / (Math.floor(durationMs / windowMs) + 1)
      return { operation, calls: n, windowMs, perWindow: round(perWindow, 2), knownWindow: known !== undefined }
    })
    .sort((a, b) => b.perWindow - a.perWindow || a.operation.localeCompare(b.operation))
}

/**
 * Every `<script src>` of a page served from /_next/static (deduplicated, in document order), except
 * `nomodule` ones: browsers that run modules (every browser Next supports) never download those
 * (Next's legacy polyfills, ~40 kB gz).
 */
export function nextScripts(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/<script\b([^>]*?)\ssrc=["']([^"']+)["']([^>]*)>/gi)) {
    if (/\snomodule\b/i.test(` ${m[1] ?? ''} ${m[3] ?? ''}`)) continue
    const src = (m[2] ?? '').replaceAll('&amp;', '&')
    let pathname: string
    try {
      pathname = new URL(src, 'http://portal.local').pathname
    } catch {
      continue
    }
    if (pathname.startsWith('/_next/static/') && !out.includes(src)) out.push(src)
  }
  return out
}

export type TimelineCall = { call: string; startMs: number; endMs: number | null; subject?: string }

/**
 * Sequential AWS round trips in a set of calls (the emulator's timeline of one render): a call that
 * started only after another had ended waited for it (or for what it answered), so it sits one round
 * later. Calls all sent at once score 1; a chain ListServices → DescribeService → … scores its length.
 */
export function awsRounds(calls: readonly TimelineCall[]): number {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs)
  const round = new Map<TimelineCall, number>()
  for (const c of sorted) {
    let r = 1
    for (const p of sorted) if (p !== c && p.endMs !== null && p.endMs <= c.startMs) r = Math.max(r, (round.get(p) ?? 1) + 1)
    round.set(c, r)
  }
  return Math.max(0, ...round.values())
}

/**
 * The framework's own scripts from `.next/build-manifest.json`: `rootMainFiles` are what every App
 * Router page loads before any of its code (React DOM, Next's router, the bundler runtime); polyfills
 * are left out for the same reason as in `nextScripts`. Paths relative to `.next/`.
 */
export function frameworkFiles(manifest: unknown): string[] {
  if (typeof manifest !== 'object' || manifest === null || !('rootMainFiles' in manifest) || !Array.isArray(manifest.rootMainFiles))
    return []
  return manifest.rootMainFiles.filter((f): f is string => typeof f === 'string' && f.endsWith('.js'))
}

/** The p-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]!
}

export const round = (n: number, digits = 1) => {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

// ------------------------------------------------------------------ figures and the table

export type Target = { max: number } | null

/** The headline figures, in table order: unit, target (lower is better for all of them), what it is. */
export const figureSpecs = {
  overviewColdRatio: { unit: '× L', target: { max: 1.3 }, label: 'Overview cold render (every read goes to AWS) ÷ AWS latency L (200 ms)' },
  overviewColdMs: { unit: 'ms', target: null, label: 'Overview cold render, to the last byte (median)' },
  overviewColdAwsRounds: { unit: '', target: { max: 1 }, label: 'Sequential AWS round trips in a cold overview render' },
  overviewRestartRatio: { unit: '× L', target: null, label: 'First overview after a portal restart ÷ L (code paths compile on first use)' },
  overviewExpiredRatio: { unit: '× L', target: null, label: 'Overview after a minute idle (every data TTL passed) ÷ L' },
  overviewWarmMs: { unit: 'ms', target: { max: 50 }, label: 'Overview warm render (median)' },
  stateToUiMs: { unit: 'ms', target: { max: 3000 }, label: 'AWS state change → the page shows it, during an operation (median)' },
  awsCallsPerResourceWindow: { unit: 'calls', target: { max: 1 }, label: 'AWS calls per resource per refresh window (100 viewers)' },
  pollP50Ms: { unit: 'ms', target: null, label: '100 viewers polling: p50 latency' },
  pollP99Ms: { unit: 'ms', target: null, label: '100 viewers polling: p99 latency' },
  pollErrors: { unit: '', target: { max: 0 }, label: '100 viewers polling: errors + non-2xx' },
  firstLoadJsKb: { unit: 'kB gz', target: { max: 150 }, label: 'First-load JS for / (gzipped)' },
  firstLoadFrameworkKb: { unit: 'kB gz', target: null, label: 'of which Next.js + React runtime (every page loads it; no portal code)' },
  firstLoadPortalKb: { unit: 'kB gz', target: null, label: 'of which the portal and its libraries (TanStack Query, components)' },
  images5000Ms: { unit: 'ms', target: null, label: '/images with 5,000 images (cold)' },
  images5000WarmMs: { unit: 'ms', target: null, label: '/images with 5,000 images (warm median)' },
  images5000PeakRssMb: { unit: 'MB', target: null, label: 'Portal peak RSS, 5,000 images' },
  logs10000Ms: { unit: 'ms', target: null, label: '/logs over 10,000 events (cold)' },
  logs10000WarmMs: { unit: 'ms', target: null, label: '/logs over 10,000 events (warm median)' },
  logs10000PeakRssMb: { unit: 'MB', target: null, label: 'Portal peak RSS, 10,000 log events' },
  loadP50Ms: { unit: 'ms', target: null, label: '200 users on warm pages: p50 latency' },
  loadP99Ms: { unit: 'ms', target: null, label: '200 users on warm pages: p99 latency' },
  loadRps: { unit: 'req/s', target: null, label: '200 users on warm pages: throughput' },
  loadErrors: { unit: '', target: { max: 0 }, label: '200 users on warm pages: errors + non-2xx' },
  unhandledRejections: { unit: '', target: { max: 0 }, label: 'Unhandled rejections in the portal log' },
} as const satisfies Record<string, { unit: string; target: Target; label: string }>

export type FigureName = keyof typeof figureSpecs
export type Figures = Partial<Record<FigureName, number | null>>

export type Machine = {
  cpus: number
  cpuModel: string
  memoryGb: number
  node: string
  platform: string
  /** 1-minute load average when the run started and ended: above the CPU count, something else competed for the CPUs. */
  loadAverage: { start: number; end: number }
}

export type BenchResults = {
  date: string
  quick: boolean
  machine: Machine
  figures: Figures
  details: Record<string, unknown>
}

/** Reads the figures of an earlier results file; anything unreadable is ignored (no comparison). */
export function previousFigures(json: unknown): { figures: Figures; date: string | null; quick: boolean } | null {
  if (typeof json !== 'object' || json === null || !('figures' in json)) return null
  const raw = json.figures
  if (typeof raw !== 'object' || raw === null) return null
  const values = new Map<string, unknown>(Object.entries(raw))
  const figures: Figures = {}
  for (const name of Object.keys(figureSpecs) as FigureName[]) {
    const v = values.get(name)
    if (typeof v === 'number' && Number.isFinite(v)) figures[name] = v
  }
  const date = 'date' in json && typeof json.date === 'string' ? json.date : null
  const quick = 'quick' in json && json.quick === true
  return { figures, date, quick }
}

export const meetsTarget = (value: number | null | undefined, target: Target): boolean | null =>
  target === null || value === null || value === undefined ? null : value <= target.max

const fmt = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : String(round(v, v >= 100 ? 0 : 2)))

/** Rows of the results table: figure, value, target, last committed value, change, verdict. */
export function tableRows(current: Figures, previous: Figures | null): string[][] {
  return (Object.keys(figureSpecs) as FigureName[]).map((name) => {
    const spec = figureSpecs[name]
    const v = current[name]
    const p = previous?.[name]
    const target = spec.target ? `≤ ${spec.target.max}` : ''
    let change = ''
    if (typeof v === 'number' && typeof p === 'number' && p !== 0)
      change = `${v >= p ? '+' : ''}${round(((v - p) / Math.abs(p)) * 100, 0)}%`
    else if (typeof v === 'number' && p === 0) change = v === 0 ? '0%' : `+${fmt(v)}`
    const ok = meetsTarget(v, spec.target)
    const verdict = ok === null ? '' : ok ? 'ok' : 'MISSED'
    return [name, `${fmt(v)}${spec.unit ? ` ${spec.unit}` : ''}`, target, fmt(p), change, verdict]
  })
}

export const tableHeader = ['figure', 'value', 'target', 'last committed', 'change', '']

/** A fixed-width text table for the terminal. */
export function textTable(rows: string[][], header: string[] = tableHeader): string {
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** The same table in Markdown (for the README's Performance section). */
export function markdownTable(rows: string[][], header: string[] = tableHeader): string {
  const esc = (c: string) => c.replaceAll('|', '\\|')
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n')
}
