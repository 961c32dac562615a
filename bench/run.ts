/**
 * `npm run bench` — speed and resilience figures of the production portal against the AWS emulator.
 * `-- --quick` for a short run (written to bench/results.quick.json so it never replaces a full run),
 * `-- --out <file>` to write elsewhere. Full runs write bench/results.json and bench/README-performance.md.
 *
 * Each phase starts its own emulator (a child process, EMULATOR_* env) and production portal
 * (scripts/portal-build.mjs → startPortal) on bench-only ports, because the world's size or the
 * emulator's latency differs per phase. Load comes from autocannon; the AWS call counts from the
 * emulator's /_emulator/calls.
 */
import { type ChildProcess, spawn, spawnSync, type StdioOptions } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'

import autocannon from 'autocannon'
import * as prettier from 'prettier'

import {
  awsRounds,
  type BenchResults,
  callsPerWindow,
  countCalls,
  type FigureName,
  type Figures,
  figureSpecs,
  frameworkFiles,
  markdownTable,
  nextScripts,
  parseArgs,
  percentile,
  type Phase,
  PHASES,
  plan,
  previousFigures,
  round,
  tableRows,
  textTable,
  type TimelineCall,
  type WindowRow,
} from './lib'
import { measureFreshness } from './freshness'

// ------------------------------------------------------------------ setup

/** The repository root: this file lives in <root>/bench/. */
const root = path.resolve(path.dirname(process.argv[1] ?? path.join(process.cwd(), 'bench', 'run.ts')), '..')
const EMULATOR_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4588)
const PORTAL_PORT = Number(process.env.BENCH_PORTAL_PORT ?? 3188)
const emulatorURL = `http://127.0.0.1:${EMULATOR_PORT}`
const portalURL = `http://127.0.0.1:${PORTAL_PORT}`
const token = randomBytes(24).toString('hex')
const auth = { authorization: `Bearer ${token}` }
const operatorToken = randomBytes(24).toString('hex')

/** Dashboard pages (the load test cycles through these) and the JSON routes the overview polls. */
const PAGES = ['/', '/images', '/deployments', '/database', '/metrics', '/logs']
const FIRST_LOAD_ROUTES = [...PAGES, '/troubleshoot', '/audit']
const OVERVIEW_POLL = [
  '/',
  '/api/overview',
  '/api/service',
  '/api/operations',
  '/api/database',
  '/api/metrics?range=1h',
  '/api/alarms',
  '/api/images',
]

type PortalBuild = {
  buildIfNeeded(opts?: { force?: boolean }): void
  startPortal(env: Record<string, string>, opts?: { stdio?: StdioOptions }): ChildProcess
}

const children = new Set<ChildProcess>()
const workDir = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'))
const logFiles: string[] = []

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const log = (msg: string) => console.log(`[bench] ${msg}`)

async function loadPortalBuild(): Promise<PortalBuild> {
  // A computed specifier: scripts/ is plain JavaScript without type declarations (allowJs is off).
  const mod: unknown = await import(pathToFileURL(path.join(root, 'scripts', 'portal-build.mjs')).href)
  if (typeof mod !== 'object' || mod === null || !('buildIfNeeded' in mod) || !('startPortal' in mod)) {
    throw new Error('scripts/portal-build.mjs does not export buildIfNeeded and startPortal')
  }
  // Narrowed above; the module's functions are our own code, not outside data.
  return mod as PortalBuild
}

// ------------------------------------------------------------------ processes

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child)
      return resolve()
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      children.delete(child)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

function killAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
}

async function waitReady(url: string, child: ChildProcess, what: string, logFile: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}; see ${logFile}:\n${tail(logFile)}`)
    try {
      const r = await fetch(url)
      await r.arrayBuffer()
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await sleep(150)
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s; see ${logFile}:\n${tail(logFile)}`)
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

type WorldOptions = { latencyMs?: number; images?: number; logEvents?: number }

type Pair = {
  portal: ChildProcess
  /** Restarts the portal only (an empty read cache, a fresh process); the emulator keeps its world. */
  restartPortal(): Promise<void>
  close(): Promise<void>
}

