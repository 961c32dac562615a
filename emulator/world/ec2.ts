/**
 * The AppFactory VPC: the VPC, its two private subnets (the App Runner VPC connector's), and the security
 * groups of the App Runner VPC connector and the RDS instance (the VPC's default group).
 */
import { CONNECTOR_SG_ID, DB_PORT, DB_SG_ID, REGION, SUBNET_IDS, VPC_ID } from './constants'
import type { SecurityGroupState, SubnetState, VpcState } from './shapes'

/** Builds the security groups of a fresh (healthy) world, keyed by group id. */
export function createSecurityGroups(): Record<string, SecurityGroupState> {
  const allTraffic = { protocol: '-1', sourceGroupIds: [], cidrs: ['0.0.0.0/0'] }
  return {
    [CONNECTOR_SG_ID]: {
      id: CONNECTOR_SG_ID,
      name: 'appfactory-apprunner-connector',
      description: 'App Runner VPC connector for appfactory-app-service',
      vpcId: VPC_ID,
      ingress: [],
      egress: [{ ...allTraffic }],
      tags: [
        { key: 'Name', value: 'appfactory-apprunner-connector' },
        { key: 'Project', value: 'AppFactory' },
      ],
    },
    [DB_SG_ID]: {
      id: DB_SG_ID,
      // The seed leaves the database on the VPC's default group; the fix it describes adds the connector's group.
      name: 'default',
      description: 'default VPC security group',
      vpcId: VPC_ID,
      ingress: [
        { protocol: '-1', sourceGroupIds: [DB_SG_ID], cidrs: [] },
        {
          protocol: 'tcp',
          fromPort: DB_PORT,
          toPort: DB_PORT,
          sourceGroupIds: [CONNECTOR_SG_ID],
          cidrs: [],
          description: 'PostgreSQL from App Runner VPC connector',
        },
      ],
      egress: [{ ...allTraffic }],
      tags: [],
    },
  }
}

/** The AppFactory VPC (the account's default VPC in eu-central-1). */
export function createVpcs(): VpcState[] {
  return [
    {
      id: VPC_ID,
      cidr: '172.31.0.0/16',
      isDefault: true,
      dhcpOptionsId: 'dopt-0b1c2d3e4f5a6b7c8',
      tags: [{ key: 'Name', value: 'appfactory-vpc' }],
    },
  ]
}

/** The two subnets the App Runner VPC connector and the DB subnet group use, one per availability zone. */
export function createSubnets(): SubnetState[] {
  return SUBNET_IDS.map((id, i) => ({
    id,
    vpcId: VPC_ID,
    cidr: `172.31.${i * 16}.0/20`,
    availabilityZone: `${REGION}${i === 0 ? 'a' : 'b'}`,
    availabilityZoneId: `euc1-az${i === 0 ? 2 : 3}`,
    availableIpAddressCount: 4086 - i * 3,
    mapPublicIpOnLaunch: true,
    defaultForAz: true,
    tags: [{ key: 'Name', value: `appfactory-subnet-${i === 0 ? 'a' : 'b'}` }],
  }))
}
