/**
 * IAM (awsQuery, `<member>` lists; AWS-API-NOTES §3, §6.6). Policy documents go on the wire URL-encoded
 * (RFC 3986), as IAM sends them; the JS SDK hands them back still encoded.
 */
import { AwsError, type FormInput, type HandlerContext, type ServiceDefinition } from '../core/types'
import { el, isoTime, textList, wrap, xmlList } from '../core/xml'
import type { IamState, PolicyDocument } from '../world/shapes'

type Role = IamState['roles'][string]
type Policy = IamState['policies'][string]

const HOUR = 3_600_000

/** RFC 3986 percent-encoding (encodeURIComponent leaves !'()* alone). */
export function encodePolicy(doc: PolicyDocument): string {
  return encodeURIComponent(JSON.stringify(doc)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

const noSuchEntity = (message: string) => new AwsError('NoSuchEntityException', message, 404, 'NoSuchEntity')
const invalidInput = (message: string) => new AwsError('InvalidInputException', message, 400, 'InvalidInput')

function required(input: FormInput, name: string, member: string): string {
  const v = input[name]
  if (v === undefined || v === '') {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
      400,
      'ValidationError',
    )
  }
  return v
}

function findRole(ctx: HandlerContext, name: string): Role {
  const role = ctx.world.iam.roles[name]
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`)
  return role
}

function findPolicy(ctx: HandlerContext, arn: string): Policy {
  if (!arn.startsWith('arn:')) throw invalidInput(`ARN ${arn} is not valid.`)
  const policy = ctx.world.iam.policies[arn]
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`)
  return policy
}

const policyPath = (arn: string) => {
  const rest = arn.replace(/^arn:aws:iam::[^:]*:policy/, '')
  return rest.slice(0, rest.lastIndexOf('/') + 1) || '/'
}

/** A stable IAM-style id (prefix + 17 uppercase alphanumerics) derived from an ARN. */
function idFor(prefix: string, arn: string): string {
  let h = 2166136261
  let out = ''
  for (let i = 0; out.length < 17; i++) {
    h ^= arn.charCodeAt(i % arn.length) + i
    h = Math.imul(h, 16777619) >>> 0
    out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[h % 32]
  }
  return prefix + out
}

function getRole(input: FormInput, ctx: HandlerContext): string {
  const role = findRole(ctx, required(input, 'RoleName', 'roleName'))
  const isGithub = role.trustPolicy.Statement.some((s) => JSON.stringify(s).includes('AssumeRoleWithWebIdentity'))
  const lastUsed = isGithub ? ctx.now - 2 * HOUR - 14 * 60_000 : ctx.now - 26 * HOUR
  return wrap(
    'Role',
    el('Path', '/') +
      el('RoleName', role.name) +
      el('RoleId', role.roleId) +
      el('Arn', role.arn) +
      el('CreateDate', isoTime(role.createDate)) +
      el('AssumeRolePolicyDocument', encodePolicy(role.trustPolicy)) +
      el(
        'Description',
        isGithub ? 'Role assumed by GitHub Actions (OIDC) to push images and deploy App Runner' : 'Lets App Runner pull images from ECR',
      ) +
      el('MaxSessionDuration', 3600) +
      wrap('RoleLastUsed', el('LastUsedDate', isoTime(lastUsed)) + el('Region', ctx.region)),
  )
}

function listAttachedRolePolicies(input: FormInput, ctx: HandlerContext): string {
  const role = findRole(ctx, required(input, 'RoleName', 'roleName'))
  const prefix = input.PathPrefix ?? '/'
  const attached = role.attachedPolicyArns
    .map((arn) => ({ arn, name: ctx.world.iam.policies[arn]?.name ?? arn.slice(arn.lastIndexOf('/') + 1) }))
    .filter((p) => policyPath(p.arn).startsWith(prefix))
  return (
    xmlList(
      'AttachedPolicies',
      'member',
      attached.map((p) => el('PolicyName', p.name) + el('PolicyArn', p.arn)),
    ) + el('IsTruncated', false)
  )
}

function listRolePolicies(input: FormInput, ctx: HandlerContext): string {
  findRole(ctx, required(input, 'RoleName', 'roleName'))
  return '<PolicyNames/>' + el('IsTruncated', false)
}

function getPolicy(input: FormInput, ctx: HandlerContext): string {
  const policy = findPolicy(ctx, required(input, 'PolicyArn', 'policyArn'))
  const attachments = Object.values(ctx.world.iam.roles).filter((r) => r.attachedPolicyArns.includes(policy.arn)).length
  return wrap(
    'Policy',
    el('PolicyName', policy.name) +
      el('PolicyId', idFor('ANPA', policy.arn)) +
      el('Arn', policy.arn) +
      el('Path', policyPath(policy.arn)) +
      el('DefaultVersionId', policy.defaultVersionId) +
      el('AttachmentCount', attachments) +
      el('PermissionsBoundaryUsageCount', 0) +
      el('IsAttachable', true) +
      el('CreateDate', isoTime(policy.createDate)) +
      el('UpdateDate', isoTime(policy.createDate)),
  )
}

function getPolicyVersion(input: FormInput, ctx: HandlerContext): string {
  const arn = required(input, 'PolicyArn', 'policyArn')
  const versionId = required(input, 'VersionId', 'versionId')
  const policy = findPolicy(ctx, arn)
  if (versionId !== policy.defaultVersionId) throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`)
  return wrap(
    'PolicyVersion',
    el('Document', encodePolicy(policy.document)) +
      el('VersionId', policy.defaultVersionId) +
      el('IsDefaultVersion', true) +
      el('CreateDate', isoTime(policy.createDate)),
  )
}

function listOpenIDConnectProviders(_input: FormInput, ctx: HandlerContext): string {
  return xmlList(
    'OpenIDConnectProviderList',
    'member',
    Object.values(ctx.world.iam.oidcProviders).map((p) => el('Arn', p.arn)),
  )
}

function getOpenIDConnectProvider(input: FormInput, ctx: HandlerContext): string {
  const arn = required(input, 'OpenIDConnectProviderArn', 'openIDConnectProviderArn')
  if (!/^arn:aws[\w-]*:iam::\d{12}:oidc-provider\/.+/.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`)
  const p = ctx.world.iam.oidcProviders[arn]
  if (!p) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`)
  return (
    el('Url', p.url) +
    textList('ClientIDList', 'member', p.clientIds) +
    textList('ThumbprintList', 'member', p.thumbprints) +
    el('CreateDate', isoTime(p.createDate)) +
    '<Tags/>'
  )
}

export const iamService: ServiceDefinition = {
  name: 'iam',
  protocol: 'query',
  version: '2010-05-08',
  xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/',
  handlers: {
    GetRole: getRole,
    ListAttachedRolePolicies: listAttachedRolePolicies,
    ListRolePolicies: listRolePolicies,
    GetPolicy: getPolicy,
    GetPolicyVersion: getPolicyVersion,
    ListOpenIDConnectProviders: listOpenIDConnectProviders,
    GetOpenIDConnectProvider: getOpenIDConnectProvider,
  },
}
