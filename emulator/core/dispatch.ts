/**
 * One AWS request, start to end: which service and operation (SigV4 scope, X-Amz-Target, the query
 * Version), the signature (EMULATOR_CREDENTIALS), injected faults, the input read and checked against the
 * service's model, then the handler with the world of the request's account and region, the CloudTrail
 * record of a mutating call, and the answer in the request's protocol.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { checkOutput } from '../models/check-output'
import { documentedError } from '../models/documented'
import { serviceModel } from '../models/model'
import type { ServiceName } from '../models/sources'
import { validateInput, type Violation } from '../models/validate'
import { serializationError, validationError } from '../models/validation-errors'
import { authError } from '../wire/auth-errors'
import { encodeError, encodeSuccess, toWireError, type EncodedResponse } from '../wire/encode'
import { detectService, isJsonProtocol, wireOf } from '../wire/protocols'
import { readQueryInput } from '../wire/query-input'
import { readRestInput, routeRest } from '../wire/rest'
import { parseScope, verify } from '../wire/sigv4'
import { worldNow } from '../world/clock'
import { ACCOUNT_ID, REGION } from '../world/constants'
import { recordCall } from '../world/trail'
import { defaultIdentity } from './credentials'
import { faultError, htmlBody, malformedBody, refuseQueries } from './faults'
import { header, readBody, send, sleep } from './http'
import { isRecord } from './input'
import { SERVICES } from './registry'
import { TIMELINE_CAP, type EmulatorState, type TimelineEntry } from './state'
import { AwsError, type HandlerContext, type Input, type Protocol, type ServiceDefinition } from './types'
import { advance } from './advance'

const internalFailure = () =>
  new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500)

/** The request's input as the model describes it, or the error AWS answers for a body it cannot read or accept. */
function readInput(
  name: ServiceName,
  def: ServiceDefinition,
  protocol: Protocol,
  operation: string,
  body: Buffer,
  form: URLSearchParams | undefined,
  rest: { req: IncomingMessage; url: URL; labels: Record<string, string> } | undefined,
): Input | AwsError {
  const model = serviceModel(name)
  // A handler without its model would go unchecked: refuse loudly until the model file is regenerated.
  if (!model.operations[operation])
    return new AwsError('InternalFailure', `emulator/models/${name}.json has no ${operation}: run npm run emulator:models`, 500)
  let input: Input
  let problems: Violation[] = []
  if (protocol === 'rest-json') {
    const read = readRestInput(model, operation, rest?.req ?? { headers: {} }, rest?.url ?? new URL('http://x/'), rest?.labels ?? {}, body)
    if (read instanceof AwsError) return read
    input = read.input
    problems = read.problems
  } else if (isJsonProtocol(protocol)) {
    const text = body.toString('utf8')
    let parsed: unknown
    try {
      parsed = text.trim() === '' ? {} : JSON.parse(text)
    } catch {
      return new AwsError('SerializationException', 'Unexpected character in the request body: it is not JSON.')
    }
    if (!isRecord(parsed)) return new AwsError('SerializationException', 'Start of structure or map found where not expected.')
    input = parsed
  } else {
    const read = readQueryInput(model, operation, form ?? new URLSearchParams(), protocol === 'ec2' ? 'ec2' : 'query')
    input = read.input
    problems = read.problems
  }
  const violations = [...problems, ...validateInput(model, operation, input)]
  const typeProblem = violations.find((v) => v.kind === 'type')
  if (typeProblem && (isJsonProtocol(protocol) || protocol === 'rest-json')) return serializationError(typeProblem)
  if (violations.length > 0) return validationError(def, violations)
  return documentedError(name, operation, input) ?? input
}

