/**
 * Just enough IAM policy evaluation for the calls AWS services make on the account's behalf (EventBridge
 * Scheduler assuming its execution role): whether a role's trust policy lets a service assume it, and
 * whether the role's policies (inline and attached) allow an action on a resource. An explicit Deny wins;
 * `*` and `?` wildcards match as IAM matches them (actions case-insensitively). Conditions on permission
 * statements are taken as met; on the trust policy `aws:SourceAccount` and `aws:SourceArn` are checked,
 * the keys the scheduler sets when it assumes a role.
 */
import { isRecord } from '../core/input'
import type { IamState, PolicyDocument } from './shapes'

type Role = IamState['roles'][string]

const asList = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [])

function wildcard(pattern: string, value: string, caseless: boolean): boolean {
  const esc = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${esc}$`, caseless ? 'i' : '').test(value)
}

/** The role named by an IAM role ARN (`arn:aws:iam::<account>:role/[path/]<name>`), if the world has it. */
export function roleByArn(iam: IamState, arn: string): Role | undefined {
  const name = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn)?.[1]
  const role = name === undefined ? undefined : iam.roles[name]
  return role && role.arn === arn ? role : undefined
}

function conditionsMet(condition: unknown, context: Record<string, string>): boolean {
  if (!isRecord(condition)) return true
  for (const [operator, block] of Object.entries(condition)) {
    if (!isRecord(block)) return false
    for (const [key, expected] of Object.entries(block)) {
      const actual = context[key.toLowerCase()]
      const wanted = asList(expected)
      if (actual === undefined) return false
      const like = /Like$/.test(operator)
      if (!/^(StringEquals|StringLike|ArnEquals|ArnLike)$/.test(operator)) return false
      if (!wanted.some((w) => (like ? wildcard(w, actual, false) : w === actual))) return false
    }
  }
  return true
}

/** Whether the role's trust policy lets `service` (e.g. `scheduler.amazonaws.com`) assume it, given the request context. */
export function trustsService(role: Role, service: string, context: Record<string, string>): boolean {
  const lowered = Object.fromEntries(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]))
  return role.trustPolicy.Statement.some((s) => {
    if (s.Effect !== 'Allow') return false
    const principal = isRecord(s.Principal) ? asList(s.Principal.Service) : []
    const actions = asList(s.Action)
    return principal.includes(service) && actions.some((a) => wildcard(a, 'sts:AssumeRole', true)) && conditionsMet(s.Condition, lowered)
  })
}

/** The policy documents that apply to a role: its inline policies and the managed policies attached to it. */
export function rolePolicies(iam: IamState, role: Role): PolicyDocument[] {
  const attached = role.attachedPolicyArns.map((arn) => iam.policies[arn]?.document).filter((d): d is PolicyDocument => d !== undefined)
  return [...Object.values(role.inlinePolicies), ...attached]
}

/** Whether the role's policies allow `action` (e.g. `rds:StopDBInstance`) on `resource` (an ARN). */
export function roleAllows(iam: IamState, role: Role, action: string, resource: string): boolean {
  let allowed = false
  for (const doc of rolePolicies(iam, role)) {
    for (const s of doc.Statement) {
      const actionMatch =
        s.NotAction !== undefined
          ? !asList(s.NotAction).some((a) => wildcard(a, action, true))
          : asList(s.Action).some((a) => wildcard(a, action, true))
      const resourceMatch =
        s.NotResource !== undefined
          ? !asList(s.NotResource).some((r) => wildcard(r, resource, false))
          : asList(s.Resource).some((r) => wildcard(r, resource, false))
      if (!actionMatch || !resourceMatch) continue
      if (s.Effect === 'Deny') return false
      if (s.Effect === 'Allow') allowed = true
    }
  }
  return allowed
}
