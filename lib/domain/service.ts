import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'

// The zod-free helpers live in service.values.ts; re-exported for server code.
export { isOperationActive } from '@/lib/domain/service.values'

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

/** The service as the runtime runs it (App Runner today; another runtime maps onto the same shape). */
export const serviceSchema = z.object({
  /** Which runtime runs it (`Runtime.kind` in lib/aws/runtime.ts, e.g. `apprunner`). */
  runtime: z.string(),
  /** The service's page in the AWS console. */
  consoleUrl: z.string(),
  name: z.string(),
  id: z.string(),
  arn: z.string(),
  status: serviceStatusSchema,
  url: z.nullable(z.string()),
  imageIdentifier: z.nullable(z.string()),
  /** Tag part of imageIdentifier. */
  imageTag: z.nullable(z.string()),
  /** Digest part of imageIdentifier when the service runs `repo@sha256:…` instead of a tag. */
  imageDigest: z.optional(z.nullable(z.string())),
  /** The commit SHA when the tag is one (7–40 hex). */
  sha: z.nullable(z.string()),
  imageRepositoryType: z.nullable(z.string()),
  autoDeploymentsEnabled: z.boolean(),
  port: z.nullable(z.string()),
  cpu: z.nullable(z.string()),
  memory: z.nullable(z.string()),
  healthCheck: z.object({
    protocol: z.string(),
    path: z.nullable(z.string()),
    intervalSeconds: z.nullable(z.number()),
    timeoutSeconds: z.nullable(z.number()),
    healthyThreshold: z.nullable(z.number()),
    unhealthyThreshold: z.nullable(z.number()),
  }),
  autoScaling: z.object({
    arn: z.nullable(z.string()),
    name: z.nullable(z.string()),
    minSize: z.nullable(z.number()),
    maxSize: z.nullable(z.number()),
    maxConcurrency: z.nullable(z.number()),
  }),
  egress: z.object({ type: z.enum(['DEFAULT', 'VPC']), vpcConnectorArn: z.nullable(z.string()) }),
  env: z.array(envVarSchema),
  createdAt: z.nullable(z.string()),
  updatedAt: z.nullable(z.string()),
  fetchedAt: z.string(),
  stale: z.optional(z.boolean()),
  /** Why the last refresh failed, when `stale`. */
  staleError: z.optional(appErrorSchema),
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
  targetArn: z.nullable(z.string()),
  startedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
  updatedAt: z.nullable(z.string()),
  /** Joined from the portal's deployment ledger when the portal started it. */
  sha: z.optional(z.nullable(z.string())),
  actor: z.optional(z.nullable(z.string())),
  startedByPortal: z.optional(z.boolean()),
})
export type Operation = z.infer<typeof operationSchema>

export const operationListSchema = z.object({
  operations: z.array(operationSchema),
  fetchedAt: z.string(),
  stale: z.optional(z.boolean()),
  /** Why the last refresh failed, when `stale`. */
  staleError: z.optional(appErrorSchema),
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
