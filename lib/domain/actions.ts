import { z } from 'zod/mini'

import { appErrorSchema } from '@/lib/domain/errors'
import { operationStatusSchema } from '@/lib/domain/service'
import { shaSchema } from '@/lib/domain/sha'

/* Client-safe shapes of the mutations (lib/actions), the audit log and the deployment ledger. */

// ---------------------------------------------------------------- inputs

/** Why a CRITICAL image is deployed anyway; recorded in the audit log and the ledger. */
export const overrideSchema = z.object({
  reason: z.string().check(z.trim(), z.minLength(5, 'Give a reason of at least 5 characters.'), z.maxLength(500)),
})

/** `POST /api/deployments`: a SHA (with an optional CRITICAL override), or "redeploy what runs now". */
export const redeployInputSchema = z.union([
  z.strictObject({ sha: shaSchema, override: z.optional(overrideSchema) }),
  z.strictObject({ redeployCurrent: z.literal(true) }),
])
export type RedeployInput = z.infer<typeof redeployInputSchema>

export const deployPreviewInputSchema = z.object({ sha: shaSchema })

// ---------------------------------------------------------------- audit

export const auditResultSchema = z.enum(['ok', 'error', 'pending'])
export type AuditResult = z.infer<typeof auditResultSchema>

export const auditEntrySchema = z.object({
  id: z.number(),
  actorId: z.string(),
  actorName: z.string(),
  /** Dotted verb, e.g. `deployment.redeploy`, `database.stop`, `environment.sleep.pause-service`. */
  action: z.string(),
  /** What was changed, e.g. `apprunner:appfactory-app-service`, `rds:appfactory-db`. */
  target: z.string(),
  params: z.record(z.string(), z.unknown()),
  result: auditResultSchema,
  errorCode: z.nullable(z.string()),
  errorMessage: z.nullable(z.string()),
  /** The AWS request id of the call that decided the outcome. */
  requestId: z.nullable(z.string()),
  /** The portal's own request id (x-request-id): ties the entry to the server log. */
  portalRequestId: z._default(z.nullable(z.string()), null),
  /** The address the request came from (the connection's peer, as the portal's server saw it). */
  clientAddress: z._default(z.nullable(z.string()), null),
  startedAt: z.string(),
  endedAt: z.nullable(z.string()),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditFilterSchema = z.object({
  actor: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  action: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  result: z.optional(auditResultSchema),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
  /** Entries with an id below this (paging newest first). */
  before: z.optional(z.coerce.number().check(z.int(), z.gte(1))),
})
export type AuditFilter = z.input<typeof auditFilterSchema>

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), nextBefore: z.nullable(z.number()) })
export type AuditPage = z.infer<typeof auditPageSchema>

// ---------------------------------------------------------------- deployments

export const deploymentKindSchema = z.enum(['update', 'redeploy', 'rollback'])
export type DeploymentKind = z.infer<typeof deploymentKindSchema>

/** What a deployment came to: a rolled-back update is `failed`, never `succeeded`. */
export const deploymentOutcomeSchema = z.enum(['running', 'succeeded', 'failed', 'unknown'])
export type DeploymentOutcome = z.infer<typeof deploymentOutcomeSchema>

/** Maps an App Runner operation status to the outcome the portal shows. */
export function outcomeOf(status: z.infer<typeof operationStatusSchema> | null): DeploymentOutcome {
  switch (status) {
    case null:
      return 'unknown'
    case 'PENDING':
    case 'IN_PROGRESS':
    case 'ROLLBACK_IN_PROGRESS':
      return 'running'
    case 'SUCCEEDED':
      return 'succeeded'
    case 'FAILED':
    case 'ROLLBACK_FAILED':
    case 'ROLLBACK_SUCCEEDED':
      return 'failed'
    default: {
      const never: never = status
      return never
    }
  }
}

/**
 * Who started an operation: the portal (its ledger, or the portal's own AWS identity in CloudTrail),
 * GitHub Actions (the CI role), a person (an IAM user, an SSO or console session), other automation
 * (another role or an AWS service, e.g. a scheduler), or unknown (no record says).
 */
export const deploymentActorKinds = ['portal', 'github-actions', 'person', 'automation', 'unknown'] as const
export const deploymentActorKindSchema = z.enum(deploymentActorKinds)
export type DeploymentActorKind = z.infer<typeof deploymentActorKindSchema>

/**
 * Where a row's SHA comes from: the portal's ledger, the image in the CloudTrail request
 * (UpdateService/CreateService), the operation's deployment log, or — for an operation that deploys
 * nothing new (pause, resume, a redeploy whose log is unreadable) — the SHA that was running then.
 */
export const shaSources = ['ledger', 'request', 'log', 'running'] as const
export const shaSourceSchema = z.enum(shaSources)
export type ShaSource = z.infer<typeof shaSourceSchema>

/** A source of the deployment history; when one cannot be read the others are still shown. */
export const deploymentSources = ['runtime', 'ledger', 'cloudtrail'] as const
export const deploymentSourceSchema = z.enum(deploymentSources)
export type DeploymentSource = z.infer<typeof deploymentSourceSchema>

/**
 * One row of the deployment history: a runtime operation (deploy, redeploy, pause, resume, create)
 * joined with the SHA it deployed and who started it, from the portal's ledger, CloudTrail and the
 * operation's deployment log.
 */
