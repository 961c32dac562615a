import 'server-only'

import { DescribeSecurityGroupsCommand, type IpPermission } from '@aws-sdk/client-ec2'

import { cached } from '@/lib/cache'
import type { IpRule, SecurityGroup } from '@/lib/domain/network'
import { ok, err, type Result } from '@/lib/result'

import { ec2Client } from './clients'
import { toAppError } from './errors'

const TTL_MS = 30_000

/** Maps one SDK IpPermission to our rule shape (IPv4 and IPv6 ranges both land in `cidrs`). */
export function toIpRule(p: IpPermission): IpRule {
  return {
    protocol: (p.IpProtocol ?? '-1').toLowerCase(),
    fromPort: typeof p.FromPort === 'number' ? p.FromPort : null,
    toPort: typeof p.ToPort === 'number' ? p.ToPort : null,
    sourceGroupIds: (p.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
    cidrs: [
      ...(p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])),
      ...(p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 ? [r.CidrIpv6] : [])),
    ],
    description: p.UserIdGroupPairs?.find((g) => g.Description)?.Description ?? p.IpRanges?.find((r) => r.Description)?.Description ?? null,
  }
}

/** Describes security groups by id (sorted, de-duplicated). Errors: not_found (InvalidGroup.NotFound), aws_denied (ec2:DescribeSecurityGroups), aws_*. */
export function getSecurityGroups(ids: string[]): Promise<Result<SecurityGroup[]>> {
  const unique = [...new Set(ids)].sort()
  if (unique.length === 0) return Promise.resolve(ok([]))
  return cached(`ec2:sg:${unique.join(',')}`, TTL_MS, async () => {
    try {
      const out = await ec2Client().send(new DescribeSecurityGroupsCommand({ GroupIds: unique }))
      return ok(
        (out.SecurityGroups ?? []).flatMap((g) =>
          g.GroupId
            ? [
                {
                  id: g.GroupId,
                  name: g.GroupName ?? g.GroupId,
                  description: g.Description ?? null,
                  vpcId: g.VpcId ?? null,
                  ingress: (g.IpPermissions ?? []).map(toIpRule),
                  egress: (g.IpPermissionsEgress ?? []).map(toIpRule),
                },
              ]
            : [],
        ),
      )
    } catch (e) {
      return err(toAppError(e, { action: 'ec2:DescribeSecurityGroups', resource: `security groups ${unique.join(', ')}` }))
    }
  })
}
