import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'
import type { IpRule, SecurityGroup } from '@/lib/domain/network'
import { DEFAULT_PG_PORT, ruleCoversPort } from '@/lib/domain/network.values'
import type { Service, VpcConnector } from '@/lib/domain/service'

import { errorResult, result, type Evidence } from './result'
import type { Check } from './types'

const meta = { id: 'apprunner-rds-connectivity', title: 'App Runner can reach RDS (VPC connector + security groups)' } as const
const DOCS_VPC = 'https://docs.aws.amazon.com/apprunner/latest/dg/network-vpc.html'
const DOCS_SG = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html'

export type ConnectivityEvidence = {
  service: Pick<Service, 'name' | 'arn' | 'egress'>
  /** The service's VPC connector; null when egress is DEFAULT. */
  connector: VpcConnector | null
  database: Pick<Database, 'identifier' | 'endpoint' | 'securityGroupIds' | 'vpcId' | 'publiclyAccessible'>
  /** The database's and the connector's security groups. */
  securityGroups: SecurityGroup[]
}

const describeRule = (sg: SecurityGroup, r: IpRule) =>
  `${sg.id}: ${r.protocol === '-1' ? 'all traffic' : `${r.protocol} ${r.fromPort ?? '*'}-${r.toPort ?? '*'}`} from ${[...r.sourceGroupIds, ...r.cidrs].join(', ') || 'nothing'}`

/**
 * The service's egress must go through an active VPC connector in the database's VPC, and one of the
 * database's security groups must allow TCP on its port from one of the connector's groups.
 */