async function startPair(build: PortalBuild, name: string, world: WorldOptions): Promise<Pair> {
  const emulatorLog = path.join(workDir, `emulator-${name}.log`)
  const efd = openSync(emulatorLog, 'a')
  const emulator = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'emulator/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      EMULATOR_PORT: String(EMULATOR_PORT),
      EMULATOR_SCENARIO: 'healthy',
      EMULATOR_SPEED: '1',
      EMULATOR_LATENCY_MS: String(world.latencyMs ?? 0),
      EMULATOR_IMAGES: String(world.images ?? 12),
      // Any key, whatever the shell says: the bench measures the portal, not signature checks.
      EMULATOR_CREDENTIALS: '',
      ...(world.logEvents !== undefined ? { EMULATOR_LOG_EVENTS: String(world.logEvents) } : {}),
    },
    stdio: ['ignore', efd, efd],
  })
  closeSync(efd)
  children.add(emulator)
  await waitReady(`${emulatorURL}/_emulator/health`, emulator, 'The emulator', emulatorLog)

  const dataDir = path.join(workDir, `data-${name}`)
  let portalRun = 0
  const launch = async () => {
    rmSync(dataDir, { recursive: true, force: true })
    mkdirSync(dataDir, { recursive: true })
    const portalLog = path.join(workDir, `portal-${name}-${portalRun++}.log`)
    logFiles.push(portalLog)
    const pfd = openSync(portalLog, 'a')
    const child = build.startPortal(
      {
        PORT: String(PORTAL_PORT),
        HOST: '127.0.0.1',
        AWS_ENDPOINT_URL: emulatorURL,
        AWS_REGION: 'eu-central-1',
        // Without EMULATOR_CREDENTIALS the emulator accepts any key; the SDK still needs one to sign with.
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_SESSION_TOKEN: '',
        AWS_PROFILE: '',
        PORTAL_DATA_DIR: dataDir,
        PORTAL_API_TOKENS: `bench:viewer:${token},bench-operator:operator:${operatorToken}`,
        // Every simulated user shares one token; the per-identity read limit would measure itself.
        PORTAL_READ_RATE_LIMIT_PER_MINUTE: '1000000',
      },
      { stdio: ['ignore', pfd, pfd] },
    )
    closeSync(pfd)
    children.add(child)
    await waitReady(`${portalURL}/api/health`, child, 'The portal', portalLog)
    return child
  }

  const pair: Pair = {
    portal: await launch(),
    async restartPortal() {
      await stop(pair.portal)
      pair.portal = await launch()
    },
    async close() {
      await stop(pair.portal)
      await stop(emulator)
    },
  }
  return pair
}

// ------------------------------------------------------------------ emulator control

async function control(method: string, route: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${emulatorURL}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json: unknown = await r.json()
  if (!r.ok) throw new Error(`emulator ${method} ${route}: ${r.status} ${JSON.stringify(json)}`)
  return json
}

async function emulatorCalls(): Promise<Record<string, number>> {
  const json = await control('GET', '/_emulator/calls')
  const out: Record<string, number> = {}
  if (typeof json === 'object' && json !== null) for (const [k, v] of Object.entries(json)) if (typeof v === 'number') out[k] = v
  return out
}

/** The AWS calls the emulator answered since its counts were last reset, with their times. */
async function emulatorTimeline(): Promise<TimelineCall[]> {
  const json = await control('GET', '/_emulator/calls/timeline')
  const list = typeof json === 'object' && json !== null && 'calls' in json && Array.isArray(json.calls) ? (json.calls as unknown[]) : []
  return list.flatMap((c) =>
    typeof c === 'object' && c !== null && 'call' in c && 'startMs' in c && typeof c.call === 'string' && typeof c.startMs === 'number'
      ? [
          {
            call: c.call,
            startMs: c.startMs,
            endMs: 'endMs' in c && typeof c.endMs === 'number' ? c.endMs : null,
            ...('subject' in c && typeof c.subject === 'string' ? { subject: c.subject } : {}),
          },
        ]
      : [],
  )
}

// ------------------------------------------------------------------ measurements

type Render = { status: number; ttfbMs: number; totalMs: number; bytes: number; alerts: number; body: string }

