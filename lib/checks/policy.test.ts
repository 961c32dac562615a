import { describe, expect, it } from 'vitest'

import {
  conditionHolds,
  evaluateAction,
  globMatch,
  parsePolicy,
  trustAllows,
  type Condition,
  type NamedPolicy,
  type Policy,
} from './policy'

const REPO_ARN = 'arn:aws:ecr:eu-central-1:082609687527:repository/appfactory-app'
const PROVIDER = 'arn:aws:iam::082609687527:oidc-provider/token.actions.githubusercontent.com'
const AUD = 'token.actions.githubusercontent.com:aud'
const SUB = 'token.actions.githubusercontent.com:sub'

function policy(doc: unknown): Policy {
  const r = parsePolicy(doc)
  if (!r.ok) throw new Error(r.error.message)
  return r.data
}
const named = (name: string, doc: unknown): NamedPolicy => ({ name, policy: policy(doc) })

describe('parsePolicy', () => {
  const seedTrust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:hanpieter1/AppFactory:*' } },
      },
    ],
  }

  it.each([
    ['a URL-encoded document (as IAM returns it)', encodeURIComponent(JSON.stringify(seedTrust))],
    ['plain JSON text', JSON.stringify(seedTrust)],
    ['an object', seedTrust],
    ['JSON text with surrounding whitespace', `\n  ${JSON.stringify(seedTrust)}  \n`],
  ])('reads %s', (_name, input) => {
    const p = policy(input)
    expect(p.statements).toHaveLength(1)
    const s = p.statements[0]
    expect(s?.effect).toBe('Allow')
    expect(s?.actions).toEqual(['sts:AssumeRoleWithWebIdentity'])
    expect(s?.principals).toEqual([{ type: 'Federated', values: [PROVIDER] }])
    expect(s?.conditions.map((c) => [c.operator, c.key, c.values])).toEqual([
      ['StringEquals', AUD, ['sts.amazonaws.com']],
      ['StringLike', SUB, ['repo:hanpieter1/AppFactory:*']],
    ])
  })

  it('accepts Statement as a single object and Action/Resource as strings or lists', () => {
    const p = policy({ Statement: { Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:UploadLayerPart'], Resource: REPO_ARN } })
    expect(p.statements[0]?.actions).toEqual(['ecr:PutImage', 'ecr:UploadLayerPart'])
    expect(p.statements[0]?.resources).toEqual([REPO_ARN])
  })

  it('reads Principal "*", AWS/Service principals as string or list, and set/IfExists operators', () => {
    const p = policy({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
        {
          Effect: 'Allow',
          Principal: { Service: ['a.amazonaws.com', 'b.amazonaws.com'], AWS: 'arn:aws:iam::1:root' },
          Action: 'sts:AssumeRole',
        },
        { Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a*'] } } },
      ],
    })
    expect(p.statements[0]?.principals).toEqual(['*'])
    expect(p.statements[1]?.principals).toEqual([
      { type: 'Service', values: ['a.amazonaws.com', 'b.amazonaws.com'] },
      { type: 'AWS', values: ['arn:aws:iam::1:root'] },
    ])
    expect(p.statements[2]?.conditions[0]).toMatchObject({
      operator: 'StringLike',
      ifExists: true,
      rawOperator: 'ForAnyValue:StringLikeIfExists',
    })
  })

  it('skips statements without a valid Effect and rejects non-JSON and non-objects', () => {
    expect(policy({ Statement: [{ Effect: 'allow', Action: '*' }, { Action: '*' }] }).statements).toHaveLength(0)
    expect(parsePolicy('%7Bnot json').ok).toBe(false)
    expect(parsePolicy('%E0%A4%A').ok).toBe(false)
    expect(parsePolicy('[]').ok).toBe(false)
    expect(parsePolicy(null).ok).toBe(false)
  })
})

describe('globMatch', () => {
  it.each([
    ['ecr:*', 'ecr:PutImage', false, true],
    ['ecr:Put*', 'ecr:PutImage', false, true],
    ['ecr:Put?mage', 'ecr:PutImage', false, true],
    ['ecr:Put?mage', 'ecr:PutImmage', false, false],
    ['*', 'anything:at-all', false, true],
    ['ecr:putimage', 'ecr:PutImage', false, false],
    ['ecr:putimage', 'ecr:PutImage', true, true],
    ['repo:hanpieter1/AppFactory:*', 'repo:hanpieter1/AppFactory:ref:refs/heads/main', false, true],
    ['repo:hanpieter1/AppFactory:*', 'repo:hanpieter1/AppFactory-old:ref:refs/heads/main', false, false],
    ['repo:hanpieter1/AppFactory:*', 'repo:hanpieter1/appfactory:ref:refs/heads/main', false, false],
    ['arn:aws:ecr:*:*:repository/app.factory', 'arn:aws:ecr:x:y:repository/appXfactory', false, false],
    ['a(b)+[c]', 'a(b)+[c]', false, true],
  ])('%s vs %s (ignore case %s) → %s', (pattern, value, ci, expected) => {
    expect(globMatch(pattern, value, ci)).toBe(expected)
  })
})

describe('evaluateAction', () => {
  const powerUser = named('AmazonEC2ContainerRegistryPowerUser', {
    Statement: [{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:PutImage', 'ecr:UploadLayerPart'], Resource: '*' }],
  })

  it.each<[string, NamedPolicy[], string, string, 'allowed' | 'denied' | 'implicit-deny']>([
    ['exact action, Resource *', [powerUser], 'ecr:PutImage', REPO_ARN, 'allowed'],
    [
      'action case differs',
      [named('p', { Statement: { Effect: 'Allow', Action: 'ECR:putimage', Resource: '*' } })],
      'ecr:PutImage',
      REPO_ARN,
      'allowed',
    ],
    [
      'service wildcard',
      [named('p', { Statement: { Effect: 'Allow', Action: 'ecr:*', Resource: REPO_ARN } })],
      'ecr:PutImage',
      REPO_ARN,
      'allowed',
    ],
    [
      'prefix wildcard',
      [named('p', { Statement: { Effect: 'Allow', Action: 'ecr:*Layer*', Resource: '*' } })],
      'ecr:UploadLayerPart',
      REPO_ARN,
      'allowed',
    ],
    [
      'other resource',
      [named('p', { Statement: { Effect: 'Allow', Action: 'ecr:*', Resource: 'arn:aws:ecr:eu-central-1:082609687527:repository/other' } })],
      'ecr:PutImage',
      REPO_ARN,
      'implicit-deny',
    ],
    [
      'resource ARN case differs',
      [named('p', { Statement: { Effect: 'Allow', Action: 'ecr:*', Resource: REPO_ARN.toUpperCase() } })],
      'ecr:PutImage',
      REPO_ARN,
      'implicit-deny',
    ],
    [
      'resource wildcard',
      [named('p', { Statement: { Effect: 'Allow', Action: 'ecr:*', Resource: 'arn:aws:ecr:*:082609687527:repository/app*' } })],
      'ecr:PutImage',
      REPO_ARN,
      'allowed',
    ],
    ['no policy', [], 'ecr:PutImage', REPO_ARN, 'implicit-deny'],
    [
      'Deny in another policy beats Allow',
      [powerUser, named('deny', { Statement: { Effect: 'Deny', Action: 'ecr:Put*', Resource: '*' } })],
      'ecr:PutImage',
      REPO_ARN,
      'denied',
    ],
    [
      'Deny in a second statement of the same policy',
      [
        named('p', {
          Statement: [
            { Effect: 'Allow', Action: 'ecr:*', Resource: '*' },
            { Effect: 'Deny', Action: 'ecr:PutImage', Resource: REPO_ARN },
          ],
        }),
      ],
      'ecr:PutImage',
      REPO_ARN,
      'denied',
    ],
    [
      'Deny on another action does not matter',
      [powerUser, named('deny', { Statement: { Effect: 'Deny', Action: 'ecr:DeleteRepository', Resource: '*' } })],
      'ecr:PutImage',
      REPO_ARN,
      'allowed',
    ],
    [
      'NotAction allows everything else',
      [named('p', { Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } })],
      'ecr:PutImage',
      REPO_ARN,
      'allowed',
    ],
    [
      'NotAction excludes the action',
      [named('p', { Statement: { Effect: 'Allow', NotAction: 'ecr:*', Resource: '*' } })],
      'ecr:PutImage',
      REPO_ARN,
      'implicit-deny',
    ],
    [
      'conditional Allow does not count',
      [
        named('p', {
          Statement: { Effect: 'Allow', Action: 'ecr:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
        }),
      ],
      'ecr:PutImage',
      REPO_ARN,
      'implicit-deny',
    ],
    [
      'allowed across two policies for different actions',
      [
        named('a', { Statement: { Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' } }),
        named('b', { Statement: { Effect: 'Allow', Action: 'ecr:UploadLayerPart', Resource: '*' } }),
      ],
      'ecr:UploadLayerPart',
      REPO_ARN,
      'allowed',
    ],
  ])('%s', (_name, policies, action, resource, expected) => {
    expect(evaluateAction(policies, action, resource).decision).toBe(expected)
  })

  it('names the deciding statements', () => {
    const d = evaluateAction(
      [named('Custom', { Statement: [{ Sid: 'Push', Effect: 'Allow', Action: 'ecr:PutImage', Resource: '*' }] })],
      'ecr:PutImage',
      REPO_ARN,
    )
    expect(d.by).toEqual(['Custom (Push)'])
  })
})

describe('conditionHolds', () => {
  const c = (operator: string, values: string[], extra: Partial<Condition> = {}): Condition => ({
    operator,
    rawOperator: operator,
    key: SUB,
    values,
    ifExists: false,
    ...extra,
  })
  const ctx = { [SUB]: 'repo:hanpieter1/AppFactory:ref:refs/heads/main' }

  it.each<[string, Condition, Record<string, string>, boolean]>([
    ['StringEquals exact', c('StringEquals', ['repo:hanpieter1/AppFactory:ref:refs/heads/main']), ctx, true],
    ['StringEquals does not expand wildcards', c('StringEquals', ['repo:hanpieter1/AppFactory:*']), ctx, false],
    ['StringLike wildcard', c('StringLike', ['repo:hanpieter1/AppFactory:*']), ctx, true],
    ['StringLike is case-sensitive', c('StringLike', ['repo:hanpieter1/appfactory:*']), ctx, false],
    ['StringLike any of several values', c('StringLike', ['repo:other/x:*', 'repo:hanpieter1/AppFactory:ref:refs/heads/*']), ctx, true],
    ['StringEqualsIgnoreCase', c('StringEqualsIgnoreCase', ['REPO:HANPIETER1/APPFACTORY:REF:REFS/HEADS/MAIN']), ctx, true],
    ['StringNotLike', c('StringNotLike', ['repo:other/*']), ctx, true],
    ['condition key is case-insensitive', c('StringLike', ['repo:hanpieter1/AppFactory:*'], { key: SUB.toUpperCase() }), ctx, true],
    ['missing key fails', c('StringLike', ['*']), {}, false],
    ['missing key with IfExists holds', c('StringLike', ['x'], { ifExists: true }), {}, true],
    ['unknown operator never holds', c('Bool', ['true']), ctx, false],
  ])('%s', (_name, condition, context, expected) => {
    expect(conditionHolds(condition, context)).toBe(expected)
  })
})

describe('trustAllows', () => {
  const trust = (sub: unknown, extra: Record<string, unknown> = {}) =>
    policy({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: PROVIDER },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: sub } },
          ...extra,
        },
      ],
    })
  const ours = { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:hanpieter1/AppFactory:ref:refs/heads/main' }

  it.each<[string, Policy, Record<string, string>, boolean]>([
    ['the documented trust policy', trust('repo:hanpieter1/AppFactory:*'), ours, true],
    ['another repository', trust('repo:hanpieter1/AppFactory-old:*'), ours, false],
    ['repository name in another case', trust('repo:Hanpieter1/appfactory:*'), ours, false],
    ['sub as a list including ours', trust(['repo:a/b:*', 'repo:hanpieter1/AppFactory:*']), ours, true],
    ['wrong audience in the token', trust('repo:hanpieter1/AppFactory:*'), { ...ours, [AUD]: 'https://github.com/hanpieter1' }, false],
    ['main branch only, token from main', trust('repo:hanpieter1/AppFactory:ref:refs/heads/main'), ours, true],
    [
      'another provider',
      policy({
        Statement: {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::1:oidc-provider/other' },
          Action: 'sts:AssumeRoleWithWebIdentity',
        },
      }),
      ours,
      false,
    ],
    [
      'Federated principal as a list',
      policy({ Statement: { Effect: 'Allow', Principal: { Federated: ['x', PROVIDER] }, Action: 'sts:*' } }),
      ours,
      true,
    ],
    [
      'a Deny statement for the repository wins',
      policy({
        Statement: [
          { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringLike: { [SUB]: 'repo:hanpieter1/*' } },
          },
        ],
      }),
      ours,
      false,
    ],
  ])('%s', (_name, p, context, expected) => {
    expect(trustAllows(p, PROVIDER, context).allowed).toBe(expected)
  })
})
