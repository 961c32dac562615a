import { describe, expect, it } from 'vitest'

import { CALLER_ARN } from '../world/constants'
import { parseCredentials } from './credentials'

describe('EMULATOR_CREDENTIALS', () => {
  it('reads keys, secrets and identity ARNs (which contain colons themselves)', () => {
    const parsed = parseCredentials(
      ' AKIAPORTAL000000001:s3cret , ASIAGITHUB000000001:other:arn:aws:sts::082609687527:assumed-role/AppFactoryGitHubActionsRole/GitHubActions,AKIAROOT:r:arn:aws:iam::111122223333:root',
    )
    expect(Array.isArray(parsed)).toBe(true)
    if (!Array.isArray(parsed)) return
    expect(parsed.map((c) => [c.accessKeyId, c.secret, c.identity.type, c.identity.arn])).toEqual([
      ['AKIAPORTAL000000001', 's3cret', 'IAMUser', CALLER_ARN],
      ['ASIAGITHUB000000001', 'other', 'AssumedRole', 'arn:aws:sts::082609687527:assumed-role/AppFactoryGitHubActionsRole/GitHubActions'],
      ['AKIAROOT', 'r', 'Root', 'arn:aws:iam::111122223333:root'],
    ])
    expect(parsed[1]!.identity).toMatchObject({
      userName: 'GitHubActions',
      accountId: '082609687527',
      role: { name: 'AppFactoryGitHubActionsRole' },
    })
    expect(parsed[1]!.identity.principalId).toMatch(/^AROA[A-Z0-9]{17}:GitHubActions$/)
    expect(parsed[2]!.identity.accountId).toBe('111122223333')
  })

  it.each([
    ['', /no credentials given/],
    ['AKIAONLYKEY', /has no secret/],
    ['bad key!:secret', /is not an access key id/],
    ['AKIAA:x,AKIAA:y', /listed twice/],
    ['AKIAA:x:arn:aws:s3:::bucket', /is not the ARN of an IAM user/],
  ])('refuses %j with a message naming the problem', (text, message) => {
    const parsed = parseCredentials(text)
    expect(typeof parsed).toBe('string')
    expect(parsed).toMatch(message)
  })
})
