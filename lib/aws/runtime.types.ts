import 'server-only'

import type { ServiceMetricKey } from '@/lib/domain/metrics.values'
import type { OperationList, Service, VpcConnector } from '@/lib/domain/service'
import type { Result } from '@/lib/result'

/** Who the service is: enough to address its metrics, logs and schedules without reading its status. */
export type ServiceIdentity = { name: string; id: string; arn: string }

/** A CloudWatch dimension (`Name`/`Value`), as GetMetricData and alarms take it. */
export type MetricDimension = { name: string; value: string }

/** One series of the runtime's CloudWatch metrics, under the portal's neutral key (series id `service.<key>`). */
export type RuntimeSeriesDef = {
  key: ServiceMetricKey
  label: string
  metricName: string
  stat: string
  unit: string
}

/**
 * An EventBridge Scheduler universal target that performs one runtime operation:
 * `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>` with the API call's parameters as the JSON `input`.
 */
export type ScheduleTarget = {
  arn: string
  input: Record<string, string>
  /** The IAM action the scheduler's execution role needs for this target. */
  iamAction: string
}

/** One CloudTrail management event, as much of it as a runtime needs to tell which of its operations it started. */
export type TrailCall = {
  eventName: string
  resourceNames: readonly string[]
  requestParameters: Record<string, unknown> | null
  responseElements: Record<string, unknown> | null
}

/** The runtime operation a CloudTrail event started: its id and type, and the image (and commit) it asked for. */
export type TrailOperation = { operationId: string; type: string; imageIdentifier: string | null; sha: string | null }

/** What a setup guide is written for: the configured names. */
export type RuntimeSetupSettings = { serviceName: string; region: string; accountId: string; repositoryUri: string; healthPath: string }

/** How to create the runtime's service when it does not exist yet (shown by a setup view). */
export type RuntimeSetupGuide = {
  title: string
  steps: string[]
  /** An AWS CLI command that creates the service, with `<placeholders>` for what the reader supplies. */
  command: string
  docs: string
}

/**
 * The runtime that runs the AppFactory container, seen through what the portal needs from it: the
 * only way into the runtime module. `lib/aws/runtime.ts` exports the one in use as `runtime`.
 *
 * Why an interface: AWS App Runner stopped accepting new customers on 2026-04-30 (existing services
 * keep working); ECS Express Mode is its successor. Everything runtime-specific — which API it
 * calls, how its metrics are dimensioned, what its log groups are called, how its URL is probed,
 * what a schedule targets — lives behind this interface, so a second runtime is one new module.
 *
 * Reads are cached (lib/cache) and answer `Result`s with domain types; writes drop the runtime's
 * cached reads. Errors are the `AppError` codes of lib/aws (not_found, conflict, aws_*).
 */
export interface Runtime {
  /** Stable id of the runtime kind, carried by `Service.runtime` (e.g. `apprunner`). */
  readonly kind: string
  /** What people call it (e.g. `App Runner`). */
  readonly label: string

  // -- identity and status
  /** Resolves, at start-up, what every read of the service waits behind (its identity, its sizing). */
  warmUp(): Promise<Result<void>>
  /** The service's name, id and ARN; cached long, so metrics and logs can be addressed without a status read. */
  getIdentity(): Promise<Result<ServiceIdentity>>
  /** The running service: status, deployed image and SHA, sizing, egress, redacted environment. */
  getService(): Promise<Result<Service>>
  /** Recent operations (deployments, pause, resume), newest first. */
  listOperations(): Promise<Result<OperationList>>
  /** The network attachment the service's egress uses to reach the VPC (App Runner: a VPC connector), by ARN. */
  getVpcConnector(arn: string): Promise<Result<VpcConnector>>

  // -- operations
  /** Deploys the repository image tagged `sha` (7–40 hex, used as the tag as given, lower-cased). */
  deployImage(sha: string): Promise<Result<{ operationId: string; imageIdentifier: string }>>
  /** Redeploys the image reference the service runs now (pulling that tag's latest digest). */
  redeployCurrent(): Promise<Result<{ operationId: string }>>
  /** Scales the service to zero (no compute charges) until resumed. */
  pause(): Promise<Result<{ operationId: string }>>
  /** Resumes a paused service on its last deployed version. */
  resume(): Promise<Result<{ operationId: string }>>

  // -- where its telemetry lives
  /** The runtime's CloudWatch metrics: their namespace and the series the dashboard shows. */
  readonly metrics: { namespace: string; series: readonly RuntimeSeriesDef[] }
  /** The dimensions that select this service's metrics in `metrics.namespace` (exactly the set CloudWatch keys them by). */
  metricDimensions(identity: ServiceIdentity): MetricDimension[]
  /** The log group of the service's `application` (its stdout) or `service` (the runtime's own events) log. */
  logGroupName(identity: ServiceIdentity, stream: 'application' | 'service'): string
  /** The log stream, inside the `service` log group, that holds one operation's deployment log. */
  deploymentLogStream(operationId: string): string
  /** A prefix that matches every log group of services of this kind named `serviceName` (a console filter; DescribeLogGroups when the id is unknown). */
  logGroupPrefix(serviceName: string): string
  /** The service name, id and stream a log group of this runtime belongs to; null for a log group that is not one of its. */
  parseLogGroupName(logGroupName: string): { serviceName: string; serviceId: string; stream: 'application' | 'service' } | null

  // -- who changed it (CloudTrail)
  /** The CloudTrail event names of the calls that start the service's operations (deploy, redeploy, pause, resume, create). */
  readonly trailEventNames: readonly string[]
  /** The operation of the configured service a CloudTrail event started; null for another service's event or a refused call. */
  trailOperation(call: TrailCall): TrailOperation | null

  // -- how people and other AWS services reach it
  /** The AWS console page of the service (its dashboard when the ARN is known, else the service list). */
  consoleUrl(region: string, arn?: string | null): string
  /** EventBridge Scheduler targets that pause and resume the service (for scheduled sleep/wake). */
  scheduleTargets(identity: ServiceIdentity): { pause: ScheduleTarget; resume: ScheduleTarget }
  /** How to create the service when it does not exist yet. */
  setupGuide(settings: RuntimeSetupSettings): RuntimeSetupGuide
}
