import { z } from 'zod/mini'

import { databaseSchema } from '@/lib/domain/database'
import { appErrorSchema } from '@/lib/domain/errors'
import { healthProbeSchema } from '@/lib/domain/health'
import { imagePageSchema } from '@/lib/domain/image'
import { alarmListSchema, metricsSchema } from '@/lib/domain/metrics'
import { operationListSchema, serviceSchema } from '@/lib/domain/service'

/** Where the portal points: configuration plus who STS says we are. */
export const environmentSchema = z.object({
  region: z.string(),
  expectedAccountId: z.string(),
  /** The account STS GetCallerIdentity reports, null when it could not be read. */
  account: z.nullable(z.string()),
  arn: z.nullable(z.string()),
  /** False when STS reports another account than APPFACTORY_ACCOUNT_ID (null when unknown). */
  accountMatches: z.nullable(z.boolean()),
  identityError: z.nullable(appErrorSchema),
  /** When STS answered (null when it never did). */
  identityReadAt: z.nullable(z.string()),
  /** Set when the identity shown is an older answer because the last STS refresh failed. */
  identityStaleError: z.nullable(appErrorSchema),
  endpointOverride: z.boolean(),
  githubRepo: z.string(),
  names: z.object({ ecrRepository: z.string(), appRunnerService: z.string(), rdsInstance: z.string(), githubRole: z.string() }),
  links: z.array(z.object({ id: z.string(), label: z.string(), href: z.string() })),
  fetchedAt: z.string(),
})
export type Environment = z.infer<typeof environmentSchema>

/** One overview section: each is read on its own, so one failure leaves the others intact. */
const section = <T extends z.ZodMiniType>(data: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), z.object({ ok: z.literal(false), error: appErrorSchema })])

/** `GET /api/overview`: everything the overview shows, section by section. */
export const overviewSchema = z.object({
  environment: environmentSchema,
  service: section(serviceSchema),
  health: section(healthProbeSchema),
  operations: section(operationListSchema),
  database: section(databaseSchema),
  alarms: section(alarmListSchema),
  metrics: section(metricsSchema),
  images: section(
    z.object({
      latest: imagePageSchema.shape.images,
      /**
       * Images pushed after the deployed one (a lower bound when `exact` is false); `count` null when the
       * deployed image is unknown (the service could not be read) or not in the repository (`deployed`).
       */
      newerThanDeployed: z.object({
        count: z.nullable(z.number()),
        exact: z.boolean(),
        deployed: z.optional(z.enum(['listed', 'absent', 'unknown'])),
      }),
      fetchedAt: z.string(),
    }),
  ),
  cost: section(
    z.object({
      total: z.object({ low: z.number(), high: z.number() }),
      lines: z.array(
        z.object({ id: z.string(), label: z.string(), basis: z.string(), monthly: z.object({ low: z.number(), high: z.number() }) }),
      ),
      unpriced: z.array(z.string()),
      isOtherRegion: z.boolean(),
      seedEstimate: z.object({ low: z.number(), high: z.number() }),
    }),
  ),
  fetchedAt: z.string(),
})
export type Overview = z.infer<typeof overviewSchema>