export const deploymentSchema = z.object({
  operationId: z.string(),
  /** App Runner operation type (UPDATE_SERVICE, START_DEPLOYMENT, PAUSE_SERVICE, …); null when only the ledger knows it. */
  type: z.nullable(z.string()),
  status: z.nullable(operationStatusSchema),
  outcome: deploymentOutcomeSchema,
  startedByPortal: z.boolean(),
  /** False when the runtime does not list it (it could not be read, or no longer lists it): the row comes from the ledger. */
  listedByRuntime: z.boolean(),
  kind: z.nullable(deploymentKindSchema),
  /** The commit deployed (or running, see `shaSource`); null when no source tells. */
  sha: z.nullable(z.string()),
  shaSource: z.nullable(shaSourceSchema),
  digest: z.nullable(z.string()),
  imageIdentifier: z.nullable(z.string()),
  /** The SHA the portal recorded as running before it started this deployment (ledger only). */
  fromSha: z.nullable(z.string()),
  /** The SHA of the latest earlier successful deployment: what this one replaced. */
  previousSha: z.nullable(z.string()),
  /** GitHub compare view previousSha...sha, when both are known and differ. */
  compareUrl: z.nullable(z.string()),
  actorId: z.nullable(z.string()),
  /** Who started it, for people: "GitHub Actions", an IAM user or SSO name, the portal user's name; null when unknown. */
  actorName: z.nullable(z.string()),
  actorKind: deploymentActorKindSchema,
  /** The AWS identity that made the call, when CloudTrail recorded it. */
  actorArn: z.nullable(z.string()),
  overrideReason: z.nullable(z.string()),
  /** Why it failed: read from the operation's `deployment/<operation-id>` log stream. */
  reason: z.nullable(z.string()),
  startedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
})
export type Deployment = z.infer<typeof deploymentSchema>

/**
 * The deployment history, newest first. `missing` names each source that could not be read (and
 * why): without the runtime the rows come from the ledger alone; without CloudTrail, who started an
 * operation the portal did not start is unknown.
 */
export const deploymentListSchema = z.object({
  deployments: z.array(deploymentSchema),
  missing: z.array(z.object({ source: deploymentSourceSchema, error: appErrorSchema })),
  fetchedAt: z.string(),
})
export type DeploymentList = z.infer<typeof deploymentListSchema>

/** A deployment followed live: the ledger view plus the health probe once it ended. */
export const deploymentProgressSchema = z.extend(deploymentSchema, {
  health: z.nullable(z.object({ url: z.string(), status: z.nullable(z.number()), ms: z.number(), error: z.optional(z.string()) })),
})
export type DeploymentProgress = z.infer<typeof deploymentProgressSchema>

export const deployStartedSchema = z.object({
  operationId: z.string(),
  kind: deploymentKindSchema,
  image: z.object({ sha: z.nullable(z.string()), digest: z.nullable(z.string()), imageIdentifier: z.string() }),
  fromSha: z.nullable(z.string()),
})
export type DeployStarted = z.infer<typeof deployStartedSchema>

/** What the deploy confirmation shows before anything changes. */
export const deployPreviewSchema = z.object({
  from: z.object({ sha: z.nullable(z.string()), imageTag: z.nullable(z.string()) }),
  to: z.object({
    sha: z.string(),
    digest: z.string(),
    tags: z.array(z.string()),
    pushedAt: z.string(),
    scanStatus: z.string(),
    findingCounts: z.record(z.string(), z.number()),
  }),
  /** GitHub compare view from the running SHA to the target; null when the running SHA is unknown. */
  compareUrl: z.nullable(z.string()),
  findings: z.array(z.object({ name: z.string(), severity: z.string(), packageName: z.nullable(z.string()), uri: z.nullable(z.string()) })),
  requiresOverride: z.boolean(),
  isCurrent: z.boolean(),
})
export type DeployPreview = z.infer<typeof deployPreviewSchema>

/** The rollback button's label: where a rollback would go, or why there is none. */
export const rollbackTargetSchema = z.object({
  fromSha: z.nullable(z.string()),
  toSha: z.nullable(z.string()),
  reason: z.nullable(z.string()),
})
export type RollbackTarget = z.infer<typeof rollbackTargetSchema>

// ---------------------------------------------------------------- database power

export const databasePowerResultSchema = z.object({ status: z.string(), identifier: z.string() })
export type DatabasePowerResult = z.infer<typeof databasePowerResultSchema>

// ---------------------------------------------------------------- environment jobs

export const jobStepStatusSchema = z.enum(['pending', 'running', 'succeeded', 'failed', 'skipped'])
export type JobStepStatus = z.infer<typeof jobStepStatusSchema>

export const jobStepSchema = z.object({
  id: z.string(),
  label: z.string(),
  status: jobStepStatusSchema,
  detail: z.nullable(z.string()),
  startedAt: z.nullable(z.string()),
  endedAt: z.nullable(z.string()),
})
export type JobStep = z.infer<typeof jobStepSchema>

export const environmentJobSchema = z.object({
  id: z.string(),
  kind: z.enum(['sleep', 'wake']),
  status: z.enum(['running', 'succeeded', 'failed']),
  steps: z.array(jobStepSchema),
  actorId: z.string(),
  startedAt: z.string(),
  endedAt: z.nullable(z.string()),
  /** After the end: what runs now and what does not (e.g. "App Runner: RUNNING · database: stopped"). */
  summary: z.nullable(z.string()),
  error: z.nullable(appErrorSchema),
})
export type EnvironmentJob = z.infer<typeof environmentJobSchema>

/** `GET /api/environment/jobs`: the server's latest sleep/wake job, if any. */
export const latestEnvironmentJobSchema = z.object({ job: z.nullable(environmentJobSchema) })
