/** ECR (awsJson1_1, camelCase, timestamps in epoch seconds). AWS-API-NOTES.md §6.1. */
import { AwsError, type JsonHandler, type JsonInput, type ServiceDefinition } from '../core/types'
import { epochSeconds } from '../core/xml'
import { ACCOUNT_ID, ECR_REPOSITORY, ECR_REPOSITORY_ARN, ECR_REPOSITORY_URI } from '../world/constants'
import { scanFindings } from '../world/images'
import type { ImageState } from '../world/shapes'
import type { World } from '../world/world'

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined

const invalid = (message: string) => new AwsError('InvalidParameterException', message)

function repoNotFound(name: string, registryId = ACCOUNT_ID): AwsError {
  return new AwsError(
    'RepositoryNotFoundException',
    `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  )
}

function requireRepo(input: JsonInput): string {
  const name = str(input.repositoryName)
  if (!name)
    throw invalid("1 validation error detected: Value null at 'repositoryName' failed to satisfy constraint: Member must not be null")
  const registryId = str(input.registryId) ?? ACCOUNT_ID
  if (name !== ECR_REPOSITORY || registryId !== ACCOUNT_ID) throw repoNotFound(name, registryId)
  return name
}

export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64')
}

export function decodeToken(token: unknown, label = 'nextToken'): number {
  if (token === undefined || token === null) return 0
  if (typeof token !== 'string') throw invalid(`Invalid parameter at '${label}' failed to satisfy constraint: 'Invalid token'`)
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'))
    const o = obj(parsed)?.o
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o
  } catch {
    // fall through
  }
  throw invalid(`Invalid parameter at '${label}' failed to satisfy constraint: 'Invalid token'`)
}

function maxResultsOf(input: JsonInput, max: number, dflt: number): number {
  const m = input.maxResults
  if (m === undefined || m === null) return dflt
  const n = num(m)
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > max) {
    throw invalid(
      `1 validation error detected: Value '${String(m)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    )
  }
  return n
}

function findImage(world: World, id: Record<string, unknown> | undefined): ImageState {
  const digest = str(id?.imageDigest)
  const tag = str(id?.imageTag)
  if (!digest && !tag) throw invalid('Invalid parameter at imageId: imageDigest or imageTag must be specified')
  const image = world.images.find((i) => (digest === undefined || i.digest === digest) && (tag === undefined || i.tags.includes(tag)))
  if (!image) {
    throw new AwsError(
      'ImageNotFoundException',
      `The image with imageId {imageDigest:'${digest ?? 'null'}', imageTag:'${tag ?? 'null'}'} does not exist within the repository with name '${ECR_REPOSITORY}' in the registry with id '${ACCOUNT_ID}'`,
    )
  }
  return image
}

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
    imagePushedAt: epochSeconds(image.pushedAt),
    imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
    imageScanFindingsSummary: {
      imageScanCompletedAt: epochSeconds(image.scanCompletedAt),
      vulnerabilitySourceUpdatedAt: epochSeconds(image.scanCompletedAt - 6 * 3_600_000),
      findingSeverityCounts: severityCounts(image),
    },
    imageManifestMediaType: image.manifestMediaType,
    artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    imageStatus: 'ACTIVE',
  }
}

const describeRepositories: JsonHandler = (input, { world }) => {
  const names = Array.isArray(input.repositoryNames) ? input.repositoryNames.filter((n): n is string => typeof n === 'string') : undefined
  const registryId = str(input.registryId) ?? ACCOUNT_ID
  if (names) {
    for (const n of names) if (n !== ECR_REPOSITORY || registryId !== ACCOUNT_ID) throw repoNotFound(n, registryId)
  }
  maxResultsOf(input, 1000, 100)
  decodeToken(input.nextToken)
  return {
    repositories:
      registryId === ACCOUNT_ID
        ? [
            {
              repositoryArn: ECR_REPOSITORY_ARN,
              registryId: ACCOUNT_ID,
              repositoryName: ECR_REPOSITORY,
              repositoryUri: ECR_REPOSITORY_URI,
              createdAt: epochSeconds(world.ecr.createdAt),
              imageTagMutability: 'MUTABLE',
              imageScanningConfiguration: { scanOnPush: true },
              encryptionConfiguration: { encryptionType: 'AES256' },
            },
          ]
        : [],
  }
}

