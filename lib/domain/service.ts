import { z } from 'zod'

import { appErrorSchema } from '@/lib/domain/errors'

export const serviceStatusSchema = z.enum([
  'CREATE_FAILED',
  'RUNNING',
  'DELETED',
  'DELETE_FAILED',
  'PAUSED',
  'OPERATION_IN_PROGRESS',
  'UNKNOWN',
])
export type ServiceStatus = z.infer<typeof serviceStatusSchema>

export const envVarSchema = z.object({
  name: z.string(),
  /** The value with any secret part replaced by `****` (see lib/redact). */
  value: z.string(),
  /** `secret` = a RuntimeEnvironmentSecrets reference (ARN); `plain` = a plaintext environment variable. */
  source: z.enum(['plain', 'secret']),
  /** True when the value (or part of it) was redacted. */
  isRedacted: z.boolean(),
})
export type EnvVar = z.infer<typeof envVarSchema>

/** The deployed runtime (today App Runner; ECS Express Mode could map onto the same shape). */
export const serviceSchema = z.object({
  runtime: z.literal('apprunner'),
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  status: serviceStatusSchema,
  url: z.string().nullable(),
  imageIdentifier: z.string().nullable(),
  /** Tag part of imageIdentifier. */
  imageTag: z.string().nullable(),
  /** Digest part of imageIdentifier when the service runs `repo@sha256:…` instead of a tag. */
  imageDigest: z.string().nullable().optional(),
  /** The commit SHA when the tag is one (7–40 hex). */
  sha: z.string().nullable(),
  imageRepositoryType: z.string().nullable(),
  autoDeploymentsEnabled: z.boolean(),
  port: z.string().nullable(),
  cpu: z.string().nullable(),
  memory: z.string().nullable(),
  healthCheck: z.object({
    protocol: z.string(),
    path: z.string().nullable(),
    intervalSeconds: z.number().nullable(),
    timeoutSeconds: z.number().nullable(),
    healthyThreshold: z.number().nullable(),
    unhealthyThreshold: z.number().nullable(),
  }),
  autoScaling: z.object({
    arn: z.string().nullable(),
    name: z.string().nullable(),
    minSize: z.number().nullable(),
    maxSize: z.number().nullable(),
    maxConcurrency: z.number().nullable(),
  }),
  egress: z.object({ type: z.enum(['DEFAULT', 'VPC']), vpcConnectorArn: z.string().nullable() }),
  env: z.array(envVarSchema),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  fetchedAt: z.string(),
  stale: z.boolean().optional(),
  /** Why the last refresh failed, when `stale`. */
  staleError: appErrorSchema.optional(),
})
export type Service = z.infer<typeof serviceSchema>

export const operationStatusSchema = z.enum([
  'PENDING',
  'IN_PROGRESS',
  'FAILED',
  'SUCCEEDED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_SUCCEEDED',
])
export type OperationStatus = z.infer<typeof operationStatusSchema>

export const operationSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: operationStatusSchema,
  targetArn: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Joined from the portal's deployment ledger when the portal started it. */
  sha: z.string().nullable().optional(),
  actor: z.string().nullable().optional(),
  startedByPortal: z.boolean().optional(),
})
export type Operation = z.infer<typeof operationSchema>

export const operationListSchema = z.object({
  operations: z.array(operationSchema),
  fetchedAt: z.string(),
  stale: z.boolean().optional(),
  /** Why the last refresh failed, when `stale`. */
  staleError: appErrorSchema.optional(),
})
export type OperationList = z.infer<typeof operationListSchema>

export const vpcConnectorSchema = z.object({
  arn: z.string(),
  name: z.string(),
  status: z.string(),
  subnets: z.array(z.string()),
  securityGroups: z.array(z.string()),
})
export type VpcConnector = z.infer<typeof vpcConnectorSchema>

/** True while App Runner is changing the service (deploy, pause, resume). */
export const isOperationActive = (s: OperationStatus): boolean =>
  s === 'PENDING' || s === 'IN_PROGRESS' || s === 'ROLLBACK_IN_PROGRESS'