export async function serveAws(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID()
  const body = await readBody(req)
  const target = header(req, 'x-amz-target')
  const contentType = header(req, 'content-type') ?? ''
  const isForm = contentType.includes('x-www-form-urlencoded') || (!target && /^Action=/.test(body.subarray(0, 7).toString('utf8')))
  const form = isForm ? new URLSearchParams(body.toString('utf8')) : undefined
  const parsedScope = parseScope(req)
  const scope = 'kind' in parsedScope ? undefined : parsedScope
  const name = detectService(
    { scope: scope?.service, target, userAgent: `${header(req, 'x-amz-user-agent') ?? ''} ${header(req, 'user-agent') ?? ''}` },
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
  const def = SERVICES[name]
  const wire = wireOf(name)
  const protocol: Protocol =
    wire.rest?.protocol ?? (isForm ? wire.query?.protocol : wire.json?.protocol) ?? wire.json?.protocol ?? wire.query?.protocol ?? 'json1.1'
  const url = new URL(req.url ?? '/', 'http://emulator.local')
  const routed = protocol === 'rest-json' ? routeRest(name, req.method ?? 'GET', url.pathname) : undefined
  const operation =
    (protocol === 'rest-json'
      ? routed?.operation
      : isJsonProtocol(protocol)
        ? target?.slice(target.lastIndexOf('.') + 1)
        : form?.get('Action')) ?? ''
  const answer = (r: EncodedResponse) => send(res, r)
  const refuse = (e: AwsError) => answer(encodeError(name, protocol, toWireError(e), requestId))

  const call = `${name}.${operation}`
  state.calls[call] = (state.calls[call] ?? 0) + 1
  const entry: TimelineEntry = { call, startMs: state.since(), endMs: null }
  if (state.timeline.length >= TIMELINE_CAP) state.timeline.shift()
  state.timeline.push(entry)
  res.once('finish', () => {
    entry.endMs = state.since()
  })
  if (state.settings.latencyMs > 0) await sleep(state.settings.latencyMs)

  // Authentication comes first, as at AWS's front door.
  const auth = await verify(
    { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers, body },
    state.settings.credentials,
    new Date(),
  )
  if ('kind' in auth) return refuse(authError(name, protocol, auth))
  const identity = auth.credential?.identity ?? defaultIdentity(auth.scope.accessKeyId)

  const matching = state.faults.filter(
    (f) => (!f.service || f.service === name) && (!f.operation || f.operation === operation) && Math.random() < f.rate,
  )
  const delay = matching.reduce((m, f) => Math.max(m, f.latencyMs ?? 0), 0)
  if (delay > 0) await sleep(delay)
  const fault = matching.find((f) => f.metricQuery === undefined && (f.error !== undefined || f.malformed || f.html))
  if (fault?.html) return answer(htmlBody(fault.status))
  if (fault?.malformed) return answer(malformedBody(protocol, operation || 'Unknown', requestId))
  if (fault?.error)
    return answer(encodeError(name, protocol, faultError(name, protocol, operation, fault.error, fault.status, identity.arn), requestId))

  const handler = def.handlers[operation]
  if (!handler) {
    return refuse(
      protocol === 'rest-json'
        ? new AwsError('UnknownOperationException', `No operation answers ${req.method ?? 'GET'} ${url.pathname}.`, 404)
        : isJsonProtocol(protocol)
          ? new AwsError('UnknownOperationException', `Unknown operation ${operation || '(none)'}`)
          : new AwsError('InvalidAction', `The action ${operation || '(none)'} is not valid for this web service.`),
    )
  }
  const input = readInput(name, def, protocol, operation, body, form, routed ? { req, url, labels: routed.labels } : undefined)
  if (input instanceof AwsError) return refuse(input)
  const subject = callSubject(call, input)
  if (subject !== undefined) entry.subject = subject

  const region = auth.scope.region
  const home = identity.accountId === ACCOUNT_ID && (def.global === true || region === REGION)
  const now = worldNow(state.world)
  advance(state.world, now)
  const ctx: HandlerContext = { world: home ? state.world : null, now, requestId, region, accountId: identity.accountId, identity }
  const record = (outcome: { output?: unknown; error?: AwsError }) => {
    const resources = def.mutating?.[operation]
    if (!resources || !ctx.world) return
    recordCall(ctx.world, {
      service: name,
      operation,
      input,
      output: outcome.output,
      error: outcome.error ? { code: outcome.error.queryCode ?? outcome.error.code, message: outcome.error.message } : undefined,
      identity,
      region,
      requestId,
      at: now,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      userAgent: header(req, 'user-agent') ?? '',
      resources: resources(input),
    })
  }
  let output: unknown
  try {
    output = refuseQueries(handler(input, ctx), matching)
  } catch (e: unknown) {
    if (e instanceof AwsError) {
      record({ error: e })
      return refuse(e)
    }
    console.error(`[emulator] ${call} failed:`, e)
    return refuse(internalFailure())
  }
  if (state.settings.checkOutputs) {
    const problems = checkOutput(serviceModel(name), operation, output)
    if (problems.length > 0) {
      state.outputProblems.push(...problems.map((p) => `${call}: ${p}`))
      return refuse(new AwsError('InternalFailure', `The answer does not fit the ${operation} output shape: ${problems.join('; ')}`, 500))
    }
  }
  record({ output })
  return answer(encodeSuccess(name, protocol, operation, output, requestId))
}

/** What a read is about, where one operation reads different things (TimelineEntry.subject); undefined elsewhere. */
export function callSubject(call: string, input: unknown): string | undefined {
  if (!isRecord(input)) return undefined
  if (call === 'cloudtrail.LookupEvents') {
    const [first] = Array.isArray(input.LookupAttributes) ? input.LookupAttributes : []
    return isRecord(first) ? `${String(first.AttributeKey)}=${String(first.AttributeValue)}` : 'all'
  }
  if (call === 'monitoring.GetMetricData' && Array.isArray(input.MetricDataQueries))
    return input.MetricDataQueries.map((q) => (isRecord(q) ? String(q.Id) : ''))
      .sort()
      .join(',')
  return undefined
}
