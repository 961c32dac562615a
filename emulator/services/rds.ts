/** RDS (awsQuery; list items named by the model: `<DBInstance>`, `<VpcSecurityGroupMembership>`, `<Event>`, …). */
import { list, num, records, str, strings, timeMs } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import { ACCOUNT_ID, DB_ARN, REGION, SUBNET_IDS } from '../world/constants'
import type { World } from '../world/shapes'
import { automaticRestartTime, beginDbStart, beginDbStop } from '../world/transitions'

const MINUTE = 60_000
const s = (ms: number) => ms / 1000

const notFound = (id: string) => new AwsError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404)
const invalidMarker = () => new AwsError('InvalidParameterValue', 'The marker is not valid.')

/** Matches an identifier or ARN, case-insensitively, as RDS does. */
function matchesDb(world: World | null, id: string): boolean {
  const x = id.toLowerCase()
  return world !== null && (x === world.db.identifier.toLowerCase() || x === DB_ARN.toLowerCase())
}

function requireDb(input: Input, ctx: HandlerContext): World {
  const id = str(input.DBInstanceIdentifier) ?? ''
  if (!ctx.world || !matchesDb(ctx.world, id)) throw notFound(id)
  return ctx.world
}

/** One DBInstance as the model names its members (the XML layer gives lists their `<DBInstance>`-style item names). */
function dbInstance(world: World, now: number): Record<string, unknown> {
  const db = world.db
  const restart = automaticRestartTime(world)
  return {
    DBInstanceIdentifier: db.identifier,
    DBInstanceClass: db.instanceClass,
    Engine: db.engine,
    DBInstanceStatus: db.status,
    AutomaticRestartTime: restart !== undefined ? s(restart) : undefined,
    MasterUsername: db.masterUsername,
    Endpoint: { Address: db.endpoint.address, Port: db.endpoint.port, HostedZoneId: 'Z1RLNUO7B9Q6NB' },
    AllocatedStorage: db.allocatedStorage,
    MaxAllocatedStorage: 100,
    InstanceCreateTime: s(db.createdAt),
    PreferredBackupWindow: '02:00-02:30',
    BackupRetentionPeriod: db.backupRetentionPeriod,
    DBSecurityGroups: [],
    VpcSecurityGroups: db.securityGroupIds.map((id) => ({ VpcSecurityGroupId: id, Status: 'active' })),
    DBParameterGroups: [{ DBParameterGroupName: 'default.postgres15', ParameterApplyStatus: 'in-sync' }],
    AvailabilityZone: `${REGION}a`,
    DBSubnetGroup: {
      DBSubnetGroupName: 'default',
      DBSubnetGroupDescription: 'default',
      VpcId: db.vpcId,
      SubnetGroupStatus: 'Complete',
      Subnets: SUBNET_IDS.map((id, i) => ({
        SubnetIdentifier: id,
        SubnetAvailabilityZone: { Name: `${REGION}${i === 0 ? 'a' : 'b'}` },
        SubnetStatus: 'Active',
      })),
    },
    PreferredMaintenanceWindow: 'sun:03:00-sun:03:30',
    PendingModifiedValues: {},
    LatestRestorableTime: s(db.status === 'available' ? now - 5 * MINUTE : (db.stoppedAt ?? now)),
    MultiAZ: db.multiAz,
    EngineVersion: db.engineVersion,
    AutoMinorVersionUpgrade: true,
    ReadReplicaDBInstanceIdentifiers: [],
    LicenseModel: 'postgresql-license',
    OptionGroupMemberships: [{ OptionGroupName: 'default:postgres-15', Status: 'in-sync' }],
    PubliclyAccessible: db.publiclyAccessible,
    StorageType: db.storageType,
    DbInstancePort: 0,
    StorageEncrypted: db.storageEncrypted,
    KmsKeyId: db.storageEncrypted ? `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/3f1c2b9a-8e4d-4f6b-8b0a-1c2d3e4f5a6b` : undefined,
    DbiResourceId: 'db-ABCDEFGHIJKLMNOPQRSTUVWXY2',
    CACertificateIdentifier: 'rds-ca-rsa2048-g1',
    CopyTagsToSnapshot: true,
    MonitoringInterval: 0,
    DBInstanceArn: DB_ARN,
    IAMDatabaseAuthenticationEnabled: false,
    PerformanceInsightsEnabled: false,
    DeletionProtection: false,
    TagList: [{ Key: 'Project', Value: 'AppFactory' }],
    BackupTarget: 'region',
    NetworkType: 'IPV4',
    StorageThroughput: 0,
    DedicatedLogVolume: false,
    EngineLifecycleSupport: 'open-source-rds-extended-support',
  }
}

