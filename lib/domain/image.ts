import { z } from 'zod/mini'

import { notCreatedSchema } from '@/lib/domain/setup'

import { appErrorSchema } from '@/lib/domain/errors'
import { severities } from '@/lib/domain/image.values'

export const severitySchema = z.enum(severities)
export type Severity = z.infer<typeof severitySchema>

export const scanStatusSchema = z.enum([
  'IN_PROGRESS',
  'COMPLETE',
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'ACTIVE',
  'PENDING',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED',
  'NONE',
])
export type ScanStatus = z.infer<typeof scanStatusSchema>

export const imageSchema = z.object({
  /** Registry content hash, `sha256:…`. */
  digest: z.string(),
  tags: z.array(z.string()),
  /** The 40-hex git commit SHA tag, when the image has one. */
  sha: z.nullable(z.string()),
  pushedAt: z.string(),
  sizeBytes: z.number(),
  scan: z.object({
    status: scanStatusSchema,
    findings: z.record(z.string(), z.number()),
  }),
  /** True when App Runner runs this image now. */
  deployed: z.boolean(),
})
export type Image = z.infer<typeof imageSchema>

/** `GET /api/images/<digest>`: one image, with when it was read. */
export const imageDetailSchema = z.extend(imageSchema, { fetchedAt: z.string() })
export type ImageDetail = z.infer<typeof imageDetailSchema>

export const imagePageSchema = z.object({
  images: z.array(imageSchema),
  nextCursor: z.nullable(z.string()),
  /** Set when no image can be deployed because the service is not created yet (then none is marked deployed). */
  nothingDeployed: z.optional(notCreatedSchema),
  /** Whether the service's image could be read (false: `deployed` is false on every image because it is unknown). */
  deployedKnown: z.optional(z.boolean()),
  /** Why the service's image could not be read. */
  deployedError: z.optional(appErrorSchema),
  fetchedAt: z.string(),
  stale: z.optional(z.boolean()),
  /** Why the last refresh failed, when `stale`. */
  staleError: z.optional(appErrorSchema),
})
export type ImagePage = z.infer<typeof imagePageSchema>

/** Images per page in the table (and in `GET /api/images` when no `pageSize` is given). */
export const imagesPageSize = 50

/** Query of `GET /api/images`: the opaque cursor and an optional page size. */
export const imagesInputSchema = z.object({
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  pageSize: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), imagesPageSize),
})

export const findingSchema = z.object({
  name: z.string(),
  severity: z.string(),
  description: z.nullable(z.string()),
  uri: z.nullable(z.string()),
  packageName: z.nullable(z.string()),
  packageVersion: z.nullable(z.string()),
})
export type Finding = z.infer<typeof findingSchema>

/** `GET /api/images/<digest>/findings`: one image's scan findings. */
export const imageFindingsSchema = z.object({ digest: z.string(), findings: z.array(findingSchema), fetchedAt: z.string() })
export type ImageFindings = z.infer<typeof imageFindingsSchema>

export const repositorySchema = z.object({
  name: z.string(),
  uri: z.string(),
  arn: z.string(),
  scanOnPush: z.boolean(),
  encryptionType: z.string(),
  tagMutability: z.string(),
  createdAt: z.nullable(z.string()),
})
export type Repository = z.infer<typeof repositorySchema>
