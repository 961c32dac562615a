import { z } from 'zod'

import { appErrorSchema } from '@/lib/domain/errors'

export const databaseSchema = z.object({
  identifier: z.string(),
  arn: z.string().nullable(),
  /** RDS DBInstanceStatus, e.g. available, stopping, stopped, starting, backing-up. */
  status: z.string(),
  engine: z.string(),
  engineVersion: z.string().nullable(),
  instanceClass: z.string(),
  allocatedStorageGb: z.number().nullable(),
  storageType: z.string().nullable(),
  storageEncrypted: z.boolean(),
  endpoint: z.object({ address: z.string(), port: z.number() }).nullable(),
  publiclyAccessible: z.boolean(),
  multiAz: z.boolean(),
  backupRetentionDays: z.number(),
  latestRestorableTime: z.string().nullable(),
  securityGroupIds: z.array(z.string()),
  vpcId: z.string().nullable(),
  masterUsername: z.string().nullable(),
  /** When a stopped instance will be started again by AWS (7 days after the stop). */
  automaticRestartTime: z.string().nullable(),
  createdAt: z.string().nullable(),
  fetchedAt: z.string(),
  stale: z.boolean().optional(),
  /** Why the last refresh failed, when `stale`. */
  staleError: appErrorSchema.optional(),
})
export type Database = z.infer<typeof databaseSchema>

export const dbEventSchema = z.object({
  time: z.string(),
  message: z.string(),
  categories: z.array(z.string()),
  sourceId: z.string().nullable(),
  eventId: z.string().nullable(),
})
export type DbEvent = z.infer<typeof dbEventSchema>

/** RDS states during which the instance is changing on its own (poll fast). */
export const transitionalDbStatuses = [
  'stopping',
  'starting',
  'rebooting',
  'modifying',
  'backing-up',
  'configuring-enhanced-monitoring',
  'creating',
  'upgrading',
  'maintenance',
] as const

/** True while RDS is moving the instance between states. */
export const isDbTransitioning = (status: string): boolean =>
  (transitionalDbStatuses as readonly string[]).includes(status)
