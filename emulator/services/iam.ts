/**
 * IAM (awsQuery, `<member>` lists; a global service: the same in every region). Policy documents go on
 * the wire URL-encoded (RFC 3986), as IAM sends them; the JS SDK hands them back still encoded.
 */
import { num, str } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type ServiceDefinition } from '../core/types'
import type { IamState, PolicyDocument } from '../world/shapes'

type Role = IamState['roles'][string]
type Policy = IamState['policies'][string]

const s = (ms: number) => ms / 1000

/** RFC 3986 percent-encoding (encodeURIComponent leaves !'()* alone). */
export function encodePolicy(doc: PolicyDocument): string {
  return encodeURIComponent(JSON.stringify(doc)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

const noSuchEntity = (message: string) => new AwsError('NoSuchEntityException', message, 404, 'NoSuchEntity')
const invalidInput = (message: string) => new AwsError('InvalidInputException', message, 400, 'InvalidInput')
const invalidMarker = () => invalidInput('Invalid Marker.')

function findRole(ctx: HandlerContext, name: string): Role {
  const role = ctx.world?.iam.roles[name]
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`)
  return role
}

function findPolicy(ctx: HandlerContext, arn: string): Policy {
  if (!arn.startsWith('arn:')) throw invalidInput(`ARN ${arn} is not valid.`)
  const policy = ctx.world?.iam.policies[arn]
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`)
  return policy
}

const policyPath = (arn: string) => {
  const rest = arn.replace(/^arn:aws:iam::[^:]*:policy/, '')
  return rest.slice(0, rest.lastIndexOf('/') + 1) || '/'
}

/** A page of a role's list, with IAM's `IsTruncated` + `Marker`. */
function iamPage<T>(items: T[], input: Record<string, unknown>): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const p = page(items, decodeOffset(input.Marker, invalidMarker), num(input.MaxItems) ?? 100)
  return { items: p.items, IsTruncated: p.next !== undefined, Marker: p.next }
}

const getRole: Handler = (input, ctx) => {
  const role = findRole(ctx, str(input.RoleName) ?? '')
  return {
    Role: {
      Path: '/',
      RoleName: role.name,
      RoleId: role.roleId,
      Arn: role.arn,
      CreateDate: s(role.createDate),
      AssumeRolePolicyDocument: encodePolicy(role.trustPolicy),
      Description: role.description,
      MaxSessionDuration: 3600,
      RoleLastUsed: { LastUsedDate: s(ctx.now - role.lastUsedAgoMs), Region: ctx.region },
    },
  }
}

const listAttachedRolePolicies: Handler = (input, ctx) => {
  const role = findRole(ctx, str(input.RoleName) ?? '')
  const prefix = str(input.PathPrefix) ?? '/'
  const attached = role.attachedPolicyArns
    .map((arn) => ({ PolicyName: ctx.world?.iam.policies[arn]?.name ?? arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }))
    .filter((p) => policyPath(p.PolicyArn).startsWith(prefix))
  const { items, ...rest } = iamPage(attached, input)
  return { AttachedPolicies: items, ...rest }
}

const listRolePolicies: Handler = (input, ctx) => {
  const role = findRole(ctx, str(input.RoleName) ?? '')
  const { items, ...rest } = iamPage(Object.keys(role.inlinePolicies).sort(), input)
  return { PolicyNames: items, ...rest }
}

const getRolePolicy: Handler = (input, ctx) => {
  const role = findRole(ctx, str(input.RoleName) ?? '')
  const name = str(input.PolicyName) ?? ''
  const doc = role.inlinePolicies[name]
  if (!doc) throw noSuchEntity(`The role policy with name ${name} cannot be found.`)
  return { RoleName: role.name, PolicyName: name, PolicyDocument: encodePolicy(doc) }
}

const getPolicy: Handler = (input, ctx) => {
  const policy = findPolicy(ctx, str(input.PolicyArn) ?? '')
  const attachments = Object.values(ctx.world?.iam.roles ?? {}).filter((r) => r.attachedPolicyArns.includes(policy.arn)).length
  return {
    Policy: {
      PolicyName: policy.name,
      PolicyId: policy.policyId,
      Arn: policy.arn,
      Path: policyPath(policy.arn),
      DefaultVersionId: policy.defaultVersionId,
      AttachmentCount: attachments,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: s(policy.createDate),
      UpdateDate: s(policy.updateDate),
    },
  }
}

const getPolicyVersion: Handler = (input, ctx) => {
  const arn = str(input.PolicyArn) ?? ''
  const versionId = str(input.VersionId) ?? ''
  const policy = findPolicy(ctx, arn)
  if (versionId !== policy.defaultVersionId) throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`)
  return {
    PolicyVersion: {
      Document: encodePolicy(policy.document),
      VersionId: policy.defaultVersionId,
      IsDefaultVersion: true,
      CreateDate: s(policy.updateDate),
    },
  }
}

const listOpenIDConnectProviders: Handler = (_input, ctx) => ({
  OpenIDConnectProviderList: Object.values(ctx.world?.iam.oidcProviders ?? {}).map((p) => ({ Arn: p.arn })),
})

const getOpenIDConnectProvider: Handler = (input, ctx) => {
  const arn = str(input.OpenIDConnectProviderArn) ?? ''
  if (!/^arn:aws[\w-]*:iam::\d{12}:oidc-provider\/.+/.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`)
  const p = ctx.world?.iam.oidcProviders[arn]
  if (!p) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`)
  return { Url: p.url, ClientIDList: p.clientIds, ThumbprintList: p.thumbprints, CreateDate: s(p.createDate), Tags: [] }
}

export const iamService: ServiceDefinition = {
  name: 'iam',
  global: true,
  validation: { form: 'coral', code: 'ValidationError', queryCode: 'ValidationError' },
  handlers: {
    GetRole: getRole,
    ListAttachedRolePolicies: listAttachedRolePolicies,
    ListRolePolicies: listRolePolicies,
    GetRolePolicy: getRolePolicy,
    GetPolicy: getPolicy,
    GetPolicyVersion: getPolicyVersion,
    ListOpenIDConnectProviders: listOpenIDConnectProviders,
    GetOpenIDConnectProvider: getOpenIDConnectProvider,
  },
}
