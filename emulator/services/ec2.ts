/**
 * EC2 (ec2Query; AWS-API-NOTES §4, §6.7): DescribeSecurityGroups. Flattened request lists
 * (`GroupId.N`, `Filter.N.Name` / `Filter.N.Value.M`); the response has no Result wrapper,
 * lowerCamel elements and `<item>` lists.
 */
import { AwsError, type FormInput, type HandlerContext, type ServiceDefinition } from '../core/types'
import { el, xmlList } from '../core/xml'
import type { IpRule, SecurityGroupState } from '../world/shapes'

/** Values of `Prefix.1`, `Prefix.2`, … in index order. */
function indexed(input: FormInput, prefix: string): string[] {
  const out: { n: number; v: string }[] = []
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)$`)
  for (const [k, v] of Object.entries(input)) {
    const m = k.match(re)
    if (m) out.push({ n: Number(m[1]), v })
  }
  return out.sort((a, b) => a.n - b.n).map((x) => x.v)
}

function filters(input: FormInput): { name: string; values: string[] }[] {
  const ns = new Set<number>()
  for (const k of Object.keys(input)) {
    const m = k.match(/^Filter\.(\d+)\.Name$/)
    if (m) ns.add(Number(m[1]))
  }
  return [...ns].sort((a, b) => a - b).map((n) => ({ name: input[`Filter.${n}.Name`] ?? '', values: indexed(input, `Filter.${n}.Value`) }))
}

const glob = (pattern: string, s: string) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) =>
        p
          .split('?')
          .map((q) => q.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
          .join('.'),
      )
      .join('.*')}$`,
  ).test(s)

const FILTER_NAMES = new Set([
  'group-id',
  'group-name',
  'vpc-id',
  'description',
  'owner-id',
  'ip-permission.group-id',
  'ip-permission.cidr',
  'ip-permission.protocol',
  'egress.ip-permission.group-id',
  'egress.ip-permission.cidr',
  'tag:Name',
])

function filterValues(sg: SecurityGroupState, name: string, ownerId: string): string[] | undefined {
  switch (name) {
    case 'group-id':
      return [sg.id]
    case 'group-name':
      return [sg.name]
    case 'vpc-id':
      return [sg.vpcId]
    case 'description':
      return [sg.description]
    case 'owner-id':
      return [ownerId]
    case 'ip-permission.group-id':
      return sg.ingress.flatMap((r) => r.sourceGroupIds)
    case 'ip-permission.cidr':
      return sg.ingress.flatMap((r) => r.cidrs)
    case 'ip-permission.protocol':
      return sg.ingress.map((r) => r.protocol)
    case 'egress.ip-permission.group-id':
      return sg.egress.flatMap((r) => r.sourceGroupIds)
    case 'egress.ip-permission.cidr':
      return sg.egress.flatMap((r) => r.cidrs)
    case 'tag:Name':
      return [sg.name]
    default:
      return undefined
  }
}

function permission(r: IpRule, ctx: HandlerContext, vpcId: string): string {
  const ports = r.protocol === '-1' ? '' : el('fromPort', r.fromPort ?? 0) + el('toPort', r.toPort ?? 65535)
  return (
    el('ipProtocol', r.protocol) +
    ports +
    xmlList(
      'groups',
      'item',
      r.sourceGroupIds.map((g) => el('description', r.description) + el('userId', ctx.accountId) + el('groupId', g) + el('vpcId', vpcId)),
    ) +
    xmlList(
      'ipRanges',
      'item',
      r.cidrs.map((c) => el('cidrIp', c) + el('description', r.description)),
    ) +
    '<ipv6Ranges/><prefixListIds/>'
  )
}

function groupXml(sg: SecurityGroupState, ctx: HandlerContext): string {
  return (
    el('ownerId', ctx.accountId) +
    el('groupId', sg.id) +
    el('groupName', sg.name) +
    el('groupDescription', sg.description) +
    el('vpcId', sg.vpcId) +
    el('securityGroupArn', `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${sg.id}`) +
    xmlList(
      'ipPermissions',
      'item',
      sg.ingress.map((r) => permission(r, ctx, sg.vpcId)),
    ) +
    xmlList(
      'ipPermissionsEgress',
      'item',
      sg.egress.map((r) => permission(r, ctx, sg.vpcId)),
    ) +
    (sg.name === 'default' ? '<tagSet/>' : xmlList('tagSet', 'item', [el('key', 'Name') + el('value', sg.name)]))
  )
}

function describeSecurityGroups(input: FormInput, ctx: HandlerContext): string {
  const all = Object.values(ctx.world.securityGroups)
  const ids = indexed(input, 'GroupId')
  const names = indexed(input, 'GroupName')
  for (const id of ids) {
    if (!/^sg-[0-9a-f]{8}([0-9a-f]{9})?$/.test(id))
      throw new AwsError('InvalidGroupId.Malformed', `Invalid id: "${id}" (expecting "sg-...")`, 400)
  }
  const missingIds = ids.filter((id) => !ctx.world.securityGroups[id])
  if (missingIds.length > 0)
    throw new AwsError('InvalidGroup.NotFound', `The security group '${missingIds.join("', '")}' does not exist`, 400)
  for (const name of names) {
    if (!all.some((g) => g.name === name))
      throw new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in default VPC '${all[0]?.vpcId ?? ''}'`,
        400,
      )
  }
  const fs = filters(input)
  for (const f of fs) {
    if (!FILTER_NAMES.has(f.name)) {
      throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`, 400)
    }
  }
  const maxResults = input.MaxResults === undefined ? undefined : Number(input.MaxResults)
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 1000)) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ( ${input.MaxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
      400,
    )
  }
  if (maxResults !== undefined && ids.length > 0)
    throw new AwsError('InvalidParameterCombination', 'The parameter groupIds cannot be used with the parameter maxResults', 400)
  const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64url').toString('utf8')) : 0
  if (!Number.isInteger(start) || start < 0)
    throw new AwsError('InvalidPaginationToken', `Invalid pagination token: ${input.NextToken ?? ''}`, 400)

  const matching = all
    .filter((g) => (ids.length === 0 || ids.includes(g.id)) && (names.length === 0 || names.includes(g.name)))
    .filter((g) => fs.every((f) => (filterValues(g, f.name, ctx.accountId) ?? []).some((v) => f.values.some((p) => glob(p, v)))))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
  const page = maxResults === undefined ? matching.slice(start) : matching.slice(start, start + maxResults)
  const next =
    maxResults !== undefined && start + maxResults < matching.length
      ? Buffer.from(String(start + maxResults)).toString('base64url')
      : undefined
  return (
    xmlList(
      'securityGroupInfo',
      'item',
      page.map((g) => groupXml(g, ctx)),
    ) + (next ? el('nextToken', next) : '')
  )
}

export const ec2Service: ServiceDefinition = {
  name: 'ec2',
  protocol: 'ec2',
  version: '2016-11-15',
  xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  handlers: { DescribeSecurityGroups: describeSecurityGroups },
}
