import { z } from 'zod/mini'

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
