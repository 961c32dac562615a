/**
 * Secrets Manager secrets of the emulated account, and how App Runner reads one for a service's
 * RuntimeEnvironmentSecrets: as the service's instance role, which must exist, trust
 * `tasks.apprunner.amazonaws.com` and be allowed `secretsmanager:GetSecretValue` on the secret.
 */
import { randomBytes, randomUUID } from 'node:crypto'

import { ACCOUNT_ID, REGION } from './constants'
import type { IamState, PolicyDocument, SecretState, WorldState } from './shapes'

/** Secrets Manager's ARN: the name, a dash and six random characters. */
function secretArn(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
  const suffix = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('')
  return `arn:aws:secretsmanager:${REGION}:${ACCOUNT_ID}:secret:${name}-${suffix}`
}

export function createSecret(world: Pick<WorldState, 'secrets'>, name: string, value: string | undefined, now: number): SecretState {
  const secret: SecretState = { name, arn: secretArn(name), value, versionId: randomUUID(), createdAt: now, lastChangedAt: now }
  world.secrets.push(secret)
  return secret
}

/** A secret by name, full ARN, or ARN without its random suffix (as Secrets Manager resolves `SecretId`). */
export function findSecret(world: Pick<WorldState, 'secrets'>, id: string): SecretState | undefined {
  return world.secrets.find((s) => s.name === id || s.arn === id || s.arn.slice(0, -7) === id)
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []

/** IAM's wildcard match (`*` any run, `?` one character), case-sensitive for resources. */
function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ignoreCase ? 'i' : '',
  )
  return re.test(value)
}

function allows(doc: PolicyDocument, action: string, resource: string): boolean {
  return doc.Statement.some(
    (st) =>
      st.Effect === 'Allow' &&
      asList(st.Action).some((a) => globMatches(a, action, true)) &&
      asList(st.Resource).some((r) => globMatches(r, resource)),
  )
}

/** Whether the role (by ARN) lets App Runner's tasks read the secret. */
function roleCanRead(iam: IamState, roleArn: string | undefined, secret: SecretState): string | undefined {
  const role = Object.values(iam.roles).find((r) => r.arn === roleArn)
  if (!roleArn || !role) return `no instance role is configured that App Runner can assume to read ${secret.arn}`
  const trusted = role.trustPolicy.Statement.some((st) => {
    const principal = st.Principal
    const services = typeof principal === 'object' && principal !== null ? asList((principal as Record<string, unknown>).Service) : []
    return st.Effect === 'Allow' && services.includes('tasks.apprunner.amazonaws.com')
  })
  if (!trusted) return `the instance role ${roleArn} does not trust tasks.apprunner.amazonaws.com`
  const docs = [...Object.values(role.inlinePolicies), ...role.attachedPolicyArns.flatMap((a) => iam.policies[a]?.document ?? [])]
  if (!docs.some((d) => allows(d, 'secretsmanager:GetSecretValue', secret.arn)))
    return `the instance role ${roleArn} is not allowed secretsmanager:GetSecretValue on ${secret.arn}`
  return undefined
}

/** The value behind a RuntimeEnvironmentSecrets reference as the service's app would get it, or why it cannot. */
export function readSecretAs(
  world: Pick<WorldState, 'secrets' | 'iam'>,
  roleArn: string | undefined,
  ref: string,
): { value: string } | { error: string } {
  const secret = world.secrets.find((s) => ref === s.arn || ref.startsWith(`${s.arn}:`))
  if (!secret || secret.value === undefined) return { error: `secret ${ref} not found` }
  const denied = roleCanRead(world.iam, roleArn, secret)
  return denied ? { error: denied } : { value: secret.value }
}
