import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'

// The zod-free helpers live in database.values.ts; re-exported for server code.
export { isDbTransitioning } from '@/lib/domain/database.values'

export const databaseSchema = z.object({
  identifier: z.string(),
  arn: z.nullable(z.string()),
  /** RDS DBInstanceStatus, e.g. available, stopping, stopped, starting, backing-up. */
  status: z.string(),
  engine: z.string(),
  engineVersion: z.nullable(z.string()),
  instanceClass: z.string(),
  allocatedStorageGb: z.nullable(z.number()),
  storageType: z.nullable(z.string()),
  storageEncrypted: z.boolean(),
  endpoint: z.nullable(z.object({ address: z.string(), port: z.number() })),
  publiclyAccessible: z.boolean(),
  multiAz: z.boolean(),
  backupRetentionDays: z.number(),
  latestRestorableTime: z.nullable(z.string()),
  securityGroupIds: z.array(z.string()),
  vpcId: z.nullable(z.string()),
  /** The subnets of its DB subnet group (where a VPC connector to it belongs). */
  subnetIds: z.array(z.string()),
  masterUsername: z.nullable(z.string()),
  /** When a stopped instance will be started again by AWS (7 days after the stop). */
  automaticRestartTime: z.nullable(z.string()),
  createdAt: z.nullable(z.string()),
  fetchedAt: z.string(),
  stale: z.optional(z.boolean()),
  /** Why the last refresh failed, when `stale`. */
  staleError: z.optional(appErrorSchema),
})
export type Database = z.infer<typeof databaseSchema>

export const dbEventSchema = z.object({
  time: z.string(),
  message: z.string(),
  categories: z.array(z.string()),
  sourceId: z.nullable(z.string()),
  eventId: z.nullable(z.string()),
})
export type DbEvent = z.infer<typeof dbEventSchema>

/** `GET /api/database/events`: recent RDS events for the instance, newest first. */
export const dbEventListSchema = z.object({ events: z.array(dbEventSchema), fetchedAt: z.string() })
export type DbEventList = z.infer<typeof dbEventListSchema>
