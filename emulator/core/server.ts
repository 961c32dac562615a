/**
 * The emulator's HTTP server: one endpoint for every AWS service (POST /, routed by the SigV4
 * credential scope), the control surface under /_emulator/, and the service's app under /_app/<id>.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { ACCOUNT_ID, CALLER_ARN, REGION, SCENARIOS, SERVICE_ID, type Scenario } from '../world/constants'
import { advanceWorld } from '../world/transitions'
import { appHealth, createWorld, DEFAULT_IMAGE_COUNT, isScenario, worldNow, type World } from '../world/world'
import { encodeError, encodeSuccess, faultError, malformedBody, toWireError, type EncodedResponse } from './protocol'
import { detectRegion, detectService, isServiceName, SERVICES } from './registry'
import { AwsError, type HandlerContext, type ServiceDefinition, type ServiceName } from './types'

export type EmulatorOptions = {
  /** 0 = a random free port. Default 4566. */
  port?: number
  host?: '127.0.0.1'
  scenario?: Scenario
  /** Transition speed multiplier (default 1). */
  speed?: number
  /** Latency added to every AWS call (not to control routes). */
  latencyMs?: number
  /** How many ECR images (default 12). */
  images?: number
  /** How many application log events the world starts with (default: the world's own default). */
  logEvents?: number
}

export type Emulator = {
  url: string
  port: number
  close(): Promise<void>
  world(): World
}

export type Fault = {
  service?: ServiceName
  operation?: string
  error?: string
  status?: number
  rate: number
  latencyMs?: number
  malformed?: boolean
}

