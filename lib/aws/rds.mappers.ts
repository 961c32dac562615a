import 'server-only'

import type { DBInstance, Event } from '@aws-sdk/client-rds'

import type { Database, DbEvent } from '@/lib/domain/database'
import { redactText } from '@/lib/redact'
import type { Result } from '@/lib/result'

import { iso, mapWith, num, required, type Freshness } from './support'

/** A Database as mapped from AWS, before the cache adds `fetchedAt` / `stale`. */
export type DatabaseData = Omit<Database, keyof Freshness>

/** DescribeDBInstances / Stop / Start DBInstance → Database. Absent booleans default to AWS's own defaults (false). */
export function toDatabase(d: DBInstance): Result<DatabaseData> {
  return mapWith(() => {
    const address = d.Endpoint?.Address
    const port = num(d.Endpoint?.Port)
    return {
      identifier: required(d.DBInstanceIdentifier, 'DBInstanceIdentifier'),
      arn: d.DBInstanceArn ?? null,
      status: required(d.DBInstanceStatus, 'DBInstanceStatus'),
      engine: required(d.Engine, 'Engine'),
      engineVersion: d.EngineVersion ?? null,
      instanceClass: required(d.DBInstanceClass, 'DBInstanceClass'),
      allocatedStorageGb: num(d.AllocatedStorage),
      storageType: d.StorageType ?? null,
      storageEncrypted: d.StorageEncrypted ?? false,
      // The endpoint is missing while the instance is being created.
      endpoint: address && port !== null ? { address, port } : null,
      publiclyAccessible: d.PubliclyAccessible ?? false,
      multiAz: d.MultiAZ ?? false,
      backupRetentionDays: d.BackupRetentionPeriod ?? 0,
      latestRestorableTime: iso(d.LatestRestorableTime),
      securityGroupIds: (d.VpcSecurityGroups ?? []).flatMap((g) => (g.VpcSecurityGroupId ? [g.VpcSecurityGroupId] : [])),
      vpcId: d.DBSubnetGroup?.VpcId ?? null,
      subnetIds: (d.DBSubnetGroup?.Subnets ?? []).flatMap((s) => (s.SubnetIdentifier ? [s.SubnetIdentifier] : [])),
      masterUsername: d.MasterUsername ?? null,
      automaticRestartTime: iso(d.AutomaticRestartTime),
      createdAt: iso(d.InstanceCreateTime),
    }
  })
}

/** DescribeEvents Event → DbEvent. RDS events carry no id field; the RDS-EVENT-nnnn code is read from the message when present. */
export function toDbEvent(e: Event): Result<DbEvent> {
  return mapWith(() => {
    const message = redactText(required(e.Message, 'event Message'))
    return {
      time: required(iso(e.Date), 'event Date'),
      message,
      categories: e.EventCategories ?? [],
      sourceId: e.SourceIdentifier ?? null,
      eventId: message.match(/RDS-EVENT-\d{4}/)?.[0] ?? null,
    }
  })
}
