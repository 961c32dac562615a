import 'server-only'

import {
  GetOpenIDConnectProviderCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListOpenIDConnectProvidersCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam'

import { cached } from '@/lib/cache'
import type { AttachedPolicy, OidcProvider, PolicyDocument, Role } from '@/lib/domain/iam'
import { decodePolicyText } from '@/lib/domain/iam'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

import { iamClient } from './clients'
import { toAppError } from './errors'

/** IAM changes rarely; the checks re-read it at most every 30 s. */
const TTL_MS = 30_000
/** Cap on ListAttachedRolePolicies pages (a role can hold at most 20 managed policies). */
const MAX_PAGES = 10

const iso = (d: Date | undefined): string | null => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null)

function malformed<T>(action: string, what: string): Result<T> {
  return err(
    appError('aws_error', `AWS answered ${action} without ${what}.`, { hint: 'Retry; if it persists, report it with the request id.' }),
  )
}

/** Reads an IAM role with its decoded trust policy. Errors: not_found, aws_denied (iam:GetRole), aws_*. */
export function getRole(name: string): Promise<Result<Role>> {
  return cached(`iam:role:${name}`, TTL_MS, async () => {
    try {
      const out = await iamClient().send(new GetRoleCommand({ RoleName: name }))
      const r = out.Role
      if (!r?.Arn || !r.RoleName) return malformed('iam:GetRole', 'a role')
      return ok({
        name: r.RoleName,
        arn: r.Arn,
        roleId: r.RoleId ?? null,
        createdAt: iso(r.CreateDate),
        trustPolicy: decodePolicyText(r.AssumeRolePolicyDocument ?? ''),
        fetchedAt: new Date().toISOString(),
      })
    } catch (e) {
      return err(toAppError(e, { action: 'iam:GetRole', resource: `IAM role ${name}` }))
    }
  })
}

/** Lists the managed policies attached to a role. Errors: not_found, aws_denied (iam:ListAttachedRolePolicies), aws_*. */
export function listAttachedRolePolicies(name: string): Promise<Result<AttachedPolicy[]>> {
  return cached(`iam:attached:${name}`, TTL_MS, async () => {
    try {
      const policies: AttachedPolicy[] = []
      let marker: string | undefined
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await iamClient().send(new ListAttachedRolePoliciesCommand({ RoleName: name, Marker: marker }))
        for (const p of out.AttachedPolicies ?? []) if (p.PolicyArn) policies.push({ arn: p.PolicyArn, name: p.PolicyName ?? p.PolicyArn })
        if (!out.IsTruncated || !out.Marker) break
        marker = out.Marker
      }
      return ok(policies)
    } catch (e) {
      return err(toAppError(e, { action: 'iam:ListAttachedRolePolicies', resource: `IAM role ${name}` }))
    }
  })
}

/** Lists the names of a role's inline policies. Errors: not_found, aws_denied (iam:ListRolePolicies), aws_*. */
export function listRolePolicies(name: string): Promise<Result<string[]>> {
  return cached(`iam:inline:${name}`, TTL_MS, async () => {
    try {
      const names: string[] = []
      let marker: string | undefined
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await iamClient().send(new ListRolePoliciesCommand({ RoleName: name, Marker: marker }))
        names.push(...(out.PolicyNames ?? []))
        if (!out.IsTruncated || !out.Marker) break
        marker = out.Marker
      }
      return ok(names)
    } catch (e) {
      return err(toAppError(e, { action: 'iam:ListRolePolicies', resource: `IAM role ${name}` }))
    }
  })
}

/** Reads one inline policy of a role, decoded. Errors: not_found, aws_denied (iam:GetRolePolicy), aws_*. */
export function getRolePolicy(roleName: string, policyName: string): Promise<Result<PolicyDocument>> {
  return cached(`iam:inline:${roleName}:${policyName}`, TTL_MS, async () => {
    try {
      const out = await iamClient().send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }))
      if (!out.PolicyDocument) return malformed('iam:GetRolePolicy', 'a policy document')
      return ok({
        arn: `inline:${roleName}/${policyName}`,
        name: policyName,
        versionId: 'inline',
        document: decodePolicyText(out.PolicyDocument),
      })
    } catch (e) {
      return err(toAppError(e, { action: 'iam:GetRolePolicy', resource: `inline policy ${policyName} of IAM role ${roleName}` }))
    }
  })
}

/** Reads the default version of a managed policy, decoded. Errors: not_found, aws_denied (iam:GetPolicy / iam:GetPolicyVersion), aws_*. */
export function getPolicyDocument(arn: string): Promise<Result<PolicyDocument>> {
  return cached(`iam:policy:${arn}`, TTL_MS, async () => {
    let action = 'iam:GetPolicy'
    try {
      const policy = (await iamClient().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy
      const versionId = policy?.DefaultVersionId
      if (!versionId) return malformed('iam:GetPolicy', 'a default version id')
      action = 'iam:GetPolicyVersion'
      const version = (await iamClient().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }))).PolicyVersion
      if (!version?.Document) return malformed('iam:GetPolicyVersion', 'a policy document')
      return ok({ arn, name: policy?.PolicyName ?? null, versionId, document: decodePolicyText(version.Document) })
    } catch (e) {
      return err(toAppError(e, { action, resource: `IAM policy ${arn}` }))
    }
  })
}

/** Lists the ARNs of the account's OIDC identity providers. Errors: aws_denied (iam:ListOpenIDConnectProviders), aws_*. */
export function listOidcProviders(): Promise<Result<string[]>> {
  return cached('iam:oidc-providers', TTL_MS, async () => {
    try {
      const out = await iamClient().send(new ListOpenIDConnectProvidersCommand({}))
      return ok((out.OpenIDConnectProviderList ?? []).flatMap((p) => (p.Arn ? [p.Arn] : [])))
    } catch (e) {
      return err(toAppError(e, { action: 'iam:ListOpenIDConnectProviders' }))
    }
  })
}

/** Reads one OIDC identity provider. Errors: not_found, aws_denied (iam:GetOpenIDConnectProvider), aws_*. */
export function getOidcProvider(arn: string): Promise<Result<OidcProvider>> {
  return cached(`iam:oidc:${arn}`, TTL_MS, async () => {
    try {
      const out = await iamClient().send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))
      return ok({
        arn,
        // IAM stores the issuer without a scheme; strip one defensively so comparisons are stable.
        url: (out.Url ?? '').replace(/^https?:\/\//i, '').replace(/\/+$/, ''),
        clientIds: out.ClientIDList ?? [],
        thumbprints: out.ThumbprintList ?? [],
        createdAt: iso(out.CreateDate),
      })
    } catch (e) {
      return err(toAppError(e, { action: 'iam:GetOpenIDConnectProvider', resource: `OIDC provider ${arn}` }))
    }
  })
}
