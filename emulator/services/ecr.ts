/** ECR (awsJson1_1, camelCase members, timestamps in epoch seconds). */
import { list, num, obj, records, str } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import { ACCOUNT_ID, ECR_REPOSITORY, ECR_REPOSITORY_ARN, ECR_REPOSITORY_URI } from '../world/constants'
import { imageManifest, scanFindings } from '../world/images'
import type { ImageState, World } from '../world/shapes'

const invalid = (message: string) => new AwsError('InvalidParameterException', message)
const invalidToken = () => invalid("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid token'")
const s = (ms: number) => ms / 1000

function repoNotFound(name: string, registryId: string): AwsError {
  return new AwsError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  )
}

/** The world, when the request names the AppFactory repository of this account; otherwise RepositoryNotFound. */
function requireRepo(input: Input, ctx: HandlerContext): World {
  const name = str(input.repositoryName) ?? ''
  const registryId = str(input.registryId) ?? ctx.accountId
  if (!ctx.world || name !== ECR_REPOSITORY || registryId !== ACCOUNT_ID) throw repoNotFound(name, registryId)
  return ctx.world
}

type ImageId = { imageDigest?: string; imageTag?: string }

const matches = (i: ImageState, id: ImageId) =>
  (id.imageDigest === undefined || i.digest === id.imageDigest) && (id.imageTag === undefined || i.tags.includes(id.imageTag))

function findImage(world: World, id: ImageId): ImageState {
  if (!id.imageDigest && !id.imageTag) throw invalid('Invalid parameter at imageId: imageDigest or imageTag must be specified')
  const image = world.images.find((i) => matches(i, id))
  if (!image) {
    throw new AwsError(
      'ImageNotFoundException',
      `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${ECR_REPOSITORY}' in the registry with id '${ACCOUNT_ID}'`,
    )
  }
  return image
}

const imageIdOf = (v: unknown): ImageId => ({ imageDigest: str(obj(v)?.imageDigest), imageTag: str(obj(v)?.imageTag) })

function severityCounts(image: ImageState): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [k, v] of Object.entries(image.findings)) if (v) out[k] = v
  return out
}

function imageDetail(image: ImageState) {
  return {
    registryId: ACCOUNT_ID,
    repositoryName: ECR_REPOSITORY,
    imageDigest: image.digest,
    imageTags: image.tags.length > 0 ? image.tags : undefined,
    imageSizeInBytes: image.sizeBytes,
    imagePushedAt: s(image.pushedAt),
    imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
    imageScanFindingsSummary: {
      imageScanCompletedAt: s(image.scanCompletedAt),
      vulnerabilitySourceUpdatedAt: s(image.scanCompletedAt - 6 * 3_600_000),
      findingSeverityCounts: severityCounts(image),
    },
    imageManifestMediaType: image.manifestMediaType,
    artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    imageStatus: 'ACTIVE',
  }
}

/** The images a `filter.tagStatus` selects (ANY when absent). */
function byTagStatus(world: World, input: Input): ImageState[] {
  const tagStatus = str(obj(input.filter)?.tagStatus) ?? 'ANY'
  if (tagStatus === 'UNTAGGED') return world.images.filter((i) => i.tags.length === 0)
  if (tagStatus === 'TAGGED') return world.images.filter((i) => i.tags.length > 0)
  return world.images
}

const describeRepositories: Handler = (input, ctx) => {
  const registryId = str(input.registryId) ?? ctx.accountId
  const home = ctx.world !== null && registryId === ACCOUNT_ID
  for (const n of list(input.repositoryNames)) if (!home || n !== ECR_REPOSITORY) throw repoNotFound(String(n), registryId)
  decodeOffset(input.nextToken, invalidToken)
  return {
    repositories:
      home && ctx.world
        ? [
            {
              repositoryArn: ECR_REPOSITORY_ARN,
              registryId: ACCOUNT_ID,
              repositoryName: ECR_REPOSITORY,
              repositoryUri: ECR_REPOSITORY_URI,
              createdAt: s(ctx.world.ecr.createdAt),
              imageTagMutability: 'MUTABLE',
              imageScanningConfiguration: { scanOnPush: true },
              encryptionConfiguration: { encryptionType: 'AES256' },
            },
          ]
        : [],
  }
}

