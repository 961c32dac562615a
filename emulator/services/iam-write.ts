/**
 * IAM writes the setup needs: CreateRole (an instance role for App Runner), PutRolePolicy and
 * AttachRolePolicy. Policy documents arrive as JSON (the SDKs and the CLI send them as given) and are
 * parsed as IAM parses them: malformed JSON or a document without statements is refused.
 */
import { randomBytes } from 'node:crypto'

import { str } from '../core/input'
import { AwsError, type Handler } from '../core/types'
import { ACCOUNT_ID } from '../world/constants'
import type { PolicyDocument } from '../world/shapes'
import { encodePolicy, findRole, noSuchEntity } from './iam'

const s = (ms: number) => ms / 1000
const malformed = (message: string) => new AwsError('MalformedPolicyDocumentException', message, 400, 'MalformedPolicyDocument')

function parsePolicy(text: string): PolicyDocument {
  let doc: unknown
  try {
    doc = JSON.parse(decodeURIComponent(text))
  } catch {
    throw malformed('This policy contains invalid Json')
  }
  const record = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {}
  const statements = Array.isArray(record.Statement) ? record.Statement : record.Statement ? [record.Statement] : []
  if (statements.length === 0) throw malformed('Syntax errors in policy.')
  for (const st of statements) {
    const effect = typeof st === 'object' && st !== null ? (st as Record<string, unknown>).Effect : undefined
    if (effect !== 'Allow' && effect !== 'Deny') throw malformed('Syntax errors in policy.')
  }
  return { Version: typeof record.Version === 'string' ? record.Version : '2008-10-17', Statement: statements as Record<string, unknown>[] }
}

/** `AROA` + 17 characters, as IAM's role ids look. */
const roleId = () => `AROA${[...randomBytes(17)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('')}`

export const createRole: Handler = (input, ctx) => {
  const name = str(input.RoleName) ?? ''
  if (!ctx.world) throw new AwsError('ServiceFailure', 'The emulated account is unavailable.', 500)
  const roles = ctx.world.iam.roles
  if (Object.keys(roles).some((n) => n.toLowerCase() === name.toLowerCase()))
    throw new AwsError('EntityAlreadyExistsException', `Role with name ${name} already exists.`, 409, 'EntityAlreadyExists')
  const trustPolicy = parsePolicy(str(input.AssumeRolePolicyDocument) ?? '')
  const path = str(input.Path) ?? '/'
  const role = {
    name,
    arn: `arn:aws:iam::${ACCOUNT_ID}:role${path}${name}`,
    roleId: roleId(),
    createDate: ctx.now,
    description: str(input.Description) ?? '',
    trustPolicy,
    attachedPolicyArns: [],
    inlinePolicies: {},
  }
  roles[name] = role
  return {
    Role: {
      Path: path,
      RoleName: role.name,
      RoleId: role.roleId,
      Arn: role.arn,
      CreateDate: s(role.createDate),
      AssumeRolePolicyDocument: encodePolicy(trustPolicy),
      Description: role.description || undefined,
      MaxSessionDuration: 3600,
    },
  }
}

export const putRolePolicy: Handler = (input, ctx) => {
  const role = findRole(ctx, str(input.RoleName) ?? '')
  role.inlinePolicies[str(input.PolicyName) ?? ''] = parsePolicy(str(input.PolicyDocument) ?? '')
  return {}
}

export const attachRolePolicy: Handler = (input, ctx) => {
  const role = findRole(ctx, str(input.RoleName) ?? '')
  const arn = str(input.PolicyArn) ?? ''
  if (!ctx.world?.iam.policies[arn]) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`)
  if (!role.attachedPolicyArns.includes(arn)) role.attachedPolicyArns.push(arn)
  return {}
}
