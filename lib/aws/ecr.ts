import 'server-only'

import {
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetLifecyclePolicyCommand,
  type ImageDetail,
  type ImageScanFinding,
} from '@aws-sdk/client-ecr'

import { cached } from '@/lib/cache'
import { config } from '@/lib/config'
import { appError } from '@/lib/domain/errors'
import type { Finding, Image, ImagePage, Repository } from '@/lib/domain/image'
import { isDeployedImage, type DeployedRef } from '@/lib/domain/image.values'
import { shaSchema } from '@/lib/domain/sha'
import { err, ok, type Result } from '@/lib/result'

import { ecrClient } from './clients'
import { isShaTag, toFinding, toImage, toRepository, type ImageRecord } from './ecr.mappers'
import { toAppError } from './errors'
import { badCursor, decodeCursor, encodeCursor, fresh, mapAll, plain, ttl } from './support'

/** DescribeImages returns at most 1000 details per call. */
const DESCRIBE_PAGE = 1000
/** Upper bound of the full scan: 20 calls. A repository beyond this shows its newest-pushed subset of what was read. */
export const MAX_IMAGES = 20_000
const MAX_FINDING_PAGES = 10
const DEFAULT_PAGE_SIZE = 50
const MAX_PAGE_SIZE = 500

const repoName = () => config().ecrRepository
const resource = () => `ECR repository ${repoName()}`

/** The image the service runs now, by tag and/or digest (either may be unknown). */
export type DeployedImage = DeployedRef

export type ListImagesInput = {
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string | null
  pageSize?: number
  deployedImage?: DeployedImage
  /** Same as `deployedImage.digest` (architecture contract spelling). */
  deployedDigest?: string | null
  /** Same as `deployedImage.tag` (architecture contract spelling). */
  deployedTag?: string | null
}

type AllImages = { images: ImageRecord[]; truncated: boolean }

/**
 * Reads every image of the repository once (DescribeImages, 1000 per call, capped at MAX_IMAGES).
 * DescribeImages has no sort order, so newest-first paging needs the full list; caching it for
 * `ttl.images` makes 5,000 images cost 5 calls per 15 s however many pages viewers open.
 */
async function loadAllImages(): Promise<Result<AllImages>> {
  const details: ImageDetail[] = []
  let nextToken: string | undefined
  try {
    do {
      const out = await ecrClient().send(new DescribeImagesCommand({ repositoryName: repoName(), maxResults: DESCRIBE_PAGE, nextToken }))
      details.push(...(out.imageDetails ?? []))
      nextToken = out.nextToken
    } while (nextToken && details.length < MAX_IMAGES)
  } catch (e: unknown) {
    return err(toAppError(e, { action: 'ecr:DescribeImages', resource: resource() }))
  }
  const mapped = mapAll(details, toImage)
  if (!mapped.ok) return mapped
  // Newest first; the digest breaks ties so the order (and therefore the cursor) is stable.
  const images = mapped.data.sort((a, b) =>
    a.pushedAt === b.pushedAt ? a.digest.localeCompare(b.digest) : a.pushedAt < b.pushedAt ? 1 : -1,
  )
  return ok({ images, truncated: nextToken !== undefined })
}

const allImages = async () => fresh(await cached('ecr:all-images', ttl.images, loadAllImages))

/** The position just after the image the cursor names (pushedAt + digest), so pushes between pages do not shift it. */
function startIndex(images: readonly ImageRecord[], cursor: string): number | null {
  const c = decodeCursor(cursor)
  if (!c || typeof c.p !== 'string' || typeof c.d !== 'string') return null
  const { p, d } = c
  const i = images.findIndex((img) => img.pushedAt < p || (img.pushedAt === p && img.digest.localeCompare(d) > 0))
  return i === -1 ? images.length : i
}

/**
 * One page of the repository's images, newest push first, with `deployed` set from the image the
 * service runs. Errors: invalid_input (cursor), not_found, aws_denied, aws_throttled, aws_timeout,
 * aws_unreachable, aws_error.
 */
export async function listImages(input: ListImagesInput = {}): Promise<Result<ImagePage>> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(input.pageSize ?? DEFAULT_PAGE_SIZE)))
  const deployed: DeployedImage = {
    tag: input.deployedImage?.tag ?? input.deployedTag ?? null,
    digest: input.deployedImage?.digest ?? input.deployedDigest ?? null,
  }
  const all = await allImages()
  if (!all.ok) return all
  const { images, fetchedAt, stale, staleError } = all.data
  const start = input.cursor ? startIndex(images, input.cursor) : 0
  if (start === null) return err(badCursor())
  const page = images.slice(start, start + pageSize)
  const last = page.at(-1)
  const nextCursor = last && start + pageSize < images.length ? encodeCursor({ p: last.pushedAt, d: last.digest }) : null
  return ok({ images: page.map((img) => ({ ...img, deployed: isDeployedImage(img, deployed) })), nextCursor, fetchedAt, stale, staleError })
}

/**
 * Images with a commit-SHA tag starting with `sha` (7–40 hex, any case), newest first, read from the
 * same cached full scan as `listImages`. Errors: invalid_input, plus those of `listImages`.
 */
