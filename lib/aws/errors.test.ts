import { describe, expect, it } from 'vitest'

import { toAppError } from './errors'
import { accessDenied, awsError } from './sdk-errors.fixtures'

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