/** One AWS call in GET /_emulator/calls/timeline: `endMs` is null while it is being answered. */
export type TimelineEntry = { call: string; startMs: number; endMs: number | null }
const TIMELINE_CAP = 2000

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, r: EncodedResponse): void {
  res.writeHead(r.status, { ...r.headers, 'Content-Length': Buffer.byteLength(r.body) })
  res.end(r.body)
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
  res.end(text)
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses and validates a POST /_emulator/faults body. Returns an error message when invalid. */
export function parseFault(body: unknown): Fault | string {
  if (!isRecord(body)) return 'body must be a JSON object'
  const f: Fault = { rate: 1 }
  if (body.service !== undefined) {
    if (!isServiceName(body.service)) return `service must be one of ${Object.keys(SERVICES).join(', ')}`
    f.service = body.service
  }
  if (body.operation !== undefined) {
    if (typeof body.operation !== 'string' || body.operation === '') return 'operation must be a non-empty string such as "DescribeImages"'
    f.operation = body.operation
  }
  if (body.error !== undefined) {
    if (typeof body.error !== 'string' || body.error === '') return 'error must be an AWS error code such as "ThrottlingException"'
    f.error = body.error
  }
  if (body.status !== undefined) {
    if (typeof body.status !== 'number' || !Number.isInteger(body.status) || body.status < 300 || body.status > 599)
      return 'status must be an integer 300..599'
    f.status = body.status
  }
  if (body.rate !== undefined) {
    if (typeof body.rate !== 'number' || !(body.rate >= 0 && body.rate <= 1)) return 'rate must be a number 0..1'
    f.rate = body.rate
  }
  if (body.latencyMs !== undefined) {
    if (typeof body.latencyMs !== 'number' || !(body.latencyMs >= 0)) return 'latencyMs must be a number >= 0'
    f.latencyMs = body.latencyMs
  }
  if (body.malformed !== undefined) {
    if (typeof body.malformed !== 'boolean') return 'malformed must be a boolean'
    f.malformed = body.malformed
  }
  if (f.error === undefined && f.latencyMs === undefined && !f.malformed) return 'a fault needs error, latencyMs or malformed'
  return f
}

/** Starts the emulator on 127.0.0.1. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1'
  const settings = {
    scenario: opts.scenario ?? 'healthy',
    speed: opts.speed ?? 1,
    latencyMs: opts.latencyMs ?? 0,
    images: opts.images ?? DEFAULT_IMAGE_COUNT,
  }
  if (!isScenario(settings.scenario))
    throw new Error(`Unknown scenario "${String(settings.scenario)}". Valid scenarios: ${SCENARIOS.join(', ')}`)
  if (!(settings.speed > 0)) throw new Error('speed must be > 0')
  if (!Number.isInteger(settings.images) || settings.images < 3) throw new Error('images must be an integer >= 3')

  let appUrl = ''
  let world: World
  let faults: Fault[] = []
  let calls: Record<string, number> = {}
  /** When each AWS call arrived and was answered (ms since the emulator started), newest last, capped. */
  let timeline: TimelineEntry[] = []
  const startedAt = performance.now()
  const since = () => Math.round((performance.now() - startedAt) * 10) / 10

  const newWorld = (scenario: Scenario) => {
    world = createWorld({ scenario, speed: settings.speed, images: settings.images, appUrl, logEvents: opts.logEvents })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[emulator] request failed:', e)
      if (!res.headersSent) sendJson(res, 500, { error: 'internal emulator error' })
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.local')
    if (url.pathname.startsWith('/_emulator/')) return control(req, res, url)
    if (url.pathname.startsWith('/_app/')) return app(req, res, url)
    if (req.method === 'POST') return aws(req, res)
    sendJson(res, 404, {
      error: `No route for ${req.method ?? 'GET'} ${url.pathname}. AWS calls are POST /; the control surface lives under /_emulator/.`,
    })
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '')}`
    const raw = await readBody(req)
    let body: unknown = {}
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw)
      } catch {
        return sendJson(res, 400, { error: 'body must be JSON' })
      }
    }
    switch (route) {
      case 'GET /_emulator/health':
        return sendJson(res, 200, { status: 'ok' })
      case 'POST /_emulator/reset': {
        const scenario = isRecord(body) ? body.scenario : undefined
        if (scenario !== undefined && !isScenario(scenario)) {
          return sendJson(res, 400, { error: `Unknown scenario "${String(scenario)}". Valid scenarios: ${SCENARIOS.join(', ')}` })
        }
        newWorld(scenario ?? settings.scenario)
        faults = []
        calls = {}
        timeline = []
        return sendJson(res, 200, { ok: true, scenario: world.scenario })
      }
      case 'GET /_emulator/state': {
        const now = worldNow(world)
        advanceWorld(world, now)
        return sendJson(res, 200, { ...world, now, appHealth: appHealth(world, now), faults, latencyMs: settings.latencyMs })
      }
      case 'POST /_emulator/faults': {
        const list = Array.isArray(body) ? body : [body]
        const parsed: Fault[] = []
        for (const item of list) {
          const f = parseFault(item)
          if (typeof f === 'string') return sendJson(res, 400, { error: f })
          parsed.push(f)
        }
        faults.push(...parsed)
        return sendJson(res, 200, { faults })
      }
      case 'GET /_emulator/faults':
        return sendJson(res, 200, { faults })
      case 'DELETE /_emulator/faults':
        faults = []
        return sendJson(res, 200, { faults })
      case 'GET /_emulator/calls':
        return sendJson(res, 200, calls)
      case 'DELETE /_emulator/calls':
        calls = {}
        timeline = []
        return sendJson(res, 200, calls)
      case 'GET /_emulator/calls/timeline':
        return sendJson(res, 200, { nowMs: since(), calls: timeline })
      case 'POST /_emulator/clock': {
        const advance = isRecord(body) ? body.advanceMs : undefined
        if (typeof advance !== 'number' || !Number.isFinite(advance)) return sendJson(res, 400, { error: 'advanceMs must be a number' })
        world.clock.offsetMs += advance
        const now = worldNow(world)
        advanceWorld(world, now)
        return sendJson(res, 200, { now, offsetMs: world.clock.offsetMs })
      }
      default:
        return sendJson(res, 404, { error: `Unknown control route ${route}` })
    }
  }

  function app(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const [, , id, ...rest] = url.pathname.split('/')
    const s = world.service
    if (id !== s.id || s.status === 'DELETED') return sendJson(res, 404, { status: 'error', reason: 'no such service' })
    const now = worldNow(world)
    advanceWorld(world, now)
    if (s.status === 'PAUSED') {
      return sendJson(res, 503, { status: 'error', reason: 'The App Runner service is paused; resume it to serve traffic.' })
    }
    const path = `/${rest.join('/')}`
    const health = appHealth(world, now)
    if (path === s.healthCheck.path || path === '/health') {
      return health.ok ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 503, { status: 'error', reason: health.reason })
    }
    if (!health.ok) return sendJson(res, 503, { status: 'error', reason: health.reason })
    const tag = s.imageIdentifier.slice(s.imageIdentifier.lastIndexOf(':') + 1)
    return sendJson(res, 200, { app: 'appfactory', version: tag, method: req.method })
  }

  async function aws(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID()
    const raw = await readBody(req)
    const header = (n: string) => {
      const v = req.headers[n]
      return Array.isArray(v) ? v[0] : v
    }
    const contentType = header('content-type') ?? ''
    const target = header('x-amz-target')
    const isForm = contentType.includes('x-www-form-urlencoded') || (!target && /^Action=/.test(raw))
    const form = isForm ? new URLSearchParams(raw) : undefined
    const authorization = header('authorization')
    const name = detectService(
      { authorization, target, userAgent: `${header('x-amz-user-agent') ?? ''} ${header('user-agent') ?? ''}` },
      form,
    )
    if (!name) {
      return send(res, {
        status: 400,
        headers: { 'x-amzn-RequestId': requestId, 'Content-Type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          __type: 'UnrecognizedClientException',
          message: 'The emulator could not tell which AWS service this request is for.',
        }),
      })
    }
    const def: ServiceDefinition = SERVICES[name]
    const isJson = def.protocol === 'json1.0' || def.protocol === 'json1.1'
    const operation = (isJson ? target?.slice(target.indexOf('.') + 1) : form?.get('Action')) ?? ''
    calls[`${name}.${operation}`] = (calls[`${name}.${operation}`] ?? 0) + 1
    const entry: TimelineEntry = { call: `${name}.${operation}`, startMs: since(), endMs: null }
    if (timeline.length >= TIMELINE_CAP) timeline.shift()
    timeline.push(entry)
    res.once('finish', () => {
      entry.endMs = since()
    })

    if (settings.latencyMs > 0) await sleep(settings.latencyMs)
    const matching = faults.filter(
      (f) => (!f.service || f.service === name) && (!f.operation || f.operation === operation) && Math.random() < f.rate,
    )
    const delay = matching.reduce((m, f) => Math.max(m, f.latencyMs ?? 0), 0)
    if (delay > 0) await sleep(delay)
    const errorFault = matching.find((f) => f.error !== undefined)
    if (errorFault?.error) {
      return send(res, encodeError(def, faultError(def, operation, errorFault.error, errorFault.status, ACCOUNT_ID, CALLER_ARN), requestId))
    }
    if (matching.some((f) => f.malformed)) return send(res, malformedBody(def, operation || 'Unknown', requestId))

    const handler = def.handlers[operation]
    if (!handler) {
      const err = isJson
        ? new AwsError('UnknownOperationException', `Unknown operation ${operation || '(none)'}`, 400)
        : new AwsError('InvalidAction', `The action ${operation || '(none)'} is not valid for this web service.`, 400)
      return send(res, encodeError(def, toWireError(err), requestId))
    }

    let input: Record<string, unknown> | Record<string, string>
    if (isJson) {
      try {
        const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw)
        if (!isRecord(parsed)) throw new Error('not an object')
        input = parsed
      } catch {
        return send(
          res,
          encodeError(
            def,
            toWireError(new AwsError('SerializationException', 'Start of structure or map found where not expected.')),
            requestId,
          ),
        )
      }
    } else {
      const fields: Record<string, string> = {}
      for (const [k, v] of form ?? new URLSearchParams()) fields[k] = v
      input = fields
    }

    const now = worldNow(world)
    advanceWorld(world, now)
    const ctx: HandlerContext = { world, now, requestId, region: detectRegion(authorization) ?? REGION, accountId: ACCOUNT_ID }
    try {
      const output = isJson
        ? (def.handlers as Record<string, (i: Record<string, unknown>, c: HandlerContext) => unknown>)[operation]!(input, ctx)
        : (def.handlers as Record<string, (i: Record<string, string>, c: HandlerContext) => string>)[operation]!(
            input as Record<string, string>,
            ctx,
          )
      return send(res, encodeSuccess(def, operation, output, requestId))
    } catch (e: unknown) {
      if (e instanceof AwsError) return send(res, encodeError(def, toWireError(e), requestId))
      console.error(`[emulator] ${name}.${operation} failed:`, e)
      const internal = new AwsError(
        'InternalFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        500,
      )
      return send(res, encodeError(def, toWireError(internal), requestId))
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 4566, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  appUrl = `${host}:${port}/_app/${SERVICE_ID}`
  newWorld(settings.scenario)

  return {
    url: `http://${host}:${port}`,
    port,
    world: () => world,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}
