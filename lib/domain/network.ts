import { z } from 'zod'

/** One inbound or outbound rule of a security group. `protocol` is `tcp`, `udp`, `icmp` or `-1` (all). */
export const ipRuleSchema = z.object({
  protocol: z.string(),
  fromPort: z.number().nullable(),
  toPort: z.number().nullable(),
  sourceGroupIds: z.array(z.string()),
  cidrs: z.array(z.string()),
  description: z.string().nullable(),
})
export type IpRule = z.infer<typeof ipRuleSchema>

export const securityGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  vpcId: z.string().nullable(),
  ingress: z.array(ipRuleSchema),
  egress: z.array(ipRuleSchema),
})
export type SecurityGroup = z.infer<typeof securityGroupSchema>
