import 'server-only'

/**
 * App Runner as the portal's Runtime (runtime.types.ts): every App Runner API call lives here, and
 * what App Runner names things (metrics, log groups, console, schedule targets) in apprunner.describe.ts.
 * Nothing outside lib/aws imports this module; they use `runtime` from runtime.ts.
 * Reads are cached (fast while an operation runs); writes invalidate every `apprunner:` key.
 */
import {
  DescribeAutoScalingConfigurationCommand,
  DescribeServiceCommand,
  DescribeVpcConnectorCommand,
  ListOperationsCommand,
  ListServicesCommand,
  PauseServiceCommand,
  ResumeServiceCommand,
  StartDeploymentCommand,
  UpdateServiceCommand,
  type ServiceSummary,
} from '@aws-sdk/client-apprunner'

import { cached, cachedRevalidating, invalidate } from '@/lib/cache'
import { config } from '@/lib/config'
import { appError, type AppError } from '@/lib/domain/errors'
import { isOperationActive, type OperationList, type Service, type VpcConnector } from '@/lib/domain/service'
import { shaSchema } from '@/lib/domain/sha'
import { err, ok, type Result } from '@/lib/result'

import {
  appRunnerConsoleUrl,
  appRunnerDeploymentLogStream,
  appRunnerLogGroupName,
  appRunnerLogGroupPrefix,
  appRunnerMetricDimensions,
  appRunnerMetrics,
  appRunnerScheduleTargets,
  appRunnerSetupGuide,
  parseAppRunnerLogGroupName,
} from './apprunner.describe'
import { appRunnerTrailOperation, appRunnerTrailOperations } from './apprunner.trail'
import { toAutoScalingSizes, toOperation, toService, toVpcConnector, type AutoScalingSizes, type ServiceData } from './apprunner.mappers'
import { appRunnerClient } from './clients'
import { getRepository } from './ecr'
import { toAppError } from './errors'
import type { Runtime, ServiceIdentity } from './runtime.types'
import { fresh, mapAll, plain, ttl } from './support'

const serviceName = () => config().appRunnerService
const resource = () => `App Runner service ${serviceName()}`
/** ListServices returns at most 20 per call; 25 calls = 500 services is far beyond one account's use. */
const MAX_SERVICE_PAGES = 25

const missing = (field: string) =>
  appError('aws_error', `AWS answered without ${field}.`, { hint: 'Retry; if it persists, report it with the request id.' })

/**
 * The service's identity. From the configuration when APPFACTORY_APPRUNNER_SERVICE is an ARN; else
 * resolved from the name (ListServices, all pages up to a cap), cached long under a key outside
 * `apprunner:` so writes do not force a re-resolve, and refreshed in the background so no page waits
 * for it once it is known (`warmUp` resolves it at start-up). A not-found on the ARN drops it (the
 * service may have been re-created with a new id). Errors: not_found, aws_*.
 */
export async function getServiceIdentity(): Promise<Result<ServiceIdentity>> {
  const name = serviceName()
  const { appRunnerServiceArn: arn, appRunnerServiceId: id } = config()
  if (arn && id) return ok({ name, id, arn })
  const load = async (): Promise<Result<ServiceIdentity>> => {
    const matches: ServiceSummary[] = []
    let NextToken: string | undefined
    let pages = 0
    try {
      do {
        const out = await appRunnerClient().send(new ListServicesCommand({ MaxResults: 20, NextToken }))
        matches.push(...(out.ServiceSummaryList ?? []).filter((s) => s.ServiceName === name))
        NextToken = out.NextToken
        pages += 1
      } while (NextToken && pages < MAX_SERVICE_PAGES)
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'apprunner:ListServices', resource: resource() }))
    }
    // A deleted service keeps its name in the list for a while; prefer the live one.
    const match = matches.find((s) => s.Status !== 'DELETED') ?? matches[0]
    if (!match) {
      return err(
        appError('not_found', `${resource()} was not found.`, {
          hint: 'Check APPFACTORY_APPRUNNER_SERVICE and AWS_REGION; the service must exist in this account.',
        }),
      )
    }
    if (!match.ServiceArn) return err(missing('ServiceArn'))
    if (!match.ServiceId) return err(missing('ServiceId'))
    return ok({ name, id: match.ServiceId, arn: match.ServiceArn })
  }
  return plain(await cachedRevalidating(`apprunner-arn:${name}`, ttl.serviceArn, load))
}

/**
 * Resolves what every App Runner read waits behind, so the first page after a start costs one AWS
 * round trip instead of three: the service identity and the sizes of its auto-scaling configuration
 * revision. Caches no status: the service itself is still read when a page asks for it.
 * Errors: as getServiceIdentity, and DescribeService's (not_found also drops the resolved ARN).
 */
export async function warmUp(): Promise<Result<ServiceIdentity>> {
  const identity = await getServiceIdentity()
  if (!identity.ok) return identity
  // The same read getService makes, without putting its status in the cache: what stays cached is
  // the identity and the auto-scaling revision's sizes (and a not-found drops the identity).
  const service = await loadService()
  return service.ok ? identity : service
}

