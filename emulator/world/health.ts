/**
 * Whether the service's app would answer its health check, from the state of the world alone: the
 * database is available, DATABASE_URL (a plain variable, or a Secrets Manager reference the app reads at
 * start) points at it, and the DB's security groups let the VPC connector's groups in on tcp 5432.
 * App Runner checks this at the end of every deployment; the fake app under /_app/ answers with it.
 */
import { DB_PORT } from './constants'
import { readSecretAs } from './secrets'
import type { SecurityGroupState, WorldState } from './shapes'

function allows5432From(rule: SecurityGroupState['ingress'][number], groups: string[]): boolean {
  const protoOk = rule.protocol === '-1' || rule.protocol === 'tcp' || rule.protocol === '6'
  const portOk = rule.protocol === '-1' || ((rule.fromPort ?? 0) <= DB_PORT && DB_PORT <= (rule.toPort ?? 65535))
  return protoOk && portOk && rule.sourceGroupIds.some((g) => groups.includes(g))
}

/** The value the app sees for an environment variable: plain, or read from its Secrets Manager secret at start. */
export function envValue(world: Pick<WorldState, 'service' | 'secrets' | 'iam'>, name: string): { value?: string; error?: string } {
  const s = world.service
  if (!s) return {}
  const plain = s.env.find((e) => e.name === name)?.value
  if (plain !== undefined) return { value: plain }
  const ref = s.secrets.find((e) => e.name === name)?.value
  return ref === undefined ? {} : readSecretAs(world, s.instanceRoleArn, ref)
}

/** `{ ok: true }`, or why the app would fail its health check (the cause as the app would log it). */
export function appHealth(world: Pick<WorldState, 'db' | 'service' | 'vpcConnectors' | 'securityGroups' | 'secrets' | 'iam'>): {
  ok: boolean
  reason?: string
} {
  const db = world.db
  const service = world.service
  if (!service) return { ok: false, reason: 'the App Runner service does not exist' }
  if (db.status !== 'available')
    return {
      ok: false,
      reason: `database ${db.identifier} is ${db.status}: connect ECONNREFUSED ${db.endpoint.address}:${db.endpoint.port}`,
    }
  const env = envValue(world, 'DATABASE_URL')
  if (env.error) return { ok: false, reason: `DATABASE_URL could not be read: ${env.error}` }
  const url = env.value
  if (!url) return { ok: false, reason: 'DATABASE_URL is not set' }
  let host = ''
  let port = ''
  try {
    const u = new URL(url)
    host = u.hostname
    port = u.port || '5432'
  } catch {
    return { ok: false, reason: 'DATABASE_URL is not a valid URL' }
  }
  if (host !== db.endpoint.address || Number(port) !== db.endpoint.port) {
    return {
      ok: false,
      reason: `getaddrinfo ENOTFOUND ${host} (DATABASE_URL does not point at ${db.endpoint.address}:${db.endpoint.port})`,
    }
  }
  const connector = world.vpcConnectors.find((v) => v.arn === service.egress.vpcConnectorArn)
  const connectorGroups = connector?.securityGroups ?? []
  const open = db.securityGroupIds.some((id) => world.securityGroups[id]?.ingress.some((r) => allows5432From(r, connectorGroups)))
  if (service.egress.type === 'VPC' && !open) {
    return {
      ok: false,
      reason: `connect ETIMEDOUT ${db.endpoint.address}:${db.endpoint.port} (timeout expired while connecting to the database)`,
    }
  }
  return { ok: true }
}
