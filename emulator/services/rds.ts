/**
 * RDS (awsQuery, named list items: `<DBInstance>`, `<VpcSecurityGroupMembership>`, `<Event>`, ...).
 * AWS-API-NOTES.md §3, §6.3 and §8.
 */
import { AwsError, type FormInput, type ServiceDefinition, type XmlHandler } from '../core/types'
import { el, isoTime, wrap, xmlList } from '../core/xml'
import { ACCOUNT_ID, DB_ARN, REGION, SUBNET_IDS } from '../world/constants'
import { automaticRestartTime, beginDbStart, beginDbStop } from '../world/transitions'
import type { World } from '../world/world'

const MINUTE = 60_000

function notFound(id: string): AwsError {
  return new AwsError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404)
}

/** Matches an identifier or ARN, case-insensitively, as RDS does. */
function matchesDb(world: World, id: string): boolean {
  const x = id.toLowerCase()
  return x === world.db.identifier.toLowerCase() || x === DB_ARN.toLowerCase()
}

function requireDb(world: World, input: FormInput) {
  const id = input.DBInstanceIdentifier
  if (!id) throw new AwsError('InvalidParameterValue', 'The parameter DBInstanceIdentifier must be provided and must not be blank.')
  if (!matchesDb(world, id)) throw notFound(id)
  return world.db
}

/** Indexed list values of a query field, e.g. `Filters.Filter.1.Values.Value.N`. */
function indexed(input: FormInput, prefix: string): string[] {
  const out: string[] = []
  for (let n = 1; input[`${prefix}.${n}`] !== undefined; n++) out.push(input[`${prefix}.${n}`]!)
  return out
}

function dbInstanceXml(world: World, now: number): string {
  const db = world.db
  const az = `${REGION}a`
  const restart = automaticRestartTime(world)
  const subnets = SUBNET_IDS.map(
    (id, i) =>
      `${el('SubnetIdentifier', id)}${wrap('SubnetAvailabilityZone', el('Name', `${REGION}${i === 0 ? 'a' : 'b'}`))}${el('SubnetStatus', 'Active')}`,
  )
  return [
    el('DBInstanceIdentifier', db.identifier),
    el('DBInstanceClass', db.instanceClass),
    el('Engine', db.engine),
    el('DBInstanceStatus', db.status),
    el('AutomaticRestartTime', restart !== undefined ? isoTime(restart) : undefined),
    el('MasterUsername', db.masterUsername),
    wrap('Endpoint', `${el('Address', db.endpoint.address)}${el('Port', db.endpoint.port)}${el('HostedZoneId', 'Z1RLNUO7B9Q6NB')}`),
    el('AllocatedStorage', db.allocatedStorage),
    el('MaxAllocatedStorage', 100),
    el('InstanceCreateTime', isoTime(db.createdAt)),
    el('PreferredBackupWindow', '02:00-02:30'),
    el('BackupRetentionPeriod', db.backupRetentionPeriod),
    xmlList('DBSecurityGroups', 'DBSecurityGroup', []),
    xmlList(
      'VpcSecurityGroups',
      'VpcSecurityGroupMembership',
      db.securityGroupIds.map((id) => `${el('VpcSecurityGroupId', id)}${el('Status', 'active')}`),
    ),
    xmlList('DBParameterGroups', 'DBParameterGroup', [
      `${el('DBParameterGroupName', 'default.postgres15')}${el('ParameterApplyStatus', 'in-sync')}`,
    ]),
    el('AvailabilityZone', az),
    wrap(
      'DBSubnetGroup',
      `${el('DBSubnetGroupName', 'default')}${el('DBSubnetGroupDescription', 'default')}${el('VpcId', db.vpcId)}${el('SubnetGroupStatus', 'Complete')}${xmlList('Subnets', 'Subnet', subnets)}`,
    ),
    el('PreferredMaintenanceWindow', 'sun:03:00-sun:03:30'),
    wrap('PendingModifiedValues', ''),
    el('LatestRestorableTime', db.status === 'available' ? isoTime(now - 5 * MINUTE) : isoTime(db.stoppedAt ?? now)),
    el('MultiAZ', db.multiAz),
    el('EngineVersion', db.engineVersion),
    el('AutoMinorVersionUpgrade', true),
    xmlList('ReadReplicaDBInstanceIdentifiers', 'ReadReplicaDBInstanceIdentifier', []),
    el('LicenseModel', 'postgresql-license'),
    xmlList('OptionGroupMemberships', 'OptionGroupMembership', [
      `${el('OptionGroupName', 'default:postgres-15')}${el('Status', 'in-sync')}`,
    ]),
    el('PubliclyAccessible', db.publiclyAccessible),
    el('StorageType', db.storageType),
    el('DbInstancePort', 0),
    el('StorageEncrypted', db.storageEncrypted),
    el('KmsKeyId', db.storageEncrypted ? `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/3f1c2b9a-8e4d-4f6b-8b0a-1c2d3e4f5a6b` : undefined),
    el('DbiResourceId', 'db-ABCDEFGHIJKLMNOPQRSTUVWXY2'),
    el('CACertificateIdentifier', 'rds-ca-rsa2048-g1'),
    el('CopyTagsToSnapshot', true),
    el('MonitoringInterval', 0),
    el('DBInstanceArn', DB_ARN),
    el('IAMDatabaseAuthenticationEnabled', false),
    el('PerformanceInsightsEnabled', false),
    el('DeletionProtection', false),
    xmlList('TagList', 'Tag', [`${el('Key', 'Project')}${el('Value', 'AppFactory')}`]),
    el('BackupTarget', 'region'),
    el('NetworkType', 'IPV4'),
    el('StorageThroughput', 0),
    el('DedicatedLogVolume', false),
    el('EngineLifecycleSupport', 'open-source-rds-extended-support'),
  ].join('')
}

