import 'server-only'

import { getService, listOperations } from '@/lib/aws/apprunner'
import { getMetrics, listAlarms } from '@/lib/aws/cloudwatch'
import { listImages } from '@/lib/aws/ecr'
import { probeHealth } from '@/lib/aws/health'
import { getDatabase } from '@/lib/aws/rds'
import { getCallerIdentity } from '@/lib/aws/sts'
import { cached } from '@/lib/cache'
import { config } from '@/lib/config'
import { consoleLinks } from '@/lib/console-links'
import { costInputFrom, estimateMonthlyCost, seedEstimate } from '@/lib/cost'
import type { ImagePage } from '@/lib/domain/image'
import type { Service } from '@/lib/domain/service'
import type { Environment, Overview } from '@/lib/domain/overview'
import { type HealthProbeResult, healthVerdict } from '@/lib/queries/service'
import { markDeployed, newerThanDeployed } from '@/lib/queries/images'
import { ok, type Result } from '@/lib/result'

/** Where the portal points (config) and who STS says it is. Never fails: an STS error is reported inside. */
export async function getEnvironment(): Promise<Environment> {
  const c = config()
  const identity = await getCallerIdentity()
  return {
    region: c.region,
    expectedAccountId: c.accountId,
    account: identity.ok ? identity.data.account : null,
    arn: identity.ok ? identity.data.arn : null,
    accountMatches: identity.ok ? identity.data.account === c.accountId : null,
    identityError: identity.ok ? null : identity.error,
    identityReadAt: identity.ok ? identity.data.fetchedAt : null,
    identityStaleError: identity.ok && identity.data.stale ? (identity.data.staleError ?? null) : null,
    endpointOverride: c.endpointUrl !== undefined,
    githubRepo: c.githubRepo,
    names: { ecrRepository: c.ecrRepository, appRunnerService: c.appRunnerService, rdsInstance: c.rdsInstance, githubRole: c.githubRole },
    links: consoleLinks({ ...c, accountId: identity.ok ? identity.data.account : c.accountId }),
    fetchedAt: new Date().toISOString(),
  }
}

/** The health probe of a service's URL, cached 10 s so many viewers cause one probe. */
export async function probeService(service: Service): Promise<HealthProbeResult> {
  const url = service.url
  if (!url)
    return {
      url: null,
      status: null,
      ms: null,
      verdict: 'unknown',
      error: 'The service has no URL yet.',
      fetchedAt: new Date().toISOString(),
    }
  const r = await cached(`health:${url}`, 10_000, async () => ok(await probeHealth(url)))
  const fetchedAt = new Date(r.readAt ?? Date.now()).toISOString()
  if (!r.ok) return { url, status: null, ms: null, verdict: 'unreachable', error: r.error.message, fetchedAt }
  const p = r.data
  return {
    url: p.url,
    status: p.status,
    ms: p.ms,
    ...(p.error ? { error: p.error } : {}),
    verdict: healthVerdict(p.status, true),
    fetchedAt,
  }
}

/** Reads the service and probes its health endpoint. */
export async function getServiceHealth(): Promise<Result<HealthProbeResult>> {
  const service = await getService()
  return service.ok ? ok(await probeService(service.data)) : service
}

/**
 * One page of images with `deployed` set. The service and the image list are read in parallel
 * (both cached), then joined, so the page costs max(latency), not the sum.
 */
export async function getImagesPage(input: { cursor?: string; pageSize?: number } = {}): Promise<Result<ImagePage>> {
  const [service, page] = await Promise.all([getService(), listImages({ cursor: input.cursor ?? null, pageSize: input.pageSize })])
  if (!page.ok) return page
  return ok(markDeployed(page.data, service.ok ? { tag: service.data.imageTag, digest: service.data.imageDigest ?? null } : null))
}

/** Everything the overview shows, every read in parallel; each section succeeds or fails alone. */
export async function getOverview(): Promise<Overview> {
  const [environment, service, operations, database, alarms, metrics, images] = await Promise.all([
    getEnvironment(),
    getService(),
    listOperations(),
    getDatabase(),
    listAlarms(),
    getMetrics('3h'),
    getImagesPage({ pageSize: 100 }),
  ])
  const health: Result<HealthProbeResult> = service.ok ? ok(await probeService(service.data)) : service
  const region = config().region
  const cost =
    service.ok || database.ok
      ? ok({
          ...estimateMonthlyCost(
            costInputFrom(region, service.ok ? service.data : null, database.ok ? database.data : null, metrics.ok ? metrics.data : null),
          ),
          seedEstimate,
        })
      : service
  return {
    environment,
    service,
    health,
    operations,
    database,
    alarms,
    metrics,
    images: images.ok
      ? ok({
          latest: images.data.images.slice(0, 5),
          newerThanDeployed: newerThanDeployed(images.data.images),
          fetchedAt: images.data.fetchedAt,
        })
      : images,
    cost,
    fetchedAt: new Date().toISOString(),
  }
}
