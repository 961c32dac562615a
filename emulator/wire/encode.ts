/**
 * Encoders for the AWS wire protocols the emulator speaks: a handler's output or an AwsError, as the
 * real service sends it. Each returns a plain response description; the server writes it.
 */
import { serviceModel } from '../models/model'
import type { ServiceName } from '../models/sources'
import type { AwsError, Protocol } from '../core/types'
import { wireOf } from './protocols'
import { outputXml, xmlEscape } from './serialize'

export type EncodedResponse = { status: number; headers: Record<string, string>; body: string | Buffer }

export const jsonContentType = (p: 'json1.0' | 'json1.1') => (p === 'json1.0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1')

/** What an error looks like on the wire for one service: code, status and (CloudWatch) the query code. */
export type WireError = { code: string; message: string; status: number; queryCode?: string; fault: 'Sender' | 'Receiver' }

export function toWireError(e: AwsError): WireError {
  return { code: e.code, message: e.message, status: e.status, queryCode: e.queryCode, fault: e.fault }
}

export function encodeSuccess(
  name: ServiceName,
  protocol: Protocol,
  operation: string,
  output: unknown,
  requestId: string,
): EncodedResponse {
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId }
  if (protocol === 'json1.0' || protocol === 'json1.1') {
    headers['Content-Type'] = jsonContentType(protocol)
    return { status: 200, headers, body: JSON.stringify(output ?? {}) }
  }
  if (protocol === 'rest-json') {
    headers['Content-Type'] = 'application/json'
    return { status: 200, headers, body: JSON.stringify(output ?? {}) }
  }
  const model = serviceModel(name)
  const op = model.operations[operation]
  const xmlns = wireOf(name).query?.xmlns ?? ''
  const inner = outputXml(model, op?.output, output)
  headers['Content-Type'] = 'text/xml'
  if (protocol === 'query') {
    const result = op?.resultWrapper ? `<${op.resultWrapper}>${inner}</${op.resultWrapper}>` : ''
    return {
      status: 200,
      headers,
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${xmlns}">${result}` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
    }
  }
  return {
    status: 200,
    headers,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${xmlns}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`,
  }
}

export function encodeError(name: ServiceName, protocol: Protocol, err: WireError, requestId: string): EncodedResponse {
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId }
  if (protocol === 'json1.0' || protocol === 'json1.1') {
    headers['Content-Type'] = jsonContentType(protocol)
    if (wireOf(name).json?.queryCompatible) {
      // CloudWatch is awsQueryCompatible: the SDK picks the exception from this header's code.
      headers['x-amzn-query-error'] = `${err.queryCode ?? err.code};${err.fault}`
    }
    // App Runner documents `Message`, the others `message`; the SDK reads either, so send both.
    return { status: err.status, headers, body: JSON.stringify({ __type: err.code, message: err.message, Message: err.message }) }
  }
  if (protocol === 'rest-json') {
    headers['Content-Type'] = 'application/json'
    headers['x-amzn-ErrorType'] = err.code
    return { status: err.status, headers, body: JSON.stringify({ Message: err.message }) }
  }
  headers['Content-Type'] = 'text/xml'
  if (protocol === 'query') {
    return {
      status: err.status,
      headers,
      body:
        `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${wireOf(name).query?.xmlns ?? ''}"><Error><Type>${err.fault}</Type>` +
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
