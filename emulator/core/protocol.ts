/**
 * Encoders for the four AWS wire protocols the emulator speaks (see /work/shared/AWS-API-NOTES.md §2–§4).
 * Each returns a plain response description; the server writes it.
 */
import type { AwsError, Protocol, ServiceDefinition } from './types'
import { xmlEscape } from './xml'

export type EncodedResponse = { status: number; headers: Record<string, string>; body: string }

const xmlnsOf = (def: ServiceDefinition) => ('xmlns' in def ? def.xmlns : '')

const jsonContentType = (p: Protocol) => (p === 'json1.0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1')

/** What an error looks like on the wire for one service: code, status and (CloudWatch) the query code. */
export type WireError = { code: string; message: string; status: number; queryCode?: string; fault: 'Sender' | 'Receiver' }

export function toWireError(e: AwsError): WireError {
  return { code: e.code, message: e.message, status: e.status, queryCode: e.queryCode, fault: e.fault }
}

export function encodeSuccess(def: ServiceDefinition, operation: string, output: unknown, requestId: string): EncodedResponse {
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId }
  if (def.protocol === 'json1.0' || def.protocol === 'json1.1') {
    headers['Content-Type'] = jsonContentType(def.protocol)
    return { status: 200, headers, body: JSON.stringify(output ?? {}) }
  }
  headers['Content-Type'] = 'text/xml'
  const inner = typeof output === 'string' ? output : ''
  if (def.protocol === 'query') {
    return {
      status: 200,
      headers,
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${xmlnsOf(def)}">` +
        `<${operation}Result>${inner}</${operation}Result>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
    }
  }
  return {
    status: 200,
    headers,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${xmlnsOf(def)}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`,
  }
}

export function encodeError(def: ServiceDefinition, err: WireError, requestId: string): EncodedResponse {
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId }
  if (def.protocol === 'json1.0' || def.protocol === 'json1.1') {
    headers['Content-Type'] = jsonContentType(def.protocol)
    if (def.name === 'monitoring') {
      // CloudWatch is awsQueryCompatible: the SDK picks the exception from this header's code.
      headers['x-amzn-query-error'] = `${err.queryCode ?? err.code};${err.fault}`
    }
    // App Runner documents `Message`, the others `message`; the SDK reads either, so send both.
    return { status: err.status, headers, body: JSON.stringify({ __type: err.code, message: err.message, Message: err.message }) }
  }
  headers['Content-Type'] = 'text/xml'
  if (def.protocol === 'query') {
    return {
      status: err.status,
      headers,
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${xmlnsOf(def)}"><Error><Type>${err.fault}</Type>` +
        `<Code>${xmlEscape(err.queryCode ?? err.code)}</Code><Message>${xmlEscape(err.message)}</Message></Error>` +
        `<RequestId>${requestId}</RequestId></ErrorResponse>`,
    }
  }
  return {
    status: err.status,
    headers,
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${xmlEscape(err.code)}</Code>` +
      `<Message>${xmlEscape(err.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  }
}

/**
 * An injected fault's error, translated to what this service would really send: e.g. a generic
 * `ThrottlingException` becomes `Throttling` on the query services and CloudWatch, and
 * `RequestLimitExceeded` (503) on EC2; `AccessDeniedException` becomes `AccessDenied` (403) on the
 * query services and `UnauthorizedOperation` (403) on EC2.
 */
export function faultError(
  def: ServiceDefinition,
  operation: string,
  code: string,
  status: number | undefined,
  accountId: string,
  callerArn: string,
): WireError {
  const isJson = def.protocol === 'json1.0' || def.protocol === 'json1.1'
  const throttling = /^(Throttling|ThrottlingException|Throttled|TooManyRequestsException|RequestLimitExceeded)$/.test(code)
  const denied = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test(code)
  const action = `${def.name === 'monitoring' ? 'cloudwatch' : def.name}:${operation}`
  const deniedMessage = `User: ${callerArn} is not authorized to perform: ${action} on resource: arn:aws:${def.name}:*:${accountId}:* because no identity-based policy allows the ${action} action`
  const serverDefault =
    /^(InternalFailure|InternalError|ServiceUnavailable|ServiceUnavailableException|InternalServerError|InternalServiceError|ServerException)/.test(
      code,
    )
      ? 500
      : 400

  if (throttling) {
    if (def.protocol === 'ec2')
      return { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', status: status ?? 503, fault: 'Sender' }
    if (def.protocol === 'query') return { code: 'Throttling', message: 'Rate exceeded', status: status ?? 400, fault: 'Sender' }
    if (def.name === 'monitoring')
      return { code: 'Throttling', queryCode: 'Throttling', message: 'Rate exceeded', status: status ?? 400, fault: 'Sender' }
    return { code: 'ThrottlingException', message: 'Rate exceeded', status: status ?? 400, fault: 'Sender' }
  }
  if (denied) {
    if (def.protocol === 'ec2')
      return {
        code: 'UnauthorizedOperation',
        message: `You are not authorized to perform this operation. ${deniedMessage}`,
        status: status ?? 403,
        fault: 'Sender',
      }
    if (def.protocol === 'query') return { code: 'AccessDenied', message: deniedMessage, status: status ?? 403, fault: 'Sender' }
    if (def.name === 'monitoring')
      return { code: 'AccessDenied', queryCode: 'AccessDenied', message: deniedMessage, status: status ?? 403, fault: 'Sender' }
    return { code: 'AccessDeniedException', message: deniedMessage, status: status ?? 400, fault: 'Sender' }
  }
  const s = status ?? serverDefault
  return {
    code,
    message: isJson ? `Injected fault: ${code}` : `Injected fault: ${code}`,
    status: s,
    fault: s >= 500 ? 'Receiver' : 'Sender',
  }
}

/** A deliberately broken body (valid start, truncated) so the SDK fails while parsing. */
export function malformedBody(def: ServiceDefinition, operation: string, requestId: string): EncodedResponse {
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId }
  if (def.protocol === 'json1.0' || def.protocol === 'json1.1') {
    headers['Content-Type'] = jsonContentType(def.protocol)
    return { status: 200, headers, body: '{"truncated": [{"value": "\u0000' }
  }
  headers['Content-Type'] = 'text/xml'
  return { status: 200, headers, body: `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response><${operation}Result><Trunc` }
}