/**
 * Server time of one page: from sending the request to the last byte of the (streamed) HTML.
 * `hardRefresh` sends what a browser's hard reload sends, which makes the portal read AWS afresh.
 */
async function render(pathname: string, opts: { hardRefresh?: boolean } = {}): Promise<Render> {
  const t0 = performance.now()
  const headers = opts.hardRefresh ? { ...auth, 'cache-control': 'no-cache', pragma: 'no-cache' } : auth
  const res = await fetch(`${portalURL}${pathname}`, { headers, redirect: 'manual' })
  const ttfbMs = performance.now() - t0
  const body = await res.text()
  const totalMs = performance.now() - t0
  return { status: res.status, ttfbMs, totalMs, bytes: Buffer.byteLength(body), alerts: body.match(/role="alert"/g)?.length ?? 0, body }
}

async function renderOk(pathname: string, opts: { hardRefresh?: boolean } = {}): Promise<Render> {
  const r = await render(pathname, opts)
  if (r.status !== 200) throw new Error(`GET ${pathname} answered ${r.status}: ${r.body.slice(0, 300)}`)
  return r
}

/**
 * Makes the portal process warm (route modules loaded and compiled) while its read cache stays
 * empty: every AWS call is refused (a non-retryable AccessDenied) during one render of the page,
 * and failures are cached for at most 2 s (lib/cache.ts). The next render then reads all data cold.
 */
async function primeProcess(pathname: string): Promise<void> {
  await fetch(`${portalURL}/api/health`).then((r) => r.arrayBuffer())
  await control('POST', '/_emulator/faults', { error: 'AccessDeniedException' })
  await render(pathname)
  await control('DELETE', '/_emulator/faults')
  await sleep(2500)
}

async function warmSamples(pathname: string, n: number): Promise<number[]> {
  for (let i = 0; i < 5; i++) await renderOk(pathname)
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await renderOk(pathname)).totalMs)
  return out
}

/** Peak and current resident set size of a process in MB (Linux /proc); null elsewhere. */
function rssMb(pid: number | undefined): { peak: number | null; current: number | null } {
  if (pid === undefined) return { peak: null, current: null }
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string) => {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
      return m ? round(Number(m[1]) / 1024, 1) : null
    }
    return { peak: kb('VmHWM'), current: kb('VmRSS') }
  } catch {
    return { peak: null, current: null }
  }
}

type Load = {
  p50: number
  p90: number
  p99: number
  max: number
  rps: number
  requests: number
  errors: number
  timeouts: number
  non2xx: number
}

async function cannon(paths: string[], connections: number, seconds: number): Promise<Load> {
  const r = await autocannon({
    url: portalURL,
    connections,
    duration: seconds,
    timeout: 30,
    headers: auth,
    requests: paths.map((p) => ({ method: 'GET' as const, path: p })),
  })
  return {
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    rps: round(r.requests.average, 1),
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  }
}

type FirstLoad = { kb: number; scripts: number; largest: { src: string; kb: number }[] }

/** First-load JavaScript of a page: every /_next/static script its HTML loads, gzipped (kB = 1000 bytes, as `next build` prints). */
async function firstLoadJs(pathname: string): Promise<FirstLoad> {
  const page = await renderOk(pathname)
  const scripts = nextScripts(page.body)
  const sizes: { src: string; kb: number }[] = []
  for (const src of scripts) {
    const r = await fetch(new URL(src, portalURL), { headers: auth })
    if (!r.ok) throw new Error(`GET ${src} answered ${r.status}`)
    sizes.push({ src, kb: gzipSync(Buffer.from(await r.arrayBuffer()), { level: 9 }).length / 1000 })
  }
  const total = sizes.reduce((n, s) => n + s.kb, 0)
  const largest = [...sizes]
    .sort((a, b) => b.kb - a.kb)
    .slice(0, 5)
    .map((s) => ({ src: s.src, kb: round(s.kb, 1) }))
  return { kb: round(total, 1), scripts: scripts.length, largest }
}