async function serviceArn(): Promise<Result<string>> {
  const identity = await getServiceIdentity()
  return identity.ok ? ok(identity.data.arn) : identity
}

/** Forget the ARN when AWS says the service no longer exists under it. */
function onNotFound<T>(r: Result<T>): Result<T> {
  if (!r.ok && r.error.code === 'not_found') invalidate('apprunner-arn:')
  return r
}

async function autoScalingSizes(arn: string): Promise<Result<AutoScalingSizes>> {
  const load = async (): Promise<Result<AutoScalingSizes>> => {
    try {
      const out = await appRunnerClient().send(new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: arn }))
      return out.AutoScalingConfiguration ? ok(toAutoScalingSizes(out.AutoScalingConfiguration)) : err(missing('AutoScalingConfiguration'))
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'apprunner:DescribeAutoScalingConfiguration', resource: `auto-scaling configuration ${arn}` }))
    }
  }
  // Keyed by the revision ARN, whose settings never change (an edit creates a new revision): kept
  // across `apprunner:` invalidation and re-read in the background, so DescribeService is not followed
  // by a second round trip on the request path once the revision is known.
  return plain(await cachedRevalidating(`apprunner-autoscaling:${arn}`, ttl.configuration, load))
}

async function loadService(): Promise<Result<ServiceData>> {
  const arn = await serviceArn()
  if (!arn.ok) return arn
  let out
  try {
    out = await appRunnerClient().send(new DescribeServiceCommand({ ServiceArn: arn.data }))
  } catch (e: unknown) {
    return onNotFound(err(toAppError(e, { action: 'apprunner:DescribeService', resource: resource() })))
  }
  if (!out.Service) return err(missing('Service'))
  const asArn = out.Service.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn
  // The auto-scaling ARN is only known from DescribeService, so this cannot run in parallel with it;
  // warmUp reads it at start-up and the cache keeps it, so normally it costs nothing. If it fails, the
  // service is still shown and only the three sizing numbers are unknown (null) — not worth blanking the panel.
  const sizes = asArn ? await autoScalingSizes(asArn) : null
  return toService(out.Service, sizes?.ok ? sizes.data : null, appRunnerConsoleUrl(config().region, out.Service.ServiceArn))
}

const serviceTtl = (s: ServiceData) => (s.status === 'OPERATION_IN_PROGRESS' ? ttl.statusTransitional : ttl.status)

/**
 * The App Runner service with its deployed image, SHA, sizing, egress and redacted environment.
 * Errors: not_found, aws_denied, aws_throttled, aws_timeout, aws_unreachable, aws_error.
 */
export async function getService(): Promise<Result<Service>> {
  return fresh(await cached('apprunner:service', serviceTtl, loadService))
}

type Operations = Omit<OperationList, 'fetchedAt' | 'stale'>

async function loadOperations(): Promise<Result<Operations>> {
  const arn = await serviceArn()
  if (!arn.ok) return arn
  try {
    // One page of 20 (newest first) is what the history view shows.
    const out = await appRunnerClient().send(new ListOperationsCommand({ ServiceArn: arn.data, MaxResults: 20 }))
    const ops = mapAll(out.OperationSummaryList ?? [], toOperation)
    return ops.ok ? ok({ operations: ops.data }) : ops
  } catch (e: unknown) {
    return onNotFound(err(toAppError(e, { action: 'apprunner:ListOperations', resource: resource() })))
  }
}

const operationsTtl = (v: Operations) => (v.operations.some((o) => isOperationActive(o.status)) ? ttl.statusTransitional : ttl.status)

/** The service's recent operations, newest first (as ListOperations returns them). Errors: not_found, aws_*. */
export async function listOperations(): Promise<Result<OperationList>> {
  return fresh(await cached('apprunner:operations', operationsTtl, loadOperations))
}

/** A VPC connector by its full ARN (subnets and security groups). Errors: invalid_input, not_found, aws_*. */
export async function getVpcConnector(arn: string): Promise<Result<VpcConnector>> {
  if (!arn.startsWith('arn:')) return err(appError('invalid_input', 'A VPC connector is named by its full ARN.'))
  const load = async (): Promise<Result<VpcConnector>> => {
    try {
      const out = await appRunnerClient().send(new DescribeVpcConnectorCommand({ VpcConnectorArn: arn }))
      return out.VpcConnector ? toVpcConnector(out.VpcConnector) : err(missing('VpcConnector'))
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'apprunner:DescribeVpcConnector', resource: `VPC connector ${arn}` }))
    }
  }
  return plain(await cached(`apprunner:vpc-connector:${arn}`, ttl.configuration, load))
}

/** Thrown inside a write's body when the portal, not AWS, refuses to go on (caught in `write`). */
class WriteRefused extends Error {
  constructor(readonly error: AppError) {
    super(error.message)
  }
}

