import 'server-only'

import type {
  AutoScalingConfiguration,
  OperationSummary,
  Service as SdkService,
  VpcConnector as SdkVpcConnector,
} from '@aws-sdk/client-apprunner'

import {
  operationStatusSchema,
  serviceStatusSchema,
  type EnvVar,
  type Operation,
  type Service,
  type VpcConnector,
} from '@/lib/domain/service'
import { redactEnvValue } from '@/lib/redact'
import type { Result } from '@/lib/result'

import { isShaTag } from './ecr.mappers'
import { iso, mapWith, narrow, num, required, type Freshness } from './support'

/** A Service as mapped from AWS, before the cache adds `fetchedAt` / `stale`. */
export type ServiceData = Omit<Service, keyof Freshness>

/** The sizing numbers of an auto-scaling configuration (DescribeAutoScalingConfiguration). */
export type AutoScalingSizes = { minSize: number | null; maxSize: number | null; maxConcurrency: number | null }

/** Splits `<registry>/<repo>:<tag>` or `<registry>/<repo>@<digest>` (a registry host may carry a `:port`). */
export function parseImageIdentifier(identifier: string): { tag: string | null; digest: string | null } {
  const at = identifier.lastIndexOf('@')
  if (at >= 0) return { tag: null, digest: identifier.slice(at + 1) || null }
  const colon = identifier.lastIndexOf(':')
  return { tag: colon > identifier.lastIndexOf('/') ? identifier.slice(colon + 1) || null : null, digest: null }
}

/**
 * Environment of the image configuration: plain variables go through `redactEnvValue` (the documented setup's
 * DATABASE_URL carries the database password); secrets are references (Secrets Manager / SSM ARNs),
 * so their value is the ARN, never the secret itself.
 */
function toEnv(plain: Record<string, string> | undefined, secrets: Record<string, string> | undefined): EnvVar[] {
  const vars: EnvVar[] = Object.entries(plain ?? {}).map(([name, raw]) => ({ name, ...redactEnvValue(name, raw), source: 'plain' }))
  for (const [name, arn] of Object.entries(secrets ?? {})) vars.push({ name, value: arn, source: 'secret', isRedacted: false })
  return vars.sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * DescribeService Service (+ its auto-scaling sizes when read, and the console page it is shown on)
 * → Service, with env values redacted.
 */
export function toService(s: SdkService, sizes: AutoScalingSizes | null = null, consoleUrl = ''): Result<ServiceData> {
  return mapWith(() => {
    const repo = s.SourceConfiguration?.ImageRepository
    const imageIdentifier = repo?.ImageIdentifier ?? null
    const { tag, digest } = imageIdentifier ? parseImageIdentifier(imageIdentifier) : { tag: null, digest: null }
    const image = repo?.ImageConfiguration
    const hc = s.HealthCheckConfiguration
    const summary = s.AutoScalingConfigurationSummary
    const egress = s.NetworkConfiguration?.EgressConfiguration
    const egressType = narrow(egress?.EgressType, ['DEFAULT', 'VPC'], 'DEFAULT')
    return {
      runtime: 'apprunner',
      consoleUrl,
      name: required(s.ServiceName, 'ServiceName'),
      id: required(s.ServiceId, 'ServiceId'),
      arn: required(s.ServiceArn, 'ServiceArn'),
      // Unknown future statuses are shown as UNKNOWN rather than guessed.
      status: narrow(s.Status, serviceStatusSchema.options, 'UNKNOWN'),
      // App Runner gives a bare host name (no scheme), e.g. abc123.eu-central-1.awsapprunner.com.
      url: s.ServiceUrl ?? null,
      imageIdentifier,
      imageTag: tag,
      imageDigest: digest,
      sha: tag && isShaTag(tag) ? tag.toLowerCase() : null,
      imageRepositoryType: repo?.ImageRepositoryType ?? null,
      autoDeploymentsEnabled: s.SourceConfiguration?.AutoDeploymentsEnabled ?? false,
      port: image?.Port ?? null,
      cpu: s.InstanceConfiguration?.Cpu ?? null,
      memory: s.InstanceConfiguration?.Memory ?? null,
      healthCheck: {
        // AWS's own default when the service was created without a health check configuration.
        protocol: hc?.Protocol ?? 'TCP',
        path: hc?.Path ?? null,
        intervalSeconds: num(hc?.Interval),
        timeoutSeconds: num(hc?.Timeout),
        healthyThreshold: num(hc?.HealthyThreshold),
        unhealthyThreshold: num(hc?.UnhealthyThreshold),
      },
      autoScaling: {
        arn: summary?.AutoScalingConfigurationArn ?? null,
        name: summary?.AutoScalingConfigurationName ?? null,
        minSize: sizes?.minSize ?? null,
        maxSize: sizes?.maxSize ?? null,
        maxConcurrency: sizes?.maxConcurrency ?? null,
      },
      egress: { type: egressType, vpcConnectorArn: egressType === 'VPC' ? (egress?.VpcConnectorArn ?? null) : null },
      env: toEnv(image?.RuntimeEnvironmentVariables, image?.RuntimeEnvironmentSecrets),
      createdAt: iso(s.CreatedAt),
      updatedAt: iso(s.UpdatedAt),
    }
  })
}

/** DescribeAutoScalingConfiguration → the three sizes the service view shows. */
export const toAutoScalingSizes = (a: AutoScalingConfiguration): AutoScalingSizes => ({
  minSize: num(a.MinSize),
  maxSize: num(a.MaxSize),
  maxConcurrency: num(a.MaxConcurrency),
})

/**
 * ListOperations summary → Operation. An unknown status maps to PENDING on purpose: it counts as
 * "still running", so guards refuse a new deployment rather than racing an operation we cannot read.
 */
export function toOperation(o: OperationSummary): Result<Operation> {
  return mapWith(() => ({
    id: required(o.Id, 'operation Id'),
    type: o.Type ?? 'UNKNOWN',
    status: narrow(o.Status, operationStatusSchema.options, 'PENDING'),
    targetArn: o.TargetArn ?? null,
    startedAt: iso(o.StartedAt),
    endedAt: iso(o.EndedAt),
    updatedAt: iso(o.UpdatedAt),
  }))
}

/** DescribeVpcConnector VpcConnector → VpcConnector. */
export function toVpcConnector(v: SdkVpcConnector): Result<VpcConnector> {
  return mapWith(() => ({
    arn: required(v.VpcConnectorArn, 'VpcConnectorArn'),
    name: required(v.VpcConnectorName, 'VpcConnectorName'),
    status: v.Status ?? 'UNKNOWN',
    subnets: v.Subnets ?? [],
    securityGroups: v.SecurityGroups ?? [],
  }))
}