const describeDBInstances: Handler = (input, { world, now }) => {
  const id = str(input.DBInstanceIdentifier)
  if (id && !matchesDb(world, id)) throw notFound(id)
  let match = world !== null
  for (const f of records(input.Filters)) {
    const name = str(f.Name) ?? ''
    const values = strings(f.Values) ?? []
    if (name === 'db-instance-id') match &&= values.some((v) => matchesDb(world, v))
    else if (name === 'engine') match &&= world !== null && values.includes(world.db.engine)
    else if (name === 'db-cluster-id') match = false
    else if (!['dbi-resource-id', 'domain'].includes(name))
      throw new AwsError('InvalidParameterValue', `Unrecognized filter name: ${name}.`)
  }
  decodeOffset(input.Marker, invalidMarker)
  return { DBInstances: match && world ? [dbInstance(world, now)] : [] }
}

const stopDBInstance: Handler = (input, ctx) => {
  const world = requireDb(input, ctx)
  if (world.db.status !== 'available')
    throw new AwsError('InvalidDBInstanceState', `Instance ${world.db.identifier} is not in available state.`)
  beginDbStop(world, ctx.now)
  return { DBInstance: dbInstance(world, ctx.now) }
}

const startDBInstance: Handler = (input, ctx) => {
  const world = requireDb(input, ctx)
  if (world.db.status !== 'stopped')
    throw new AwsError('InvalidDBInstanceState', `Instance ${world.db.identifier} is not stopped, it cannot be started.`)
  beginDbStart(world, ctx.now)
  return { DBInstance: dbInstance(world, ctx.now) }
}

const describeEvents: Handler = (input, { world, now }) => {
  const sourceType = str(input.SourceType)
  const sourceId = str(input.SourceIdentifier)
  if (sourceId && !sourceType) throw new AwsError('InvalidParameterCombination', 'Cannot specify SourceIdentifier without SourceType')
  const end = timeMs(input.EndTime) ?? now
  const from = timeMs(input.StartTime) ?? end - (num(input.Duration) ?? 60) * MINUTE
  const categories = list(input.EventCategories)
  const sourceOk = world !== null && (!sourceType || sourceType === 'db-instance') && (!sourceId || matchesDb(world, sourceId))
  // Events are kept for 14 days.
  const events =
    sourceOk && world
      ? world.db.events
          .filter((e) => e.date >= from && e.date <= end && e.date >= now - 14 * 24 * 60 * MINUTE)
          .filter((e) => categories.length === 0 || e.categories.some((c) => categories.includes(c)))
          .sort((a, b) => a.date - b.date)
      : []
  const p = page(events, decodeOffset(input.Marker, invalidMarker), num(input.MaxRecords) ?? 100)
  return {
    Events: p.items.map((e) => ({
      SourceIdentifier: world?.db.identifier,
      SourceType: 'db-instance',
      Message: e.message,
      EventCategories: e.categories,
      Date: s(e.date),
      SourceArn: DB_ARN,
    })),
    Marker: p.next,
  }
}

const dbResource = (input: Input) => [{ type: 'AWS::RDS::DBInstance', name: str(input.DBInstanceIdentifier) ?? '' }]

export const rdsService: ServiceDefinition = {
  name: 'rds',
  validation: { form: 'rds' },
  mutating: { StopDBInstance: dbResource, StartDBInstance: dbResource },
  handlers: {
    DescribeDBInstances: describeDBInstances,
    StopDBInstance: stopDBInstance,
    StartDBInstance: startDBInstance,
    DescribeEvents: describeEvents,
  },
}
