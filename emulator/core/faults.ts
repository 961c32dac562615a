/**
 * Fault injection (POST /_emulator/faults): a matching AWS call can be slowed down (`latencyMs`),
 * answered with an AWS error as the service would send it (`error`, `status`), with a body every client
 * must fail to parse (`malformed`), or with an HTML error page the way a proxy or a foreign endpoint
 * answers (`html`, HTTP 500 unless `status` says otherwise). `rate` (0–1) makes a fault intermittent.
 * With `metricQuery`, a CloudWatch GetMetricData answer refuses only the queries whose Id matches
 * (`*` wildcards): their result says `InternalError` or `Forbidden` (the `error`), with no data.
 */
import type { ServiceName } from '../models/sources'
import { globMatch } from '../world/filter-pattern-base'
import type { EncodedResponse, WireError } from '../wire/encode'
import { jsonContentType } from '../wire/encode'
import { isServiceName, SERVICE_NAMES } from '../wire/protocols'
import { isRecord } from './input'
import type { Protocol } from './types'

export type Fault = {
  service?: ServiceName
  operation?: string
  error?: string
  status?: number
  rate: number
  latencyMs?: number
  malformed?: boolean
  html?: boolean
  /** GetMetricData query ids (with `*` wildcards) whose results alone fail. */
  metricQuery?: string
}

const QUERY_STATUSES = ['InternalError', 'Forbidden']

