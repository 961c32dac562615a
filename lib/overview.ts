import 'server-only'

import { listOperationsWithLedger } from '@/lib/actions/deployment-reads'
import { getMetrics, listAlarms } from '@/lib/aws/cloudwatch'
import { getImage, listImages } from '@/lib/aws/ecr'
import { probeHealth } from '@/lib/aws/health'
import { getDatabase } from '@/lib/aws/rds'
import { runtime } from '@/lib/aws/runtime'
import { getCallerIdentity } from '@/lib/aws/sts'
import { cached } from '@/lib/cache'
import { config } from '@/lib/config'
import { consoleLinks } from '@/lib/console-links'
import { costInputFrom, effectivePrices, estimateMonthlyCost, seedEstimate } from '@/lib/cost'
import type { Database } from '@/lib/domain/database'
import type { HealthProbeResult } from '@/lib/domain/health'
import { healthVerdict } from '@/lib/domain/health.values'
import type { Image, ImagePage } from '@/lib/domain/image'
import { isDeployedImage, markDeployed, newerThanDeployed } from '@/lib/domain/image.values'
import type { Metrics } from '@/lib/domain/metrics'
import type { Environment, Overview } from '@/lib/domain/overview'
import { overviewMetricsRange } from '@/lib/domain/overview.values'
import type { Service } from '@/lib/domain/service'
import { isNotCreated, type NotCreated } from '@/lib/domain/setup.values'
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
    links: consoleLinks({
      ...c,
      accountId: identity.ok ? identity.data.account : c.accountId,
      service: {
        label: runtime.label,
        href: runtime.consoleUrl(c.region, c.appRunnerServiceArn),
        logGroupPrefix: runtime.logGroupPrefix(c.appRunnerService),
      },
    }),
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

/** Reads the service and probes its health endpoint; NotCreated (nothing to probe) while there is no service. */
export async function getServiceHealth(): Promise<Result<HealthProbeResult | NotCreated>> {
  const service = await runtime.getService()
  if (!service.ok) return service
  return ok(isNotCreated(service.data) ? service.data : await probeService(service.data))
}

/**
 * One page of images with `deployed` set. The service and the image list are read in parallel
 * (both cached), then joined, so the page costs max(latency), not the sum.
 */
export async function getImagesPage(input: { cursor?: string; pageSize?: number } = {}): Promise<Result<ImagePage>> {
  const [service, page] = await Promise.all([runtime.getService(), listImages({ cursor: input.cursor ?? null, pageSize: input.pageSize })])
  if (!page.ok) return page
  const svc = service.ok ? service.data : null
  // No service yet: nothing is deployed (known, not unknown), and the page says why (never "not in the repository").
  if (svc && isNotCreated(svc)) return ok({ ...page.data, nothingDeployed: svc, deployedKnown: true })
  // The service could not be read: which image is deployed is unknown (never shown as "none deployed").
  const ref = svc ? { tag: svc.imageTag, digest: svc.imageDigest ?? null } : null
  const deployedKnown = ref !== null && (!!ref.tag || !!ref.digest)
  return ok({
    ...markDeployed(page.data, ref),
    deployedKnown,
    ...(service.ok ? {} : { deployedError: service.error }),
  })
}

/** One image by digest with `deployed` set (the service and the image list read in parallel, both cached). */
export async function getImageDetail(digest: string): Promise<Result<Image & { fetchedAt: string }>> {
  const [service, image] = await Promise.all([runtime.getService(), getImage(digest)])
  if (!image.ok) return image
  const deployed =
    service.ok &&
    !isNotCreated(service.data) &&
    isDeployedImage(image.data, { tag: service.data.imageTag, digest: service.data.imageDigest ?? null })
  return ok({ ...image.data, deployed, fetchedAt: new Date().toISOString() })
}

/**
 * How the overview reads each of its sections: its panels prefetch with these and `GET /api/overview`
 * builds its answer from them, so both show the same data over the same windows.
 */
export const overviewSections = {
  environment: getEnvironment,
  service: () => runtime.getService(),
  health: getServiceHealth,
  operations: listOperationsWithLedger,
  database: getDatabase,
  alarms: listAlarms,
  metrics: () => getMetrics(overviewMetricsRange),
  images: () => getImagesPage(),
} as const

/** The cost section: the estimate from whatever of the service, database and metrics could be read. */
export function overviewCost(
  service: Result<Service | NotCreated>,
  database: Result<Database>,
  metrics: Result<Metrics>,
): Overview['cost'] {
  if (!service.ok && !database.ok) return service
  const input = costInputFrom(
    config().region,
    service.ok && !isNotCreated(service.data) ? service.data : null,
    database.ok ? database.data : null,
    metrics.ok ? metrics.data : null,
  )
  return ok({ ...estimateMonthlyCost(input, effectivePrices(config().priceOverrides).table), seedEstimate })
}

/** Everything the overview shows, every read in parallel; each section succeeds or fails alone. */
export async function getOverview(): Promise<Overview> {
  const s = overviewSections
  const [environment, service, operations, database, alarms, metrics, images] = await Promise.all([
    s.environment(),
    s.service(),
    s.operations(),
    s.database(),
    s.alarms(),
    s.metrics(),
    s.images(),
  ])
  const health: Result<HealthProbeResult | NotCreated> = !service.ok
    ? service
    : ok(isNotCreated(service.data) ? service.data : await probeService(service.data))
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
          newerThanDeployed: images.data.nothingDeployed
            ? null
            : newerThanDeployed(images.data.images, {
                deployedKnown: images.data.deployedKnown ?? false,
                complete: images.data.nextCursor === null,
              }),
          fetchedAt: images.data.fetchedAt,
        })
      : images,
    cost: overviewCost(service, database, metrics),
    fetchedAt: new Date().toISOString(),
  }
}