/** The gzipped size of the framework scripts every page loads (from the build manifest), or null without a build. */
function frameworkKb(): { kb: number; files: { file: string; kb: number }[] } | null {
  const next = path.join(root, '.next')
  let manifest: unknown
  try {
    manifest = JSON.parse(readFileSync(path.join(next, 'build-manifest.json'), 'utf8'))
  } catch {
    return null
  }
  const files = frameworkFiles(manifest).map((file) => ({
    file,
    kb: round(gzipSync(readFileSync(path.join(next, file)), { level: 9 }).length / 1000, 1),
  }))
  return files.length
    ? {
        kb: round(
          files.reduce((n, f) => n + f.kb, 0),
          1,
        ),
        files,
      }
    : null
}

// ------------------------------------------------------------------ phases

/**
 * The overview against AWS latency L:
 * - cold: a warm process asked for a hard refresh (`Cache-Control: no-cache`, what Ctrl-Shift-R
 *   sends), so every read of the page goes to AWS — the render costs one round of L if the reads
 *   run in parallel, the number of calls if they run one after another;
 * - restart: the first page of a freshly started process (its code paths compile on first use);
 * - expired: a page after a minute idle, when every read's TTL has passed (full runs only).
 */
/** A render's AWS calls in start order, times relative to the first call's start. */
function timelineRows(calls: readonly TimelineCall[]): { call: string; startMs: number; endMs: number | null }[] {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs)
  const t0 = sorted[0]?.startMs ?? 0
  return sorted.map((c) => ({ call: c.call, startMs: round(c.startMs - t0, 0), endMs: c.endMs === null ? null : round(c.endMs - t0, 0) }))
}

async function overviewPhase(build: PortalBuild, p: ReturnType<typeof plan>, figures: Figures, details: Record<string, unknown>) {
  log(`overview cold/warm: every AWS call delayed by ${p.latencyMs} ms`)
  const pair = await startPair(build, 'overview', { latencyMs: p.latencyMs })
  try {
    const firstRequest: number[] = []
    const restart: Render[] = []
    for (let i = 0; i < p.restartSamples; i++) {
      if (i > 0) await pair.restartPortal()
      // The very first request of a fresh process (route code loaded on demand, cache empty).
      firstRequest.push((await renderOk('/')).totalMs)
      await pair.restartPortal()
      await primeProcess('/')
      await control('DELETE', '/_emulator/calls')
      restart.push(await renderOk('/'))
    }
    const warm = await warmSamples('/', p.warmSamples)

    const cold: { render: Render; calls: number; rounds: number; timeline: TimelineCall[] }[] = []
    for (let i = 0; i < p.coldSamples; i++) {
      // Longer apart than a hard refresh's freshness bound (2 s), so each one reads AWS afresh.
      await sleep(3000)
      await control('DELETE', '/_emulator/calls')
      const render = await renderOk('/', { hardRefresh: true })
      const timeline = await emulatorTimeline()
      cold.push({ render, calls: timeline.length, rounds: awsRounds(timeline), timeline })
    }
    const coldMs = percentile(
      cold.map((c) => c.render.totalMs),
      50,
    )
    const restartMs = percentile(
      restart.map((r) => r.totalMs),
      50,
    )
    let expired: Render | null = null
    if (p.expiredWaitMs > 0) {
      log(`waiting ${p.expiredWaitMs / 1000} s for the overview's cached data to expire`)
      await sleep(p.expiredWaitMs)
      expired = await renderOk('/')
      figures.overviewExpiredRatio = round(expired.totalMs / p.latencyMs, 2)
    }
    figures.overviewColdMs = round(coldMs, 0)
    figures.overviewColdRatio = round(coldMs / p.latencyMs, 2)
    figures.overviewColdAwsRounds = Math.max(...cold.map((c) => c.rounds))
    figures.overviewRestartRatio = round(restartMs / p.latencyMs, 2)
    figures.overviewWarmMs = round(percentile(warm, 50), 1)
    details.overview = {
      latencyMs: p.latencyMs,
      coldMs: cold.map((c) => round(c.render.totalMs, 0)),
      coldTtfbMs: cold.map((c) => round(c.render.ttfbMs, 0)),
      coldAwsCalls: cold.map((c) => c.calls),
      coldAwsRounds: cold.map((c) => c.rounds),
      // The first cold render's AWS calls in start order (ms from the first), to see what waits for what.
      coldTimeline: timelineRows(cold[0]?.timeline ?? []),
      coldAlerts: cold.map((c) => c.render.alerts),
      coldBytes: cold.map((c) => c.render.bytes),
      restartMs: restart.map((r) => round(r.totalMs, 0)),
      firstRequestAfterStartMs: firstRequest.map((ms) => round(ms, 0)),
      warmMs: {
        p50: round(percentile(warm, 50), 1),
        p90: round(percentile(warm, 90), 1),
        min: round(Math.min(...warm), 1),
        samples: warm.length,
      },
      expiredMs: expired ? round(expired.totalMs, 0) : null,
    }
  } finally {
    await pair.close()
  }
}