export async function findImagesBySha(sha: string, deployedImage: DeployedImage = {}): Promise<Result<Image[]>> {
  const parsed = shaSchema.safeParse(sha)
  if (!parsed.success) return err(appError('invalid_input', 'A commit SHA is 7 to 40 hexadecimal characters (0-9, a-f).'))
  const prefix = parsed.data
  const all = await allImages()
  if (!all.ok) return all
  return ok(
    all.data.images
      .filter((img) => img.tags.some((t) => isShaTag(t) && t.toLowerCase().startsWith(prefix)))
      .map((img) => ({ ...img, deployed: isDeployedImage(img, deployedImage) })),
  )
}

/**
 * Images pushed in [from, to] (epoch ms), newest first, from the same cached full scan as `listImages`
 * (`deployed` is false: the timeline does not ask). Errors: those of `listImages`.
 */
export async function listImagesPushedBetween(from: number, to: number): Promise<Result<Image[]>> {
  const all = await allImages()
  if (!all.ok) return all
  return ok(
    all.data.images
      .filter((img) => {
        const t = Date.parse(img.pushedAt)
        return t >= from && t <= to
      })
      .map((img) => ({ ...img, deployed: false })),
  )
}

const DIGEST = /^[a-z0-9]+:[0-9a-f]{32,128}$/

/**
 * One image by digest (from the cached full scan), with `deployed` set from the image the service runs.
 * Errors: invalid_input, not_found, plus those of `listImages`.
 */
export async function getImage(digest: string, deployedImage: DeployedImage = {}): Promise<Result<Image>> {
  if (!DIGEST.test(digest)) return err(appError('invalid_input', 'An image digest looks like sha256: followed by 64 hex characters.'))
  const all = await allImages()
  if (!all.ok) return all
  const img = all.data.images.find((i) => i.digest === digest)
  if (!img)
    return err(
      appError('not_found', `${resource()} has no image ${digest}.`, {
        hint: 'It may have been deleted (lifecycle policy); see the Images page.',
      }),
    )
  return ok({ ...img, deployed: isDeployedImage(img, deployedImage) })
}

/**
 * The vulnerability findings of one image (DescribeImageScanFindings, all pages up to a cap).
 * An image that was never scanned has no findings. Errors: invalid_input, not_found, aws_*.
 */
export async function getImageFindings(digest: string): Promise<Result<Finding[]>> {
  if (!DIGEST.test(digest)) return err(appError('invalid_input', 'An image digest looks like sha256: followed by 64 hex characters.'))
  const load = async (): Promise<Result<Finding[]>> => {
    const found: ImageScanFinding[] = []
    let nextToken: string | undefined
    let pages = 0
    try {
      do {
        const out = await ecrClient().send(
          new DescribeImageScanFindingsCommand({
            repositoryName: repoName(),
            imageId: { imageDigest: digest },
            maxResults: 1000,
            nextToken,
          }),
        )
        found.push(...(out.imageScanFindings?.findings ?? []))
        nextToken = out.nextToken
        pages += 1
      } while (nextToken && pages < MAX_FINDING_PAGES)
    } catch (e: unknown) {
      // ScanNotFoundException: the image was never scanned, which the image's scan status already shows.
      if (e instanceof Error && e.name === 'ScanNotFoundException') return ok([])
      return err(toAppError(e, { action: 'ecr:DescribeImageScanFindings', resource: `image ${digest} in ${resource()}` }))
    }
    return mapAll(found, toFinding)
  }
  return plain(await cached(`ecr:findings:${digest}`, ttl.findings, load))
}

/** The repository's settings (URI, scan on push, encryption, tag mutability). Errors: not_found, aws_*. */
export async function getRepository(): Promise<Result<Repository>> {
  const load = async (): Promise<Result<Repository>> => {
    try {
      const out = await ecrClient().send(new DescribeRepositoriesCommand({ repositoryNames: [repoName()] }))
      const repo = out.repositories?.[0]
      if (!repo)
        return err(appError('not_found', `${resource()} was not found.`, { hint: 'Check APPFACTORY_ECR_REPOSITORY and AWS_REGION.' }))
      return toRepository(repo)
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'ecr:DescribeRepositories', resource: resource() }))
    }
  }
  return plain(await cached('ecr:repository', ttl.repository, load))
}

/** The repository's lifecycle policy JSON text, or null when none is set. Errors: not_found (repository), aws_*. */
export async function getLifecyclePolicy(): Promise<Result<{ text: string } | null>> {
  const load = async (): Promise<Result<{ policy: { text: string } | null }>> => {
    try {
      const out = await ecrClient().send(new GetLifecyclePolicyCommand({ repositoryName: repoName() }))
      return ok({ policy: out.lifecyclePolicyText ? { text: out.lifecyclePolicyText } : null })
    } catch (e: unknown) {
      // AWS reports "no policy" as an error; for the portal it is a normal, empty answer.
      if (e instanceof Error && e.name === 'LifecyclePolicyNotFoundException') return ok({ policy: null })
      return err(toAppError(e, { action: 'ecr:GetLifecyclePolicy', resource: resource() }))
    }
  }
  const r = await cached('ecr:lifecycle-policy', ttl.repository, load)
  return r.ok ? ok(r.data.policy) : err(r.error)
}
