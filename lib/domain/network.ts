import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'

/** One inbound or outbound rule of a security group. `protocol` is `tcp`, `udp`, `icmp` or `-1` (all). */
export const ipRuleSchema = z.object({
  protocol: z.string(),
  fromPort: z.nullable(z.number()),
  toPort: z.nullable(z.number()),
  sourceGroupIds: z.array(z.string()),
  cidrs: z.array(z.string()),
  description: z.nullable(z.string()),
})
export type IpRule = z.infer<typeof ipRuleSchema>

export const securityGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  vpcId: z.nullable(z.string()),
  ingress: z.array(ipRuleSchema),
  egress: z.array(ipRuleSchema),
})
export type SecurityGroup = z.infer<typeof securityGroupSchema>

/** What the network path from the service to the database comes to. */
export const networkVerdicts = ['open', 'blocked', 'no-connector', 'connector-inactive', 'other-vpc', 'unknown'] as const

/** One inbound rule of a database security group that lets the database's port in. */
export const pathRuleSchema = z.object({
  groupId: z.string(),
  groupName: z.nullable(z.string()),
  rule: ipRuleSchema,
  /** Each source of the rule; `isConnector` null when the service's connector is unknown. */
  sources: z.array(
    z.object({ kind: z.enum(['group', 'cidr']), value: z.string(), name: z.nullable(z.string()), isConnector: z.nullable(z.boolean()) }),
  ),
})
export type PathRule = z.infer<typeof pathRuleSchema>

/**
 * The network path from the service to its database, read with EC2: the service's VPC connector and
 * its security groups → the database's security groups and their inbound rules on the database's port.
 * Each side is read on its own; the side that could not be read carries its error.
 */
export const networkPathSchema = z.object({
  database: z.object({
    identifier: z.string(),
    vpcId: z.nullable(z.string()),
    port: z.number(),
    publiclyAccessible: z.boolean(),
    securityGroups: z.array(z.object({ id: z.string(), name: z.nullable(z.string()), vpcId: z.nullable(z.string()) })),
  }),
  /** The service's egress: through a VPC connector, the public internet (DEFAULT), or unknown (the runtime could not be read). */
  egress: z.enum(['VPC', 'DEFAULT', 'unknown']),
  connector: z.nullable(
    z.object({
      arn: z.string(),
      name: z.string(),
      status: z.string(),
      securityGroups: z.array(z.object({ id: z.string(), name: z.nullable(z.string()), vpcId: z.nullable(z.string()) })),
    }),
  ),
  /** Why the service's side is unknown (the runtime or its connector could not be read). */
  serviceError: z.nullable(appErrorSchema),
  /** Why the security groups' rules are unknown (EC2 could not be read). */
  rulesError: z.nullable(appErrorSchema),
  /** The database groups' inbound rules that cover its port. */
  rules: z.array(pathRuleSchema),
  verdict: z.enum(networkVerdicts),
  /** The verdict in words. */
  summary: z.string(),
  fetchedAt: z.string(),
})
export type NetworkPath = z.infer<typeof networkPathSchema>