async function pollAndLoadPhase(build: PortalBuild, p: ReturnType<typeof plan>, figures: Figures, details: Record<string, unknown>) {
  const pair = await startPair(build, 'load', {})
  try {
    log('first-load JavaScript per route')
    const js: Record<string, FirstLoad> = {}
    for (const route of FIRST_LOAD_ROUTES) js[route] = await firstLoadJs(route)
    figures.firstLoadJsKb = js['/']?.kb ?? null
    const framework = frameworkKb()
    figures.firstLoadFrameworkKb = framework?.kb ?? null
    figures.firstLoadPortalKb = framework && figures.firstLoadJsKb !== null ? round(figures.firstLoadJsKb - framework.kb, 1) : null
    details.firstLoadJs = js
    details.firstLoadFramework = framework

    log(`${p.pollConnections} viewers polling the overview and its JSON routes for ${p.pollSeconds} s`)
    for (const route of OVERVIEW_POLL) await fetch(`${portalURL}${route}`, { headers: auth }).then((r) => r.arrayBuffer())
    // A pause after warming, so no refresh falls on the run's first instant (the boundary would count twice).
    await sleep(1000)
    await control('DELETE', '/_emulator/calls')
    const t0 = Date.now()
    const poll = await cannon(OVERVIEW_POLL, p.pollConnections, p.pollSeconds)
    const durationMs = Date.now() - t0
    // Per resource: the timeline names what each CloudTrail lookup and GetMetricData reads.
    const calls = countCalls(await emulatorTimeline())
    const rows: WindowRow[] = callsPerWindow(calls, durationMs)
    figures.awsCallsPerResourceWindow = rows.length ? Math.max(...rows.map((r) => r.perWindow)) : 0
    figures.pollP50Ms = poll.p50
    figures.pollP99Ms = poll.p99
    figures.pollErrors = poll.errors + poll.non2xx
    details.poll = { routes: OVERVIEW_POLL, connections: p.pollConnections, durationMs, ...poll, awsCalls: rows }

    log(`${p.loadConnections} users on warm pages for ${p.loadSeconds} s`)
    for (const route of PAGES) await renderOk(route)
    const load = await cannon(PAGES, p.loadConnections, p.loadSeconds)
    figures.loadP50Ms = load.p50
    figures.loadP99Ms = load.p99
    figures.loadRps = load.rps
    figures.loadErrors = load.errors + load.non2xx
    details.load = { pages: PAGES, connections: p.loadConnections, seconds: p.loadSeconds, ...load, portalRssMb: rssMb(pair.portal.pid) }
  } finally {
    await pair.close()
  }
}

async function scalePhase(
  build: PortalBuild,
  p: ReturnType<typeof plan>,
  name: 'images' | 'logs',
  world: WorldOptions,
  warmN: number,
): Promise<{ coldMs: number; warmMs: number; peakRssMb: number | null; detail: Record<string, unknown> }> {
  const pathname = `/${name}`
  log(`${pathname} with ${name === 'images' ? `${p.images} images` : `${p.logEvents} log events`}`)
  const pair = await startPair(build, name, world)
  try {
    const startRss = rssMb(pair.portal.pid)
    await primeProcess(pathname)
    await control('DELETE', '/_emulator/calls')
    const cold = await renderOk(pathname)
    const calls = await emulatorCalls()
    const warm = await warmSamples(pathname, warmN)
    const rss = rssMb(pair.portal.pid)
    return {
      coldMs: round(cold.totalMs, 0),
      warmMs: round(percentile(warm, 50), 1),
      peakRssMb: rss.peak,
      detail: {
        world,
        coldMs: round(cold.totalMs, 0),
        coldTtfbMs: round(cold.ttfbMs, 0),
        coldBytes: cold.bytes,
        coldAlerts: cold.alerts,
        coldAwsCalls: calls,
        warmMs: { p50: round(percentile(warm, 50), 1), p90: round(percentile(warm, 90), 1), samples: warm.length },
        rssMb: { afterStart: startRss.current, peak: rss.peak, end: rss.current },
      },
    }
  } finally {
    await pair.close()
  }
}

