/**
 * EC2 (ec2Query: flattened request lists `GroupId.N`, `Filter.N.Name`; answers without a Result wrapper,
 * lower-camel elements and `<item>` lists, all named by the model): DescribeSecurityGroups,
 * DescribeVpcs, DescribeSubnets.
 */
import { num, records, str, strings } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import type { IpRule, SecurityGroupState, Tag } from '../world/shapes'
import { applyFilters, SECURITY_GROUP_FILTERS, SUBNET_FILTERS, VPC_FILTERS, type Filter } from './ec2-filters'

const invalidToken = () => new AwsError('InvalidPaginationToken', 'The pagination token is not valid.')

const filtersOf = (input: Input): Filter[] =>
  records(input.Filters).map((f) => ({ name: str(f.Name) ?? '', values: strings(f.Values) ?? [] }))

const tagsOut = (tags: Tag[]) => tags.map((t) => ({ Key: t.key, Value: t.value }))

/** A page of `items`; without MaxResults EC2 returns everything. */
function ec2Page<T>(items: T[], input: Input): { items: T[]; next?: string } {
  const offset = decodeOffset(input.NextToken, invalidToken)
  const max = num(input.MaxResults)
  return max === undefined ? { items: items.slice(offset) } : page(items, offset, max)
}

function permission(r: IpRule, ctx: HandlerContext, vpcId: string) {
  return {
    IpProtocol: r.protocol,
    ...(r.protocol === '-1' ? {} : { FromPort: r.fromPort ?? 0, ToPort: r.toPort ?? 65535 }),
    UserIdGroupPairs: r.sourceGroupIds.map((g) => ({ Description: r.description, UserId: ctx.accountId, GroupId: g, VpcId: vpcId })),
    IpRanges: r.cidrs.map((c) => ({ CidrIp: c, Description: r.description })),
    Ipv6Ranges: [],
    PrefixListIds: [],
  }
}

function groupOut(sg: SecurityGroupState, ctx: HandlerContext) {
  return {
    OwnerId: ctx.accountId,
    GroupId: sg.id,
    GroupName: sg.name,
    Description: sg.description,
    VpcId: sg.vpcId,
    SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${sg.id}`,
    IpPermissions: sg.ingress.map((r) => permission(r, ctx, sg.vpcId)),
    IpPermissionsEgress: sg.egress.map((r) => permission(r, ctx, sg.vpcId)),
    Tags: tagsOut(sg.tags),
  }
}

const describeSecurityGroups: Handler = (input, ctx) => {
  const all = Object.values(ctx.world?.securityGroups ?? {})
  const ids = strings(input.GroupIds) ?? []
  const names = strings(input.GroupNames) ?? []
  for (const id of ids) {
    if (!/^sg-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id))
      throw new AwsError('InvalidGroupId.Malformed', `Invalid id: "${id}" (expecting "sg-...")`)
  }
  const missingIds = ids.filter((id) => !all.some((g) => g.id === id))
  if (missingIds.length > 0) throw new AwsError('InvalidGroup.NotFound', `The security group '${missingIds.join("', '")}' does not exist`)
  for (const name of names) {
    if (!all.some((g) => g.name === name))
      throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${all[0]?.vpcId ?? ''}'`)
  }
  if (input.MaxResults !== undefined && ids.length > 0)
    throw new AwsError('InvalidParameterCombination', 'The parameter groupIds cannot be used with the parameter maxResults')
  const selected = all
    .filter((g) => (ids.length === 0 || ids.includes(g.id)) && (names.length === 0 || names.includes(g.name)))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
  const p = ec2Page(applyFilters(selected, filtersOf(input), SECURITY_GROUP_FILTERS, ctx.accountId), input)
  return { SecurityGroups: p.items.map((g) => groupOut(g, ctx)), NextToken: p.next }
}

/** Refuses malformed ids and ids the account does not have, as EC2 does before any filter applies. */
function checkIds(ids: string[], known: string[], kind: 'vpc' | 'subnet'): void {
  const label = kind === 'vpc' ? 'Vpc' : 'Subnet'
  for (const id of ids) {
    if (!new RegExp(`^${kind}-[0-9a-f]{8}([0-9a-f]{9})?$`).test(id))
      throw new AwsError(`Invalid${label}ID.Malformed`, `Invalid id: "${id}"`)
  }
  const missing = ids.filter((id) => !known.includes(id))
  if (missing.length > 0) throw new AwsError(`Invalid${label}ID.NotFound`, `The ${kind} ID '${missing.join("', '")}' does not exist`)
}

const describeVpcs: Handler = (input, ctx) => {
  const vpcs = ctx.world?.vpcs ?? []
  const ids = strings(input.VpcIds) ?? []
  checkIds(
    ids,
    vpcs.map((v) => v.id),
    'vpc',
  )
  const selected = vpcs.filter((v) => ids.length === 0 || ids.includes(v.id))
  const p = ec2Page(applyFilters(selected, filtersOf(input), VPC_FILTERS, ctx.accountId), input)
  return {
    Vpcs: p.items.map((v) => ({
      OwnerId: ctx.accountId,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [
        { AssociationId: `vpc-cidr-assoc-${v.id.slice(4)}`, CidrBlock: v.cidr, CidrBlockState: { State: 'associated' } },
      ],
      IsDefault: v.isDefault,
      BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
      Tags: tagsOut(v.tags),
      VpcId: v.id,
      State: 'available',
      CidrBlock: v.cidr,
      DhcpOptionsId: v.dhcpOptionsId,
    })),
    NextToken: p.next,
  }
}

const describeSubnets: Handler = (input, ctx) => {
  const subnets = ctx.world?.subnets ?? []
  const ids = strings(input.SubnetIds) ?? []
  checkIds(
    ids,
    subnets.map((s) => s.id),
    'subnet',
  )
  const selected = subnets.filter((s) => ids.length === 0 || ids.includes(s.id))
  const p = ec2Page(applyFilters(selected, filtersOf(input), SUBNET_FILTERS, ctx.accountId), input)
  return {
    Subnets: p.items.map((s) => ({
      AvailabilityZoneId: s.availabilityZoneId,
      MapCustomerOwnedIpOnLaunch: false,
      OwnerId: ctx.accountId,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: tagsOut(s.tags),
      SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${s.id}`,
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: {
        HostnameType: 'ip-name',
        EnableResourceNameDnsARecord: false,
        EnableResourceNameDnsAAAARecord: false,
      },
      SubnetId: s.id,
      State: 'available',
      VpcId: s.vpcId,
      CidrBlock: s.cidr,
      AvailableIpAddressCount: s.availableIpAddressCount,
      AvailabilityZone: s.availabilityZone,
      DefaultForAz: s.defaultForAz,
      MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    })),
    NextToken: p.next,
  }
}

export const ec2Service: ServiceDefinition = {
  name: 'ec2',
  validation: { form: 'ec2' },
  handlers: { DescribeSecurityGroups: describeSecurityGroups, DescribeVpcs: describeVpcs, DescribeSubnets: describeSubnets },
}