const describeDBInstances: XmlHandler = (input, { world, now }) => {
  const id = input.DBInstanceIdentifier
  if (id && !matchesDb(world, id)) throw notFound(id)
  let match = true
  for (let n = 1; input[`Filters.Filter.${n}.Name`] !== undefined; n++) {
    const name = input[`Filters.Filter.${n}.Name`]!
    const values = indexed(input, `Filters.Filter.${n}.Values.Value`)
    if (name === 'db-instance-id') match &&= values.some((v) => matchesDb(world, v))
    else if (name === 'engine') match &&= values.includes(world.db.engine)
    else if (name === 'db-cluster-id') match = false
    else if (!['dbi-resource-id', 'domain'].includes(name)) {
      throw new AwsError('InvalidParameterValue', `Unrecognized filter name: ${name}.`)
    }
  }
  return xmlList('DBInstances', 'DBInstance', match ? [dbInstanceXml(world, now)] : [])
}

const stopDBInstance: XmlHandler = (input, { world, now }) => {
  const db = requireDb(world, input)
  if (db.status !== 'available') throw new AwsError('InvalidDBInstanceState', `Instance ${db.identifier} is not in available state.`)
  beginDbStop(world, now)
  return wrap('DBInstance', dbInstanceXml(world, now))
}

const startDBInstance: XmlHandler = (input, { world, now }) => {
  const db = requireDb(world, input)
  if (db.status !== 'stopped')
    throw new AwsError('InvalidDBInstanceState', `Instance ${db.identifier} is not stopped, it cannot be started.`)
  beginDbStart(world, now)
  return wrap('DBInstance', dbInstanceXml(world, now))
}

function parseTime(v: string | undefined, field: string): number | undefined {
  if (v === undefined || v === '') return undefined
  const t = Date.parse(v)
  if (Number.isNaN(t)) throw new AwsError('InvalidParameterValue', `Invalid value for ${field}: ${v}`)
  return t
}

const describeEvents: XmlHandler = (input, { world, now }) => {
  const sourceType = input.SourceType
  const sourceId = input.SourceIdentifier
  if (sourceId && !sourceType) throw new AwsError('InvalidParameterCombination', 'Cannot specify SourceIdentifier without SourceType')
  const start = parseTime(input.StartTime, 'StartTime')
  const end = parseTime(input.EndTime, 'EndTime') ?? now
  const duration = input.Duration ? Number(input.Duration) : undefined
  const from = start ?? end - (duration ?? 60) * MINUTE
  const categories = indexed(input, 'EventCategories.EventCategory')
  const max = Math.min(100, Math.max(20, Number(input.MaxRecords ?? 100) || 100))
  const offset = input.Marker ? Number(input.Marker) || 0 : 0
  const sourceOk = (!sourceType || sourceType === 'db-instance') && (!sourceId || matchesDb(world, sourceId))
  // Events are kept for 14 days.
  const events = sourceOk
    ? world.db.events
        .filter((e) => e.date >= from && e.date <= end && e.date >= now - 14 * 24 * 60 * MINUTE)
        .filter((e) => categories.length === 0 || e.categories.some((c) => categories.includes(c)))
        .sort((a, b) => a.date - b.date)
    : []
  const page = events.slice(offset, offset + max)
  return (
    xmlList(
      'Events',
      'Event',
      page.map(
        (e) =>
          `${el('SourceIdentifier', world.db.identifier)}${el('SourceType', 'db-instance')}${el('Message', e.message)}` +
          `${xmlList(
            'EventCategories',
            'EventCategory',
            e.categories.map((c) => c),
          )}${el('Date', isoTime(e.date))}${el('SourceArn', DB_ARN)}`,
      ),
    ) + (offset + max < events.length ? el('Marker', String(offset + max)) : '')
  )
}

export const rdsService: ServiceDefinition = {
  name: 'rds',
  protocol: 'query',
  version: '2014-10-31',
  xmlns: 'http://rds.amazonaws.com/doc/2014-10-31/',
  handlers: {
    DescribeDBInstances: describeDBInstances,
    StopDBInstance: stopDBInstance,
    StartDBInstance: startDBInstance,
    DescribeEvents: describeEvents,
  },
}
