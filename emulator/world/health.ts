/**
 * Whether the service's app would answer its health check, from the state of the world alone: the
 * database is available, DATABASE_URL points at it, and the DB's security groups let the VPC connector's
 * groups in on tcp 5432. App Runner checks this at the end of every deployment; the fake app under
 * /_app/ answers with it.
 */
import { DB_PORT } from './constants'
import type { SecurityGroupState, WorldState } from './shapes'

function allows5432From(rule: SecurityGroupState['ingress'][number], groups: string[]): boolean {
  const protoOk = rule.protocol === '-1' || rule.protocol === 'tcp' || rule.protocol === '6'
  const portOk = rule.protocol === '-1' || ((rule.fromPort ?? 0) <= DB_PORT && DB_PORT <= (rule.toPort ?? 65535))
  return protoOk && portOk && rule.sourceGroupIds.some((g) => groups.includes(g))
}

/** `{ ok: true }`, or why the app would fail its health check (the cause as the app would log it). */
export function appHealth(world: Pick<WorldState, 'db' | 'service' | 'vpcConnector' | 'securityGroups'>): { ok: boolean; reason?: string } {
  const db = world.db
  if (db.status !== 'available')
    return {
      ok: false,
      reason: `database ${db.identifier} is ${db.status}: connect ECONNREFUSED ${db.endpoint.address}:${db.endpoint.port}`,
    }
  const url = world.service.env.find((e) => e.name === 'DATABASE_URL')?.value
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
  const connectorGroups = world.vpcConnector.securityGroups
  const open = db.securityGroupIds.some((id) => world.securityGroups[id]?.ingress.some((r) => allows5432From(r, connectorGroups)))
  if (world.service.egress.type === 'VPC' && !open) {
    return {
      ok: false,
      reason: `connect ETIMEDOUT ${db.endpoint.address}:${db.endpoint.port} (timeout expired while connecting to the database)`,
    }
  }
  return { ok: true }
}