const describeImages: JsonHandler = (input, { world }) => {
  requireRepo(input)
  const ids = Array.isArray(input.imageIds) ? input.imageIds : undefined
  if (ids && ids.length > 0) {
    if (input.maxResults !== undefined || input.nextToken !== undefined) {
      throw invalid('Invalid parameter: maxResults and nextToken cannot be specified together with imageIds')
    }
    if (ids.length > 100)
      throw invalid(
        "1 validation error detected: Value at 'imageIds' failed to satisfy constraint: Member must have length less than or equal to 100",
      )
    const found = ids.map((id) => findImage(world, obj(id)))
    return { imageDetails: [...new Set(found)].map(imageDetail) }
  }
  const tagStatus = str(obj(input.filter)?.tagStatus) ?? 'ANY'
  if (!['TAGGED', 'UNTAGGED', 'ANY'].includes(tagStatus)) throw invalid(`Invalid parameter at 'filter.tagStatus': '${tagStatus}'`)
  const pool =
    tagStatus === 'UNTAGGED'
      ? world.images.filter((i) => i.tags.length === 0)
      : tagStatus === 'TAGGED'
        ? world.images.filter((i) => i.tags.length > 0)
        : world.images
  const size = maxResultsOf(input, 1000, 100)
  const offset = decodeToken(input.nextToken)
  const page = pool.slice(offset, offset + size)
  const next = offset + size < pool.length ? encodeToken(offset + size) : undefined
  return { imageDetails: page.map(imageDetail), nextToken: next }
}

const describeImageScanFindings: JsonHandler = (input, { world }) => {
  requireRepo(input)
  const image = findImage(world, obj(input.imageId))
  const all = scanFindings(image)
  const size = maxResultsOf(input, 1000, 100)
  const offset = decodeToken(input.nextToken)
  const page = all.slice(offset, offset + size)
  return {
    registryId: ACCOUNT_ID,
    repositoryName: ECR_REPOSITORY,
    imageId: { imageDigest: image.digest, imageTag: str(obj(input.imageId)?.imageTag) ?? image.tags[0] },
    imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
    imageScanFindings: {
      imageScanCompletedAt: epochSeconds(image.scanCompletedAt),
      vulnerabilitySourceUpdatedAt: epochSeconds(image.scanCompletedAt - 6 * 3_600_000),
      findingSeverityCounts: severityCounts(image),
      findings: page,
    },
    nextToken: offset + size < all.length ? encodeToken(offset + size) : undefined,
  }
}

const getLifecyclePolicy: JsonHandler = (input, { world, now }) => {
  const name = requireRepo(input)
  if (world.ecr.lifecyclePolicy === null) {
    throw new AwsError(
      'LifecyclePolicyNotFoundException',
      `Lifecycle policy does not exist for the repository with name '${name}' in the registry with id '${ACCOUNT_ID}'`,
    )
  }
  return {
    registryId: ACCOUNT_ID,
    repositoryName: name,
    lifecyclePolicyText: world.ecr.lifecyclePolicy,
    lastEvaluatedAt: epochSeconds(now),
  }
}

export const ecrService: ServiceDefinition = {
  name: 'ecr',
  protocol: 'json1.1',
  targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
  handlers: {
    DescribeRepositories: describeRepositories,
    DescribeImages: describeImages,
    DescribeImageScanFindings: describeImageScanFindings,
    GetLifecyclePolicy: getLifecyclePolicy,
  },
}
