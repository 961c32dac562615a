import {
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import {
  APPRUNNER_FULL_ACCESS_ARN,
  ECR_POWER_USER_ARN,
  GITHUB_ROLE,
  GITHUB_ROLE_ARN,
  OIDC_PROVIDER_ARN,
  OIDC_THUMBPRINTS,
} from '../world/constants'
import { caught, clientConfig, control, start } from './helpers'

type Statement = {
  Effect: string
  Action: string | string[]
  Resource?: string
  Principal?: Record<string, string>
  Condition?: Record<string, Record<string, string>>
}
const parsePolicy = (encoded: string | undefined) =>
  JSON.parse(decodeURIComponent(encoded ?? '')) as { Version: string; Statement: Statement[] }

describe('IAM contract', () => {
  let emu: Emulator
  let iam: IAMClient
  beforeAll(async () => {
    emu = await start()
    iam = new IAMClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    iam.destroy()
    await emu.close()
  })

  it('GetRole returns the GitHub role with its URL-encoded trust policy', async () => {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: GITHUB_ROLE }))
    expect(Role).toMatchObject({ RoleName: GITHUB_ROLE, Arn: GITHUB_ROLE_ARN, Path: '/', MaxSessionDuration: 3600 })
    expect(Role!.RoleId).toMatch(/^AROA/)
    expect(Role!.CreateDate).toBeInstanceOf(Date)
    expect(Role!.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22/)
    const trust = parsePolicy(Role!.AssumeRolePolicyDocument)
    expect(trust.Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Federated: OIDC_PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:hanpieter1/AppFactory:*' },
      },
    })
    expect(Role!.RoleLastUsed?.LastUsedDate).toBeInstanceOf(Date)
  })

  it('ListAttachedRolePolicies and ListRolePolicies list the managed and inline policies', async () => {
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: GITHUB_ROLE }))
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: 'AmazonEC2ContainerRegistryPowerUser', PolicyArn: ECR_POWER_USER_ARN },
      { PolicyName: 'AWSAppRunnerFullAccess', PolicyArn: APPRUNNER_FULL_ACCESS_ARN },
    ])
    expect(attached.IsTruncated).toBe(false)
    const inline = await iam.send(new ListRolePoliciesCommand({ RoleName: GITHUB_ROLE }))
    expect(inline.PolicyNames).toEqual(['AppFactoryReadDeploymentLogs'])
  })

  it('GetPolicy and GetPolicyVersion return the real managed policy documents', async () => {
    const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: ECR_POWER_USER_ARN }))
    expect(Policy).toMatchObject({
      PolicyName: 'AmazonEC2ContainerRegistryPowerUser',
      DefaultVersionId: 'v3',
      Arn: ECR_POWER_USER_ARN,
      IsAttachable: true,
    })
    const { PolicyVersion } = await iam.send(
      new GetPolicyVersionCommand({ PolicyArn: ECR_POWER_USER_ARN, VersionId: Policy!.DefaultVersionId }),
    )
    expect(PolicyVersion!.IsDefaultVersion).toBe(true)
    const doc = parsePolicy(PolicyVersion!.Document)
    expect(doc.Statement[0]!.Action).toEqual(
      expect.arrayContaining(['ecr:GetAuthorizationToken', 'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:CompleteLayerUpload']),
    )
    const ar = await iam.send(new GetPolicyVersionCommand({ PolicyArn: APPRUNNER_FULL_ACCESS_ARN, VersionId: 'v1' }))
    const arDoc = parsePolicy(ar.PolicyVersion!.Document)
    expect(arDoc.Statement.map((s) => s.Action)).toEqual(['iam:CreateServiceLinkedRole', 'iam:PassRole', 'apprunner:*'])
  })

  it('lists and describes the GitHub OIDC provider', async () => {
    const list = await iam.send(new ListOpenIDConnectProvidersCommand({}))
    expect(list.OpenIDConnectProviderList).toEqual([{ Arn: OIDC_PROVIDER_ARN }])
    const p = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC_PROVIDER_ARN }))
    expect(p.Url).toBe('token.actions.githubusercontent.com')
    expect(p.ClientIDList).toEqual(['sts.amazonaws.com'])
    expect(p.ThumbprintList).toEqual(OIDC_THUMBPRINTS)
    expect(p.CreateDate).toBeInstanceOf(Date)
  })

  it('answers unknown entities with NoSuchEntityException (404)', async () => {
    const role = await caught(() => iam.send(new GetRoleCommand({ RoleName: 'Nope' })))
    expect(role.name).toBe('NoSuchEntityException')
    expect(role.message).toBe('The role with name Nope cannot be found.')
    expect(role.$metadata?.httpStatusCode).toBe(404)
    expect((await caught(() => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Nope' })))).name).toBe('NoSuchEntityException')
    expect((await caught(() => iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/Nope' })))).name).toBe(
      'NoSuchEntityException',
    )
    expect((await caught(() => iam.send(new GetPolicyVersionCommand({ PolicyArn: ECR_POWER_USER_ARN, VersionId: 'v9' })))).name).toBe(
      'NoSuchEntityException',
    )
    const oidc = await caught(() =>
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'arn:aws:iam::082609687527:oidc-provider/example.com' })),
    )
    expect(oidc.name).toBe('NoSuchEntityException')
  })

  it('reflects the scenarios: missing ECR policy, trust policy for the wrong repository', async () => {
    try {
      await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'role-missing-ecr-policy' })
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: GITHUB_ROLE }))
      expect(attached.AttachedPolicies!.map((p) => p.PolicyArn)).toEqual([APPRUNNER_FULL_ACCESS_ARN])
      await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'trust-policy-wrong-repo' })
      const { Role } = await iam.send(new GetRoleCommand({ RoleName: GITHUB_ROLE }))
      const sub = parsePolicy(Role!.AssumeRolePolicyDocument).Statement[0]!.Condition!.StringLike![
        'token.actions.githubusercontent.com:sub'
      ]
      expect(sub).not.toBe('repo:hanpieter1/AppFactory:*')
    } finally {
      await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'healthy' })
    }
  })
})
