/**
 * How each service refuses a request it cannot authenticate: JSON services answer
 * `UnrecognizedClientException` / `InvalidSignatureException`, the query services and CloudWatch
 * `InvalidClientTokenId` / `SignatureDoesNotMatch` (403), EC2 `AuthFailure` / `RequestExpired`.
 */
import { AwsError, type Protocol } from '../core/types'
import type { ServiceName } from '../models/sources'
import type { AuthFailure } from './sigv4'

const INVALID_TOKEN = 'The security token included in the request is invalid.'
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
const EC2_AUTH = 'AWS was not able to validate the provided access credentials'

const compact = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

function expiredMessage(f: Extract<AuthFailure, { kind: 'expired' }>): string {
  return `Signature expired: ${f.amzDate} is now earlier than ${compact(new Date(f.now.getTime() - 5 * 60_000))} (${compact(f.now)} - 5 min.)`
}

export function authError(name: ServiceName, protocol: Protocol, f: AuthFailure): AwsError {
  if (protocol === 'ec2') {
    if (f.kind === 'expired') return new AwsError('RequestExpired', 'Request has expired.', 400)
    if (f.kind === 'missing') return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 401)
    return new AwsError('AuthFailure', EC2_AUTH, 401)
  }
  // CloudWatch keeps its query-era names on JSON too (awsQueryCompatible).
  if (protocol === 'query' || name === 'monitoring') {
    const q = (code: string, message: string, status = 403) => new AwsError(code, message, status, code)
    switch (f.kind) {
      case 'missing':
        return q('MissingAuthenticationToken', 'Request is missing Authentication Token')
      case 'incomplete':
        return q('IncompleteSignature', f.detail, 400)
      case 'unknownKey':
        return q('InvalidClientTokenId', INVALID_TOKEN)
      case 'expired':
        return q('SignatureDoesNotMatch', expiredMessage(f))
      case 'signature':
        return q('SignatureDoesNotMatch', MISMATCH)
    }
  }
  if (protocol === 'rest-json') {
    // restJson1 services answer at an HTTP front door: 403 for every credential it cannot accept.
    switch (f.kind) {
      case 'missing':
        return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403)
      case 'incomplete':
        return new AwsError('IncompleteSignatureException', f.detail, 403)
      case 'unknownKey':
        return new AwsError('UnrecognizedClientException', INVALID_TOKEN, 403)
      case 'expired':
        return new AwsError('InvalidSignatureException', expiredMessage(f), 403)
      case 'signature':
        return new AwsError('InvalidSignatureException', MISMATCH, 403)
    }
  }
  switch (f.kind) {
    case 'missing':
      return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403)
    case 'incomplete':
      return new AwsError('IncompleteSignatureException', f.detail, 400)
    case 'unknownKey':
      return new AwsError('UnrecognizedClientException', INVALID_TOKEN, 400)
    case 'expired':
      return new AwsError('InvalidSignatureException', expiredMessage(f), 400)
    case 'signature':
      return new AwsError('InvalidSignatureException', MISMATCH, 400)
  }
}