// ------------------------------------------------------------------ results

function lastCommitted(file: string): ReturnType<typeof previousFigures> {
  const rel = path.relative(root, file)
  const git = spawnSync('git', ['show', `HEAD:${rel.split(path.sep).join('/')}`], { cwd: root, encoding: 'utf8' })
  let text: string | null = git.status === 0 ? git.stdout : null
  if (text === null && existsSync(file)) text = readFileSync(file, 'utf8')
  if (text === null) return null
  try {
    return previousFigures(JSON.parse(text))
  } catch {
    return null
  }
}

function countUnhandled(): { count: number; lines: string[] } {
  const lines: string[] = []
  for (const f of logFiles) {
    if (!existsSync(f)) continue
    for (const line of readFileSync(f, 'utf8').split('\n'))
      if (/unhandledRejection|Unhandled/i.test(line)) lines.push(`${path.basename(f)}: ${line.slice(0, 300)}`)
  }
  return { count: lines.length, lines: lines.slice(0, 20) }
}

function performanceMarkdown(results: BenchResults, rows: string[][]): string {
  const m = results.machine
  return [
    '## Performance',
    '',
    `Measured by \`npm run bench\` on ${results.date.slice(0, 10)} — ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, Node ${m.node} (${m.platform}).`,
    'The production portal against the local AWS emulator; figures are server time to the last byte of the streamed HTML.',
    `1-minute load average ${m.loadAverage.start} at the start and ${m.loadAverage.end} at the end of the run${Math.max(m.loadAverage.start, m.loadAverage.end) > m.cpus ? ` (above ${m.cpus}: other work competed for the CPUs)` : ` (at most ${m.cpus}: nothing else competed for the CPUs)`}.`,
    'Raw numbers and per-route details: `bench/results.json`.',
    '',
    markdownTable(
      rows.map((r) => [figureSpecs[r[0] as FigureName]?.label ?? r[0] ?? '', `\`${r[0]}\``, r[1] ?? '', r[2] ?? '', r[5] ?? '']),
      ['measure', 'figure', 'value', 'target', ''],
    ),
    '',
  ].join('\n')
}

// ------------------------------------------------------------------ main

