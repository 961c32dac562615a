import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Database } from '@/lib/domain/database'
import type { AttachedPolicy, OidcProvider, PolicyDocument, Role } from '@/lib/domain/iam'
import type { Image, ImagePage, Repository } from '@/lib/domain/image'
import type { AlarmList, MetricRange, Metrics } from '@/lib/domain/metrics'
import type { SecurityGroup } from '@/lib/domain/network'
import type { Service, VpcConnector } from '@/lib/domain/service'
import type { AlarmDefinition, NotCreated } from '@/lib/domain/setup.values'
import type { MetricDimension, Runtime, ServiceIdentity } from '@/lib/aws/runtime'
import type { Result } from '@/lib/result'

/** The check ids (a public interface: docs/interfaces.md). */
export const checkIds = [
  'ecr-push-permission',
  'apprunner-rds-connectivity',
  'database-url',
  'github-oidc-trust',
  'rds-available',
  'health-endpoint',
  'ecr-scan-on-push',
  'deployed-image-findings',
  'ecr-encryption',
  'rds-encryption',
  'rds-public-access',
  'rds-backups',
  'plaintext-secrets',
  'iam-least-privilege',
  'alarms-configured',
  'ecr-lifecycle',
  'rds-auto-start',
  'scheduler-role',
] as const
export type CheckId = (typeof checkIds)[number]

export type HealthProbe = { url: string; status: number | null; ms: number; error?: string }

/** What the checks read, as functions (lib/aws by default; tests pass fakes). */
export type Sources = {
  getService: () => Promise<Result<Service | NotCreated>>
  getVpcConnector: (arn: string) => Promise<Result<VpcConnector>>
  getDatabase: () => Promise<Result<Database>>
  getRepository: () => Promise<Result<Repository>>
  getLifecyclePolicy: () => Promise<Result<{ text: string } | null>>
  findImagesBySha: (sha: string) => Promise<Result<Image[]>>
  listImages: (input: { deployedTag?: string | null; deployedDigest?: string | null; pageSize?: number }) => Promise<Result<ImagePage>>
  getMetrics: (range: MetricRange) => Promise<Result<Metrics>>
  listAlarms: () => Promise<Result<AlarmList>>
  getRole: (name: string) => Promise<Result<Role>>
  listAttachedRolePolicies: (name: string) => Promise<Result<AttachedPolicy[]>>
  getPolicyDocument: (arn: string) => Promise<Result<PolicyDocument>>
  listRolePolicies: (roleName: string) => Promise<Result<string[]>>
  getRolePolicy: (roleName: string, policyName: string) => Promise<Result<PolicyDocument>>
  listOidcProviders: () => Promise<Result<string[]>>
  getOidcProvider: (arn: string) => Promise<Result<OidcProvider>>
  getSecurityGroups: (ids: string[]) => Promise<Result<SecurityGroup[]>>
  probeHealth: (serviceUrl: string) => Promise<HealthProbe>
  /** The runtime's log group name for the service (pure: no AWS call). */
  logGroupName: (service: ServiceIdentity, stream: 'application' | 'service') => string
  /** The runtime's CloudWatch namespace and series, and the dimensions that select the service (pure). */
  runtimeMetrics: Runtime['metrics']
  metricDimensions: (service: ServiceIdentity) => MetricDimension[]
  /** The runtime's planned alarms for the service (null: not created yet) (pure). */
  plannedAlarms: (service: ServiceIdentity | null) => AlarmDefinition[]
}

/** The configured names the checks compare AWS against. */
export type Settings = {
  accountId: string
  region: string
  ecrRepository: string
  appRunnerService: string
  rdsInstance: string
  githubRole: string
  githubRepo: string
  healthPath: string
  /** The role EventBridge Scheduler assumes for the portal's schedules, and the group they live in. */
  schedulerRoleArn: string
  scheduleGroup: string
}

/** What the checks are configured with beyond the names. */
export type CheckOptions = { alarmTopicArn: string | null }

/**
 * One run's shared reads: every source is called at most once per run (per argument), so 18 checks
 * cost one DescribeService, one DescribeDBInstances, … — on top of lib/cache's cross-request cache.
 */
export type CheckContext = Sources & CheckOptions & { now: Date; settings: Settings }

export type Check = {
  id: CheckId
  title: string
  run: (ctx: CheckContext) => Promise<CheckResult>
}