/** Parses and validates a POST /_emulator/faults body. Returns an error message when invalid. */
export function parseFault(body: unknown): Fault | string {
  if (!isRecord(body)) return 'body must be a JSON object'
  const f: Fault = { rate: 1 }
  if (body.service !== undefined) {
    if (!isServiceName(body.service)) return `service must be one of ${SERVICE_NAMES.join(', ')}`
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
  for (const flag of ['malformed', 'html'] as const) {
    if (body[flag] === undefined) continue
    if (typeof body[flag] !== 'boolean') return `${flag} must be a boolean`
    f[flag] = body[flag]
  }
  if (body.metricQuery !== undefined) {
    if (typeof body.metricQuery !== 'string' || body.metricQuery === '') return 'metricQuery must be a GetMetricData query id (wildcards *)'
    if (!QUERY_STATUSES.includes(f.error ?? '')) return `a metricQuery fault needs error ${QUERY_STATUSES.join(' or ')}`
    if ((f.service ?? 'monitoring') !== 'monitoring' || (f.operation ?? 'GetMetricData') !== 'GetMetricData')
      return 'a metricQuery fault applies to monitoring GetMetricData only'
    f.metricQuery = body.metricQuery
  }
  if ([f.error !== undefined, f.malformed === true, f.html === true].filter(Boolean).length > 1)
    return 'a fault answers in one way: give only one of error, malformed and html'
  if (f.error === undefined && f.latencyMs === undefined && !f.malformed && !f.html)
    return 'a fault needs error, latencyMs, malformed or html'
  return f
}

/**
 * An injected fault's error, translated to what this service would really send: e.g. a generic
 * `ThrottlingException` becomes `Throttling` on the query services and CloudWatch, and
 * `RequestLimitExceeded` (503) on EC2; `AccessDeniedException` becomes `AccessDenied` (403) on the
 * query services and `UnauthorizedOperation` (403) on EC2.
 */
export function faultError(
  name: ServiceName,
  protocol: Protocol,
  operation: string,
  code: string,
  status: number | undefined,
  callerArn: string,
): WireError {
  const queryStyle = protocol === 'query' || name === 'monitoring'
  const throttling = /^(Throttling|ThrottlingException|Throttled|TooManyRequestsException|RequestLimitExceeded)$/.test(code)
  const denied = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test(code)
  const action = `${name === 'monitoring' ? 'cloudwatch' : name}:${operation}`
  const account = callerArn.split(':')[4] ?? ''
  const deniedMessage = `User: ${callerArn} is not authorized to perform: ${action} on resource: arn:aws:${name}:*:${account}:* because no identity-based policy allows the ${action} action`
  const serverError =
    /^(InternalFailure|InternalError|ServiceUnavailable|ServiceUnavailableException|InternalServerError|InternalServiceError|ServerException)/.test(
      code,
    )

  if (throttling) {
    if (protocol === 'ec2')
      return { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', status: status ?? 503, fault: 'Sender' }
    if (queryStyle) return { code: 'Throttling', queryCode: 'Throttling', message: 'Rate exceeded', status: status ?? 400, fault: 'Sender' }
    return { code: 'ThrottlingException', message: 'Rate exceeded', status: status ?? 400, fault: 'Sender' }
  }
  if (denied) {
    if (protocol === 'ec2')
      return {
        code: 'UnauthorizedOperation',
        message: `You are not authorized to perform this operation. ${deniedMessage}`,
        status: status ?? 403,
        fault: 'Sender',
      }
    if (queryStyle)
      return { code: 'AccessDenied', queryCode: 'AccessDenied', message: deniedMessage, status: status ?? 403, fault: 'Sender' }
    return { code: 'AccessDeniedException', message: deniedMessage, status: status ?? 400, fault: 'Sender' }
  }
  const s = status ?? (serverError ? 500 : 400)
  return { code, message: `Injected fault: ${code}`, status: s, fault: s >= 500 ? 'Receiver' : 'Sender' }
}

/**
 * A body every client must refuse: cut off mid-value and carrying bytes that are not UTF-8, so lenient
 * parsers fail too (botocore reads a 200 JSON body it cannot parse as `{"message": body}`, but it does
 * not survive invalid UTF-8; XML parsers refuse both).
 */
export function malformedBody(protocol: Protocol, operation: string, requestId: string): EncodedResponse {
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId }
  const invalidUtf8 = Buffer.from([0xc3, 0x28, 0xff, 0xfe])
  if (protocol === 'json1.0' || protocol === 'json1.1' || protocol === 'rest-json') {
    headers['Content-Type'] = protocol === 'rest-json' ? 'application/json' : jsonContentType(protocol)
    return { status: 200, headers, body: Buffer.concat([Buffer.from('{"truncated": [{"value": "'), invalidUtf8]) }
  }
  headers['Content-Type'] = 'text/xml'
  return {
    status: 200,
    headers,
    body: Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response><${operation}Result><Trunc`),
      invalidUtf8,
    ]),
  }
}

/** An HTML error page, as a proxy, a load balancer or another emulator answers: no AWS error, no request id. */
export function htmlBody(status: number | undefined): EncodedResponse {
  const s = status ?? 500
  const title = s === 502 ? 'Bad Gateway' : s === 503 ? 'Service Unavailable' : s === 504 ? 'Gateway Timeout' : 'Internal Server Error'
  return {
    status: s,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html>\n<html><head><title>${s} ${title}</title></head><body><center><h1>${s} ${title}</h1></center><hr><center>nginx</center></body></html>\n`,
  }
}

const QUERY_MESSAGES: Record<string, string> = {
  InternalError: 'An internal error occurred while retrieving the data for this query. Retry the request.',
  Forbidden: 'You do not have the permissions to access the data of this query.',
}

/** GetMetricData results refused by `metricQuery` faults: that query's StatusCode and Messages, and no data. */
export function refuseQueries(output: unknown, faults: Fault[]): unknown {
  const refusing = faults.filter((f) => f.metricQuery !== undefined)
  if (refusing.length === 0 || !isRecord(output) || !Array.isArray(output.MetricDataResults)) return output
  const results = output.MetricDataResults.map((r: unknown) => {
    if (!isRecord(r)) return r
    const f = refusing.find((x) => globMatch(x.metricQuery ?? '', String(r.Id)))
    if (!f?.error) return r
    return {
      ...r,
      Timestamps: [],
      Values: [],
      StatusCode: f.error,
      Messages: [{ Code: f.error, Value: QUERY_MESSAGES[f.error] ?? f.error }],
    }
  })
  return { ...output, MetricDataResults: results }
}
