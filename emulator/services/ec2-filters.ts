/**
 * EC2's `Filter.N.Name` / `Filter.N.Value.M` filters for the resources the emulator has: each filter name
 * maps a resource to the values it matches against (`*` and `?` wildcards); `tag:<key>` matches the
 * value of that tag, `tag-key` the tag keys. A name the resource type does not know is refused.
 */
import { AwsError } from '../core/types'
import type { SecurityGroupState, SubnetState, Tag, VpcState } from '../world/shapes'

export type Filter = { name: string; values: string[] }
type Extractor<T> = (r: T, ownerId: string) => (string | number | boolean | undefined)[]

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

const rules = (sg: SecurityGroupState, egress: boolean) => (egress ? sg.egress : sg.ingress)

function permissionFilters(prefix: string, egress: boolean): Record<string, Extractor<SecurityGroupState>> {
  return {
    [`${prefix}ip-permission.group-id`]: (sg) => rules(sg, egress).flatMap((r) => r.sourceGroupIds),
    [`${prefix}ip-permission.cidr`]: (sg) => rules(sg, egress).flatMap((r) => r.cidrs),
    [`${prefix}ip-permission.protocol`]: (sg) => rules(sg, egress).map((r) => r.protocol),
    [`${prefix}ip-permission.from-port`]: (sg) => rules(sg, egress).map((r) => (r.protocol === '-1' ? undefined : (r.fromPort ?? 0))),
    [`${prefix}ip-permission.to-port`]: (sg) => rules(sg, egress).map((r) => (r.protocol === '-1' ? undefined : (r.toPort ?? 65535))),
  }
}

export const SECURITY_GROUP_FILTERS: Record<string, Extractor<SecurityGroupState>> = {
  'group-id': (sg) => [sg.id],
  'group-name': (sg) => [sg.name],
  'vpc-id': (sg) => [sg.vpcId],
  description: (sg) => [sg.description],
  'owner-id': (_sg, owner) => [owner],
  ...permissionFilters('', false),
  ...permissionFilters('egress.', true),
}

export const VPC_FILTERS: Record<string, Extractor<VpcState>> = {
  'vpc-id': (v) => [v.id],
  cidr: (v) => [v.cidr],
  'cidr-block-association.cidr-block': (v) => [v.cidr],
  'is-default': (v) => [v.isDefault],
  state: () => ['available'],
  'owner-id': (_v, owner) => [owner],
  'dhcp-options-id': (v) => [v.dhcpOptionsId],
}

export const SUBNET_FILTERS: Record<string, Extractor<SubnetState>> = {
  'subnet-id': (s) => [s.id],
  'vpc-id': (s) => [s.vpcId],
  'availability-zone': (s) => [s.availabilityZone],
  'availability-zone-id': (s) => [s.availabilityZoneId],
  'cidr-block': (s) => [s.cidr],
  'default-for-az': (s) => [s.defaultForAz],
  'map-public-ip-on-launch': (s) => [s.mapPublicIpOnLaunch],
  state: () => ['available'],
  'owner-id': (_s, owner) => [owner],
}

/** Keeps the resources every filter matches (filters AND, values of one filter OR). Throws for an unknown filter name. */
export function applyFilters<T extends { tags: Tag[] }>(
  items: T[],
  filters: Filter[],
  known: Record<string, Extractor<T>>,
  ownerId: string,
): T[] {
  const extractors = filters.map((f) => {
    if (f.name.startsWith('tag:')) {
      const key = f.name.slice(4)
      return (r: T) => r.tags.filter((t) => t.key === key).map((t) => t.value)
    }
    if (f.name === 'tag-key') return (r: T) => r.tags.map((t) => t.key)
    const ex = known[f.name]
    if (!ex) throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`)
    return (r: T) => ex(r, ownerId)
  })
  return items.filter((r) =>
    filters.every((f, i) =>
      extractors[i]!(r)
        .filter((v) => v !== undefined)
        .some((v) => f.values.some((p) => glob(p, String(v)))),
    ),
  )
}
