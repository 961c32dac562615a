import { describe, expect, it } from 'vitest'

import { toAppError } from './errors'
import { accessDenied, awsError, malformed, networkError, notAwsAnswer, throttled, timeout } from './sdk-errors.fixtures'

describe('toAppError: refused credentials', () => {
  it.each([
    ['UnrecognizedClientException', 'The security token included in the request is invalid.'],
    ['InvalidSignatureException', 'Signature expired: 20260101T000000Z is now earlier than 20260101T001000Z (20260101T001500Z - 5 min.)'],
    ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'],
    ['InvalidClientTokenId', 'The security token included in the request is invalid.'],
    ['AuthFailure', 'AWS was not able to validate the provided access credentials'],
    ['ExpiredTokenException', 'The security token included in the request is expired'],
  ])('%s: one message, the same for every call, with what to do', (name, message) => {
    const a = toAppError(awsError(name, message, 403), { action: 'ecr:DescribeImages', resource: 'ECR repository appfactory-app' })
    const b = toAppError(awsError(name, message, 403), { action: 'rds:DescribeDBInstances' })
    expect(a.code).toBe('aws_denied')
    expect(a.message).toBe(`AWS refused the portal's credentials: ${message.replace(/\.$/, '')}; if you use SSO, run \`aws sso login\`.`)
    expect(b.message).toBe(a.message)
    expect(a.awsCode).toBe(name)
    expect(a.hint).toMatch(/AWS_PROFILE/)
  })

  it('an access denial still names the missing IAM action', () => {
    expect(toAppError(accessDenied('ecr:DescribeImages'), { action: 'ecr:DescribeImages' }).message).toBe(
      'Access denied: the portal may not call ecr:DescribeImages.',
    )
  })
})

const ctx = { action: 'apprunner:ListServices', resource: 'App Runner service appfactory-app-service' }

describe('toAppError: what answered, and with which status', () => {
  it.each([
    ['json', 500],
    ['xml', 500],
    ['json', 404],
    ['xml', 403],
  ] as const)('an HTML page (%s parser, HTTP %i) is named as not an AWS answer, with its status, and no parser name', (parser, status) => {
    const e = toAppError(notAwsAnswer(status, parser), ctx)
    expect(e.code).toBe('aws_error')
    expect(e.message).toContain(`answered HTTP ${status} with an HTML page (text/html), not an AWS API answer, to apprunner:ListServices`)
    expect(e.message).not.toMatch(/SyntaxError|parse|Deserializ/i)
    expect(e.awsCode).toBeUndefined()
    expect(e.requestId).toBeUndefined()
    expect(e.httpStatus).toBe(status)
    expect(e.retryable).toBe(false)
    expect(e.hint).not.toMatch(/^Retry|passing fault/i)
    expect(e.hint).toMatch(/AWS_ENDPOINT_URL/)
  })

  it('a gateway page (HTTP 503) may pass: retry is advised', () => {
    const e = toAppError(notAwsAnswer(503), ctx)
    expect(e.retryable).toBe(true)
    expect(e.message).toContain('HTTP 503')
  })

  it('an AWS answer cut off (HTTP 200 with a request id) could not be read, and keeps the request id', () => {
    const e = toAppError(malformed(), ctx)
    expect(e.message).toMatch(/could not read/)
    expect(e.requestId).toBe('req-bad')
    expect(e.httpStatus).toBe(200)
    expect(e.retryable).toBe(false)
  })

  it('an AWS 5xx keeps its status, code and request id, and advises a retry', () => {
    const e = toAppError(awsError('InternalFailure', 'We encountered an internal error.', 500, 'req-500'), ctx)
    expect(e).toMatchObject({ code: 'aws_error', awsCode: 'InternalFailure', requestId: 'req-500', httpStatus: 500, retryable: true })
    expect(e.message).toBe('AWS failed on apprunner:ListServices on App Runner service appfactory-app-service (HTTP 500, InternalFailure).')
    expect(e.hint).toMatch(/Retry/)
  })

  it('an AWS 4xx that will not change is not retryable and gives no retry advice', () => {
    const e = toAppError(awsError('ValidationException', '1 validation error detected', 400, 'req-400'), ctx)
    expect(e).toMatchObject({ code: 'aws_error', httpStatus: 400, requestId: 'req-400', retryable: false })
    expect(e.message).toBe(
      'AWS rejected apprunner:ListServices on App Runner service appfactory-app-service (HTTP 400): 1 validation error detected.',
    )
    expect(e.hint).not.toMatch(/retry/i)
  })

  it('throttling and timeouts are retryable', () => {
    expect(toAppError(throttled(), ctx)).toMatchObject({ code: 'aws_throttled', retryable: true, httpStatus: 400, requestId: 'req-0001' })
    expect(toAppError(timeout(), ctx)).toMatchObject({ code: 'aws_timeout', retryable: true })
  })

  it('a refused connection is not retryable; a reset one is', () => {
    expect(toAppError(networkError('ECONNREFUSED'), ctx)).toMatchObject({ code: 'aws_unreachable', retryable: false })
    expect(toAppError(networkError('ECONNRESET'), ctx)).toMatchObject({ code: 'aws_unreachable', retryable: true })
  })

  it('something that is not an error at all, or a JavaScript error of its own, is the portal’s fault', () => {
    expect(toAppError('boom', ctx).code).toBe('internal')
    const bug = toAppError(new TypeError("Cannot read properties of undefined (reading 'x')"), ctx)
    expect(bug.code).toBe('internal')
    expect(bug.message).not.toContain('Cannot read')
  })
})

describe('toAppError: a denial carries the IAM action as a field', () => {
  it('the action AWS names (which can differ from the call)', () => {
    const e = toAppError(accessDenied('iam:PassRole'), { action: 'apprunner:UpdateService' })
    expect(e).toMatchObject({ code: 'aws_denied', iamAction: 'iam:PassRole', httpStatus: 403, retryable: false })
  })

  it("the call's own action when AWS names none", () => {
    const e = toAppError(awsError('AccessDeniedException', 'Access denied', 403), { action: 'logs:FilterLogEvents' })
    expect(e.iamAction).toBe('logs:FilterLogEvents')
    expect(e.message).toBe('Access denied: the portal may not call logs:FilterLogEvents.')
  })

  it('refused credentials are not a missing permission', () => {
    expect(toAppError(awsError('UnrecognizedClientException', 'The security token is invalid.', 403), ctx).iamAction).toBeUndefined()
  })
})
