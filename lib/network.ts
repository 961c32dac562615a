import 'server-only'

import { getSecurityGroups } from '@/lib/aws/ec2'
import { getDatabase } from '@/lib/aws/rds'
import { runtime } from '@/lib/aws/runtime'
import type { AppError } from '@/lib/domain/errors'
import type { NetworkPath, PathRule, SecurityGroup } from '@/lib/domain/network'
import { DEFAULT_PG_PORT, describePorts, ruleCoversPort } from '@/lib/domain/network.values'
import type { VpcConnector } from '@/lib/domain/service'
import { ok, type Result } from '@/lib/result'

/*
 * The network path from the service to its database as data (the database page shows it; the
 * connectivity check judges the same facts): the service's VPC connector and its security groups →
 * the database's security groups and the inbound rules on its port. Each side is read on its own, so
 * the database's side is shown when the runtime cannot be read.
 */

type ServiceSide = { egress: NetworkPath['egress']; connector: VpcConnector | null; error: AppError | null }

/** The service's egress and VPC connector; `unknown` with the error when the runtime cannot be read. */
async function serviceSide(): Promise<ServiceSide> {
  const service = await runtime.getService()
  if (!service.ok) return { egress: 'unknown', connector: null, error: service.error }
  const arn = service.data.egress.type === 'VPC' ? service.data.egress.vpcConnectorArn : null
  if (service.data.egress.type !== 'VPC') return { egress: 'DEFAULT', connector: null, error: null }
  if (!arn) return { egress: 'VPC', connector: null, error: null }
  const connector = await runtime.getVpcConnector(arn)
  return connector.ok
    ? { egress: 'VPC', connector: connector.data, error: null }
    : { egress: 'VPC', connector: null, error: connector.error }
}

const groupRef = (byId: ReadonlyMap<string, SecurityGroup>, id: string) => ({
  id,
  name: byId.get(id)?.name ?? null,
  vpcId: byId.get(id)?.vpcId ?? null,
})

/** The verdict from the facts; pure. */
export function judgePath(p: Omit<NetworkPath, 'verdict' | 'summary' | 'fetchedAt'>): Pick<NetworkPath, 'verdict' | 'summary'> {
  const { database: db, connector } = p
  const target = `${db.identifier} on TCP ${db.port}`
  if (p.rulesError) return { verdict: 'unknown', summary: `The database's security group rules could not be read: ${p.rulesError.message}` }
  if (p.egress === 'DEFAULT')
    return {
      verdict: 'no-connector',
      summary: `The service has no VPC connector: it leaves through the public internet and cannot reach ${target} inside the VPC.`,
    }
  if (p.egress === 'unknown' || !connector) {
    const allowed = [...new Set(p.rules.flatMap((r) => r.sources.map((s) => (s.name ? `${s.value} (${s.name})` : s.value))))]
    const why = p.serviceError ? `: ${p.serviceError.message}` : '.'
    return {
      verdict: 'unknown',
      summary: `${allowed.length ? `${target} admits ${allowed.join(', ')}` : `No rule admits anything to ${target}`}; whether the service's connector is among them is unknown, because ${runtime.label} could not be read${why}`,
    }
  }
  if (connector.status.toUpperCase() !== 'ACTIVE')
    return { verdict: 'connector-inactive', summary: `The VPC connector ${connector.name} is ${connector.status}.` }
  const connectorVpcs = [...new Set(connector.securityGroups.map((g) => g.vpcId).filter((v): v is string => v !== null))]
  if (db.vpcId && connectorVpcs.length > 0 && !connectorVpcs.includes(db.vpcId))
    return { verdict: 'other-vpc', summary: `The VPC connector is in ${connectorVpcs.join(', ')}, the database in ${db.vpcId}.` }
  const opening = p.rules.find((r) => r.sources.some((s) => s.isConnector))
  if (opening) {
    const from = opening.sources.find((s) => s.isConnector)?.value ?? ''
    return {
      verdict: 'open',
      summary: `The connector's group ${from} may reach ${target} (rule on ${opening.groupId}: ${describePorts(opening.rule)}).`,
    }
  }
  return {
    verdict: 'blocked',
    summary: `No inbound rule on ${db.securityGroups.map((g) => g.id).join(', ') || 'the database'} admits the connector's group ${connector.securityGroups.map((g) => g.id).join(', ') || '(none)'} on TCP ${db.port}.`,
  }
}

/**
 * The network path from the service to the database. Fails only when the database cannot be read;
 * the service's side (runtime, connector) and the rules (EC2) each fail alone, with their error.
 * Errors: those of getDatabase.
 */
export async function getNetworkPath(): Promise<Result<NetworkPath>> {
  const [db, side] = await Promise.all([getDatabase(), serviceSide()])
  if (!db.ok) return db
  const port = db.data.endpoint?.port ?? DEFAULT_PG_PORT
  const connectorIds = side.connector?.securityGroups ?? []
  const groups = await getSecurityGroups([...db.data.securityGroupIds, ...connectorIds])
  const byId = new Map((groups.ok ? groups.data : []).map((g) => [g.id, g]))
  // The groups the database admits, for their names (a group in another account may not be readable: names are a nicety).
  const referenced = [...byId.values()].flatMap((g) => g.ingress.flatMap((r) => r.sourceGroupIds)).filter((id) => !byId.has(id))
  if (referenced.length > 0) {
    const more = await getSecurityGroups(referenced)
    if (more.ok) for (const g of more.data) byId.set(g.id, g)
  }
  const rules: PathRule[] = db.data.securityGroupIds.flatMap((id) =>
    (byId.get(id)?.ingress ?? [])
      .filter((r) => ruleCoversPort(r, port))
      .map((rule) => ({
        groupId: id,
        groupName: byId.get(id)?.name ?? null,
        rule,
        sources: [
          ...rule.sourceGroupIds.map((g) => ({
            kind: 'group' as const,
            value: g,
            name: byId.get(g)?.name ?? null,
            isConnector: side.connector ? connectorIds.includes(g) : null,
          })),
          ...rule.cidrs.map((c) => ({ kind: 'cidr' as const, value: c, name: null, isConnector: side.connector ? false : null })),
        ],
      })),
  )
  const facts = {
    database: {
      identifier: db.data.identifier,
      vpcId: db.data.vpcId,
      port,
      publiclyAccessible: db.data.publiclyAccessible,
      securityGroups: db.data.securityGroupIds.map((id) => groupRef(byId, id)),
    },
    egress: side.egress,
    connector: side.connector
      ? {
          arn: side.connector.arn,
          name: side.connector.name,
          status: side.connector.status,
          securityGroups: connectorIds.map((id) => groupRef(byId, id)),
        }
      : null,
    serviceError: side.error,
    rulesError: groups.ok ? null : groups.error,
    rules,
  }
  return ok({ ...facts, ...judgePath(facts), fetchedAt: new Date().toISOString() })
}
