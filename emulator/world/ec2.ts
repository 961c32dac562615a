/** Security groups of the AppFactory VPC: the App Runner VPC connector's group and the RDS instance's (default) group. */
import { CONNECTOR_SG_ID, DB_PORT, DB_SG_ID, VPC_ID } from './constants'
import type { SecurityGroupState } from './shapes'

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
    },
  }
}