export function evaluate(e: ConnectivityEvidence, now: Date): CheckResult {
  const { service: s, connector: c, database: db } = e
  const port = db.endpoint?.port ?? DEFAULT_PG_PORT
  const byId = new Map(e.securityGroups.map((g) => [g.id, g]))
  const dbGroups = db.securityGroupIds.map((id) => byId.get(id)).filter((g): g is SecurityGroup => g !== undefined)
  const evidence: Evidence = [
    {
      label: 'Service egress',
      value: s.egress.type === 'VPC' ? `VPC via ${s.egress.vpcConnectorArn ?? 'unknown connector'}` : 'DEFAULT (public internet)',
    },
    { label: 'DB instance', value: `${db.identifier} in ${db.vpcId ?? 'unknown VPC'}, port ${port}` },
    { label: 'DB security groups', value: db.securityGroupIds.join(', ') || 'none' },
    ...dbGroups.flatMap((g) => g.ingress.map((r, i) => ({ label: `${g.id} (${g.name}) inbound ${i + 1}`, value: describeRule(g, r) }))),
  ]
  const firstDbSg = db.securityGroupIds[0] ?? '<db-security-group>'

  if (s.egress.type !== 'VPC' || !c) {
    const openToWorld = dbGroups.some((g) =>
      g.ingress.some((r) => ruleCoversPort(r, port) && r.cidrs.some((x) => x === '0.0.0.0/0' || x === '::/0')),
    )
    const fix = {
      steps: [
        "Create a VPC connector in the database's VPC subnets with a security group of its own.",
        `Allow TCP ${port} from that group on ${firstDbSg}.`,
        "Switch the service's egress to the connector (App Runner redeploys).",
      ],
      command: [
        `aws apprunner create-vpc-connector --vpc-connector-name appfactory-vpc-connector --subnets <subnet-ids> --security-groups <connector-sg-id>`,
        `aws ec2 authorize-security-group-ingress --group-id ${firstDbSg} --protocol tcp --port ${port} --source-group <connector-sg-id>`,
        `aws apprunner update-service --service-arn ${s.arn} --network-configuration 'EgressConfiguration={EgressType=VPC,VpcConnectorArn=<connector-arn>}'`,
      ].join('\n'),
      docs: DOCS_VPC,
    }
    if (db.publiclyAccessible && openToWorld) {
      return result(
        meta,
        'warn',
        'The service reaches the database over the internet (no VPC connector; the database is public and open to 0.0.0.0/0).',
        evidence,
        fix,
        now,
      )
    }
    return result(meta, 'fail', 'The service has no VPC connector, so it cannot reach the database inside the VPC.', evidence, fix, now)
  }

  const connectorGroups = c.securityGroups
  evidence.push(
    { label: 'VPC connector', value: `${c.name} (${c.status})` },
    { label: 'Connector security groups', value: connectorGroups.join(', ') || 'none' },
  )
  if (c.status.toUpperCase() !== 'ACTIVE') {
    return result(
      meta,
      'fail',
      `The VPC connector ${c.name} is ${c.status}.`,
      evidence,
      {
        steps: ['Create a new VPC connector (connectors cannot be re-activated) and point the service at it.'],
        command: `aws apprunner describe-vpc-connector --vpc-connector-arn ${c.arn}`,
        docs: DOCS_VPC,
      },
      now,
    )
  }
  const connectorVpcs = [...new Set(connectorGroups.map((id) => byId.get(id)?.vpcId).filter((v): v is string => typeof v === 'string'))]
  evidence.push({ label: 'Connector VPC', value: connectorVpcs.join(', ') || 'unknown' })
  if (db.vpcId && connectorVpcs.length > 0 && !connectorVpcs.includes(db.vpcId)) {
    return result(
      meta,
      'fail',
      `The VPC connector is in ${connectorVpcs.join(', ')}, the database in ${db.vpcId}.`,
      evidence,
      {
        steps: [`Create a VPC connector in subnets of ${db.vpcId} and switch the service to it.`],
        command: `aws ec2 describe-subnets --filters Name=vpc-id,Values=${db.vpcId} --query 'Subnets[].SubnetId'`,
        docs: DOCS_VPC,
      },
      now,
    )
  }

  const allowing = dbGroups.flatMap((g) =>
    g.ingress
      .filter((r) => ruleCoversPort(r, port) && r.sourceGroupIds.some((id) => connectorGroups.includes(id)))
      .map((r) => describeRule(g, r)),
  )
  if (allowing.length > 0) {
    evidence.push({ label: 'Rule that lets the connector in', value: allowing.join('; ') })
    return result(meta, 'pass', `The connector's group may reach ${db.identifier} on TCP ${port}.`, evidence, null, now)
  }
  const missingSg = db.securityGroupIds.filter((id) => !byId.has(id))
  if (missingSg.length > 0) evidence.push({ label: 'Security groups not found', value: missingSg.join(', ') })
  const source = connectorGroups[0] ?? '<connector-sg-id>'
  return result(
    meta,
    'fail',
    `No inbound rule on ${db.securityGroupIds.join(', ') || 'the database'} allows TCP ${port} from the connector's group ${connectorGroups.join(', ') || '(none)'}.`,
    evidence,
    {
      steps: [
        `Add an inbound rule to ${firstDbSg}: TCP ${port} from security group ${source} (the App Runner VPC connector).`,
        'Connections work at once; the health check recovers without a redeploy.',
      ],
      command: `aws ec2 authorize-security-group-ingress --group-id ${firstDbSg} --ip-permissions 'IpProtocol=tcp,FromPort=${port},ToPort=${port},UserIdGroupPairs=[{GroupId=${source},Description="PostgreSQL from App Runner VPC connector"}]'`,
      docs: DOCS_SG,
    },
    now,
  )
}

/** The `apprunner-rds-connectivity` check: gathers its evidence, then evaluate(). */
export const apprunnerRdsConnectivity: Check = {
  ...meta,
  async run(ctx) {
    const [service, db] = await Promise.all([ctx.getService(), ctx.getDatabase()])
    if (!service.ok) return errorResult(meta, service.error, ctx.now)
    if (!db.ok) return errorResult(meta, db.error, ctx.now)
    const arn = service.data.egress.type === 'VPC' ? service.data.egress.vpcConnectorArn : null
    let connector: VpcConnector | null = null
    if (arn) {
      const c = await ctx.getVpcConnector(arn)
      if (!c.ok) return errorResult(meta, c.error, ctx.now)
      connector = c.data
    }
    const groups = await ctx.getSecurityGroups([...db.data.securityGroupIds, ...(connector?.securityGroups ?? [])])
    if (!groups.ok) return errorResult(meta, groups.error, ctx.now)
    return evaluate({ service: service.data, connector, database: db.data, securityGroups: groups.data }, ctx.now)
  },
}