async function main() {
  const args = parseArgs(process.argv.slice(2))
  if (typeof args === 'string') {
    console.error(`bench: ${args}`)
    process.exit(2)
  }
  if (args.help) {
    console.log(`npm run bench [-- --quick] [-- --out <file>] [-- --only <${PHASES.join('|')}>[,…]]`)
    return
  }
  const p = plan(args.quick)
  const runs = (phase: Phase) => args.only === undefined || args.only.includes(phase)
  const defaultOut = args.only ? 'bench/results.only.json' : args.quick ? 'bench/results.quick.json' : 'bench/results.json'
  const out = path.resolve(root, args.out ?? defaultOut)
  const committed = path.join(root, 'bench', 'results.json')
  const previous = lastCommitted(committed)

  const build = await loadPortalBuild()
  build.buildIfNeeded()

  const figures: Figures = {}
  const details: Record<string, unknown> = { plan: p, logs: workDir }
  const started = Date.now()
  const loadAtStart = round(os.loadavg()[0] ?? 0, 2)

  const failures: string[] = []
  const phase = async (name: string, run: () => Promise<void>) => {
    try {
      await run()
    } catch (e: unknown) {
      killAll()
      await sleep(500)
      const message = e instanceof Error ? e.message : String(e)
      failures.push(`${name}: ${message}`)
      console.error(`[bench] ${name} failed: ${message}`)
    }
  }
  if (runs('overview')) await phase('overview', () => overviewPhase(build, p, figures, details))
  if (runs('load')) await phase('poll and load', () => pollAndLoadPhase(build, p, figures, details))
  if (runs('images'))
    await phase('images', async () => {
      const images = await scalePhase(build, p, 'images', { images: p.images }, p.warmSamples)
      figures.images5000Ms = images.coldMs
      figures.images5000WarmMs = images.warmMs
      figures.images5000PeakRssMb = images.peakRssMb
      details.images5000 = images.detail
    })
  if (runs('logs'))
    await phase('logs', async () => {
      const logs = await scalePhase(build, p, 'logs', { logEvents: p.logEvents }, p.warmSamples)
      figures.logs10000Ms = logs.coldMs
      figures.logs10000WarmMs = logs.warmMs
      figures.logs10000PeakRssMb = logs.peakRssMb
      details.logs10000 = logs.detail
    })
  if (runs('freshness'))
    await phase('freshness', async () => {
      const pair = await startPair(build, 'freshness', {})
      try {
        const samples = await measureFreshness(
          { portalURL, emulatorURL, operator: { authorization: `Bearer ${operatorToken}` }, log },
          args.quick ? 1 : 3,
        )
        figures.stateToUiMs = round(
          percentile(
            samples.map((x) => x.ms),
            50,
          ),
          0,
        )
        details.freshness = samples.map((x) => ({ change: x.change, ms: round(x.ms, 0) }))
      } finally {
        await pair.close()
      }
    })
  details.failures = failures

  const unhandled = countUnhandled()
  figures.unhandledRejections = unhandled.count
  details.unhandledRejections = unhandled.lines
  details.runSeconds = Math.round((Date.now() - started) / 1000)

  const cpus = os.cpus()
  const results: BenchResults = {
    date: new Date().toISOString(),
    quick: args.quick,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      loadAverage: { start: loadAtStart, end: round(os.loadavg()[0] ?? 0, 2) },
    },
    figures,
    details,
  }
  // A run with failed phases never replaces the results file: its figures would be missing.
  if (failures.length === 0) writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`)
  else writeFileSync(`${out.replace(/\.json$/, '')}.failed.json`, `${JSON.stringify(results, null, 2)}\n`)

  const rows = tableRows(figures, previous?.figures ?? null)
  console.log('')
  console.log(
    previous
      ? `Compared with the last committed bench/results.json (${previous.date?.slice(0, 10) ?? 'undated'}${previous.quick ? ', a quick run' : ''}):`
      : 'No committed bench/results.json to compare with.',
  )
  console.log(textTable(rows))
  console.log('')
  console.log(
    `Machine: ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${results.machine.node}.${failures.length ? '' : ` Wrote ${path.relative(root, out)}.`}`,
  )
  if (!args.quick && !args.out && !args.only && failures.length === 0) {
    // Formatted as the repository's Prettier check wants it, so a committed run passes `npm run lint`.
    const file = path.join(root, 'bench', 'README-performance.md')
    const options = (await prettier.resolveConfig(file)) ?? {}
    writeFileSync(file, await prettier.format(performanceMarkdown(results, rows), { ...options, parser: 'markdown' }))
    console.log('Wrote bench/README-performance.md (the README "Performance" section).')
  }
  const missed = rows.filter((r) => r[5] === 'MISSED').map((r) => r[0])
  if (missed.length) console.log(`Targets missed: ${missed.join(', ')}`)
  if (unhandled.count === 0 && failures.length === 0) rmSync(workDir, { recursive: true, force: true })
  else console.log(`The process logs are kept in ${workDir}`)
  if (failures.length) {
    console.error(`Phases that failed (their figures are missing): ${failures.join(' | ')}`)
    process.exitCode = 1
  }
}

process.on('SIGINT', () => {
  killAll()
  process.exit(130)
})
process.on('SIGTERM', () => {
  killAll()
  process.exit(143)
})

main().catch((e: unknown) => {
  killAll()
  console.error('bench failed:', e instanceof Error ? e.message : e)
  console.error(`Process logs: ${workDir}`)
  process.exit(1)
})