const describeImages: Handler = (input, ctx) => {
  const world = requireRepo(input, ctx)
  const ids = records(input.imageIds)
  if (ids.length > 0) {
    if (input.maxResults !== undefined || input.nextToken !== undefined)
      throw invalid('Invalid parameter: maxResults and nextToken cannot be specified together with imageIds')
    const found = ids.map((id) => findImage(world, imageIdOf(id)))
    return { imageDetails: [...new Set(found)].map(imageDetail) }
  }
  const p = page(byTagStatus(world, input), decodeOffset(input.nextToken, invalidToken), num(input.maxResults) ?? 100)
  return { imageDetails: p.items.map(imageDetail), nextToken: p.next }
}

/** One entry per tag (an untagged image: its digest alone), as ListImages lists them. */
const listImages: Handler = (input, ctx) => {
  const world = requireRepo(input, ctx)
  const ids = byTagStatus(world, input).flatMap((i) =>
    i.tags.length === 0 ? [{ imageDigest: i.digest }] : i.tags.map((t) => ({ imageDigest: i.digest, imageTag: t })),
  )
  const p = page(ids, decodeOffset(input.nextToken, invalidToken), num(input.maxResults) ?? 100)
  return { imageIds: p.items, nextToken: p.next }
}

const batchGetImage: Handler = (input, ctx) => {
  const world = requireRepo(input, ctx)
  const images: Record<string, unknown>[] = []
  const failures: Record<string, unknown>[] = []
  for (const raw of records(input.imageIds)) {
    const id = imageIdOf(raw)
    if (!id.imageDigest && !id.imageTag) {
      failures.push({
        imageId: id,
        failureCode: 'MissingDigestAndTag',
        failureReason: 'Invalid request parameters: both tag and digest cannot be null',
      })
      continue
    }
    const image = world.images.find((i) => matches(i, id))
    if (!image) {
      const tagged = id.imageTag !== undefined && world.images.some((i) => i.tags.includes(id.imageTag ?? ''))
      failures.push(
        tagged
          ? { imageId: id, failureCode: 'ImageTagDoesNotMatchDigest', failureReason: 'Invalid image digest for the requested tag' }
          : { imageId: id, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' },
      )
      continue
    }
    images.push({
      registryId: ACCOUNT_ID,
      repositoryName: ECR_REPOSITORY,
      imageId: { imageDigest: image.digest, imageTag: id.imageTag ?? image.tags[0] },
      imageManifest: imageManifest(image.seedIndex, image.sizeBytes),
      imageManifestMediaType: image.manifestMediaType,
    })
  }
  return { images, failures }
}

const describeImageScanFindings: Handler = (input, ctx) => {
  const world = requireRepo(input, ctx)
  const image = findImage(world, imageIdOf(input.imageId))
  const p = page(scanFindings(image), decodeOffset(input.nextToken, invalidToken), num(input.maxResults) ?? 100)
  return {
    registryId: ACCOUNT_ID,
    repositoryName: ECR_REPOSITORY,
    imageId: { imageDigest: image.digest, imageTag: str(obj(input.imageId)?.imageTag) ?? image.tags[0] },
    imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
    imageScanFindings: {
      imageScanCompletedAt: s(image.scanCompletedAt),
      vulnerabilitySourceUpdatedAt: s(image.scanCompletedAt - 6 * 3_600_000),
      findingSeverityCounts: severityCounts(image),
      findings: p.items,
    },
    nextToken: p.next,
  }
}

const getLifecyclePolicy: Handler = (input, ctx) => {
  const world = requireRepo(input, ctx)
  if (world.ecr.lifecyclePolicy === null) {
    throw new AwsError(
      'LifecyclePolicyNotFoundException',
      `Lifecycle policy does not exist for the repository with name '${ECR_REPOSITORY}' in the registry with id '${ACCOUNT_ID}'`,
    )
  }
  return {
    registryId: ACCOUNT_ID,
    repositoryName: ECR_REPOSITORY,
    lifecyclePolicyText: world.ecr.lifecyclePolicy,
    lastEvaluatedAt: s(ctx.now),
  }
}

export const ecrService: ServiceDefinition = {
  name: 'ecr',
  validation: { form: 'ecr', code: 'InvalidParameterException' },
  handlers: {
    DescribeRepositories: describeRepositories,
    DescribeImages: describeImages,
    ListImages: listImages,
    BatchGetImage: batchGetImage,
    DescribeImageScanFindings: describeImageScanFindings,
    GetLifecyclePolicy: getLifecyclePolicy,
  },
}
