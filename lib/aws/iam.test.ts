import {
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'

import {
  getOidcProvider,
  getPolicyDocument,
  getRole,
  getRolePolicy,
  listAttachedRolePolicies,
  listOidcProviders,
  listRolePolicies,
} from './iam'
import { getRoleOutput, POWER_USER_ARN, powerUserDocument, PROVIDER_ARN, ROLE_NAME, trustPolicy } from './iam.fixtures'
import { accessDenied, awsError } from './sdk-errors.fixtures'

const iam = mockClient(IAMClient)

beforeEach(() => {
  iam.reset()
  resetCacheForTests()
})
afterEach(() => iam.reset())

describe('getRole', () => {
  it('decodes the URL-encoded trust policy', async () => {
    iam.on(GetRoleCommand, { RoleName: ROLE_NAME }).resolves(getRoleOutput)
    const r = await getRole(ROLE_NAME)
    expect(r.ok && r.data).toMatchObject({ name: ROLE_NAME, arn: getRoleOutput.Role.Arn, createdAt: '2026-01-26T10:00:00.000Z' })
    expect(r.ok && JSON.parse(r.data.trustPolicy)).toEqual(trustPolicy)
  })

  it('is cached: two reads, one call', async () => {
    iam.on(GetRoleCommand).resolves(getRoleOutput)
    await Promise.all([getRole(ROLE_NAME), getRole(ROLE_NAME)])
    await getRole(ROLE_NAME)
    expect(iam.commandCalls(GetRoleCommand)).toHaveLength(1)
  })

  it('maps NoSuchEntity to not_found and AccessDenied to aws_denied naming the action', async () => {
    iam.on(GetRoleCommand).rejects(awsError('NoSuchEntity', 'The role with name X cannot be found.', 404))
    const missing = await getRole('X')
    expect(!missing.ok && missing.error.code).toBe('not_found')

    resetCacheForTests()
    iam.on(GetRoleCommand).rejects(Object.assign(accessDenied('iam:GetRole'), { name: 'AccessDenied' }))
    const denied = await getRole('Y')
    expect(!denied.ok && denied.error).toMatchObject({ code: 'aws_denied', awsCode: 'AccessDenied' })
    expect(!denied.ok && denied.error.message).toContain('iam:GetRole')
  })
})

describe('listAttachedRolePolicies', () => {
  it('follows Marker pages', async () => {
    iam
      .on(ListAttachedRolePoliciesCommand, { RoleName: ROLE_NAME, Marker: undefined })
      .resolves({
        AttachedPolicies: [{ PolicyName: 'AmazonEC2ContainerRegistryPowerUser', PolicyArn: POWER_USER_ARN }],
        IsTruncated: true,
        Marker: 'm1',
      })
      .on(ListAttachedRolePoliciesCommand, { RoleName: ROLE_NAME, Marker: 'm1' })
      .resolves({
        AttachedPolicies: [{ PolicyName: 'AWSAppRunnerFullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AWSAppRunnerFullAccess' }],
        IsTruncated: false,
      })
    const r = await listAttachedRolePolicies(ROLE_NAME)
    expect(r.ok && r.data.map((p) => p.name)).toEqual(['AmazonEC2ContainerRegistryPowerUser', 'AWSAppRunnerFullAccess'])
  })
})

describe('getPolicyDocument', () => {
  it('reads the default version and decodes it', async () => {
    iam
      .on(GetPolicyCommand, { PolicyArn: POWER_USER_ARN })
      .resolves({ Policy: { PolicyName: 'AmazonEC2ContainerRegistryPowerUser', DefaultVersionId: 'v3' } })
    iam
      .on(GetPolicyVersionCommand, { PolicyArn: POWER_USER_ARN, VersionId: 'v3' })
      .resolves({ PolicyVersion: { VersionId: 'v3', Document: encodeURIComponent(JSON.stringify(powerUserDocument)) } })
    const r = await getPolicyDocument(POWER_USER_ARN)
    expect(r.ok && r.data.versionId).toBe('v3')
    expect(r.ok && JSON.parse(r.data.document)).toEqual(powerUserDocument)
  })

  it('names iam:GetPolicyVersion when that call is denied', async () => {
    iam.on(GetPolicyCommand).resolves({ Policy: { DefaultVersionId: 'v1' } })
    iam
      .on(GetPolicyVersionCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }))
    const r = await getPolicyDocument(POWER_USER_ARN)
    expect(!r.ok && r.error.message).toContain('iam:GetPolicyVersion')
  })

  it('reports an answer without a default version as aws_error', async () => {
    iam.on(GetPolicyCommand).resolves({ Policy: {} })
    const r = await getPolicyDocument(POWER_USER_ARN)
    expect(!r.ok && r.error.code).toBe('aws_error')
  })
})

describe('OIDC providers', () => {
  it('lists ARNs and reads one without the scheme', async () => {
    iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [{ Arn: PROVIDER_ARN }, {}] })
    iam.on(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: PROVIDER_ARN }).resolves({
      Url: 'https://token.actions.githubusercontent.com/',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
    })
    const list = await listOidcProviders()
    expect(list.ok && list.data).toEqual([PROVIDER_ARN])
    const p = await getOidcProvider(PROVIDER_ARN)
    expect(p.ok && p.data).toMatchObject({ url: 'token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] })
  })

  it('maps a throttle to aws_throttled', async () => {
    iam.on(ListOpenIDConnectProvidersCommand).rejects(awsError('Throttling', 'Rate exceeded'))
    const r = await listOidcProviders()
    expect(!r.ok && r.error.code).toBe('aws_throttled')
  })
})

describe('inline policies', () => {
  it('lists names and reads a decoded document', async () => {
    iam.on(ListRolePoliciesCommand, { RoleName: ROLE_NAME }).resolves({ PolicyNames: ['push'], IsTruncated: false })
    iam
      .on(GetRolePolicyCommand, { RoleName: ROLE_NAME, PolicyName: 'push' })
      .resolves({ RoleName: ROLE_NAME, PolicyName: 'push', PolicyDocument: encodeURIComponent(JSON.stringify(powerUserDocument)) })
    const names = await listRolePolicies(ROLE_NAME)
    expect(names.ok && names.data).toEqual(['push'])
    const doc = await getRolePolicy(ROLE_NAME, 'push')
    expect(doc.ok && JSON.parse(doc.data.document)).toEqual(powerUserDocument)
  })
})