/** Runs one mutating call against the service, then drops every cached App Runner read. */
async function write(action: string, call: (serviceArn: string) => Promise<string | undefined>): Promise<Result<{ operationId: string }>> {
  const arn = await serviceArn()
  if (!arn.ok) return arn
  try {
    const operationId = await call(arn.data)
    return operationId ? ok({ operationId }) : err(missing('OperationId'))
  } catch (e: unknown) {
    if (e instanceof WriteRefused) return err(e.error)
    return onNotFound(err(toAppError(e, { action, resource: resource() })))
  } finally {
    // Also after a failure: an InvalidStateException means our cached status was out of date.
    invalidate('apprunner:')
  }
}

/**
 * Points the service at another image and starts a deployment (UpdateService). UpdateService
 * replaces the whole SourceConfiguration, so the current image configuration (port, env, secrets,
 * start command), auto-deploy flag and ECR access role are read fresh (unredacted, never returned)
 * and carried over. Errors: invalid_input, conflict (an operation is running or the service is
 * paused), not_found, aws_*.
 */
export async function updateServiceImage(imageIdentifier: string): Promise<Result<{ operationId: string }>> {
  if (!/^[^\s]+[:@][^\s]+$/.test(imageIdentifier)) {
    return err(appError('invalid_input', 'An image identifier looks like <registry>/<repository>:<tag>.'))
  }
  return write('apprunner:UpdateService', async (ServiceArn) => {
    const current = await appRunnerClient().send(new DescribeServiceCommand({ ServiceArn }))
    const source = current.Service?.SourceConfiguration
    const imageRepository = source?.ImageRepository
    if (!imageRepository) {
      throw new WriteRefused(
        appError('conflict', `${resource()} is not deployed from an image repository, so its image cannot be changed.`, {
          hint: 'The portal deploys ECR images only; a source-code service has to be changed in the App Runner console.',
        }),
      )
    }
    const out = await appRunnerClient().send(
      new UpdateServiceCommand({
        ServiceArn,
        SourceConfiguration: {
          ImageRepository: {
            ImageIdentifier: imageIdentifier,
            ImageRepositoryType: 'ECR',
            ImageConfiguration: imageRepository.ImageConfiguration,
          },
          AutoDeploymentsEnabled: source?.AutoDeploymentsEnabled,
          AuthenticationConfiguration: source?.AuthenticationConfiguration,
        },
      }),
    )
    return out.OperationId
  })
}

/** Redeploys the current image reference (StartDeployment). Errors: conflict, not_found, aws_*. */
export const startDeployment = (): Promise<Result<{ operationId: string }>> =>
  write(
    'apprunner:StartDeployment',
    async (ServiceArn) => (await appRunnerClient().send(new StartDeploymentCommand({ ServiceArn }))).OperationId,
  )

/** Pauses the service (PauseService). Errors: conflict, not_found, aws_*. */
export const pauseService = (): Promise<Result<{ operationId: string }>> =>
  write('apprunner:PauseService', async (ServiceArn) => (await appRunnerClient().send(new PauseServiceCommand({ ServiceArn }))).OperationId)

/** Resumes a paused service (ResumeService). Errors: conflict, not_found, aws_*. */
export const resumeService = (): Promise<Result<{ operationId: string }>> =>
  write(
    'apprunner:ResumeService',
    async (ServiceArn) => (await appRunnerClient().send(new ResumeServiceCommand({ ServiceArn }))).OperationId,
  )

/** Deploys the image of the configured ECR repository tagged with `sha`. */
async function deployImage(sha: string): Promise<Result<{ operationId: string; imageIdentifier: string }>> {
  const parsed = shaSchema.safeParse(sha)
  if (!parsed.success) return err(appError('invalid_input', 'A commit SHA is 7 to 40 hexadecimal characters (0-9, a-f).'))
  const repo = await getRepository()
  if (!repo.ok) return repo
  const imageIdentifier = `${repo.data.uri}:${parsed.data}`
  const r = await updateServiceImage(imageIdentifier)
  return r.ok ? ok({ operationId: r.data.operationId, imageIdentifier }) : r
}

/** App Runner as the portal's Runtime (runtime.ts exports it as `runtime`). */
export const appRunnerRuntime: Runtime = {
  kind: 'apprunner',
  label: 'App Runner',
  warmUp: async () => {
    const r = await warmUp()
    return r.ok ? ok(undefined) : r
  },
  getIdentity: getServiceIdentity,
  getService,
  listOperations,
  getVpcConnector,
  deployImage,
  redeployCurrent: startDeployment,
  pause: pauseService,
  resume: resumeService,
  metrics: appRunnerMetrics,
  metricDimensions: appRunnerMetricDimensions,
  logGroupName: appRunnerLogGroupName,
  deploymentLogStream: appRunnerDeploymentLogStream,
  logGroupPrefix: appRunnerLogGroupPrefix,
  parseLogGroupName: parseAppRunnerLogGroupName,
  trailEventNames: Object.keys(appRunnerTrailOperations),
  trailOperation: (call) => appRunnerTrailOperation(call, serviceName()),
  consoleUrl: appRunnerConsoleUrl,
  scheduleTargets: appRunnerScheduleTargets,
  setupGuide: appRunnerSetupGuide,
}
