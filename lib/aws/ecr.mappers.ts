import 'server-only'

import type { ImageDetail, ImageScanFinding, Repository as SdkRepository } from '@aws-sdk/client-ecr'

import { scanStatusSchema, type Finding, type Image, type Repository } from '@/lib/domain/image'
import type { Result } from '@/lib/result'

import { iso, mapWith, narrow, required } from './support'

/** An image as read from ECR, before we know which one App Runner runs. */
export type ImageRecord = Omit<Image, 'deployed'>

const FULL_SHA = /^[0-9a-f]{40}$/
const SHORT_SHA = /^[0-9a-f]{7,40}$/

/** True for a tag that looks like a git commit SHA (7–40 hex, any case). */
export const isShaTag = (tag: string): boolean => SHORT_SHA.test(tag.toLowerCase())

/** The commit SHA an image is tagged with: a 40-hex tag first (what CI pushes), else a 7–40 hex tag. */
export function shaFromTags(tags: readonly string[]): string | null {
  const lower = tags.map((t) => t.toLowerCase())
  return lower.find((t) => FULL_SHA.test(t)) ?? lower.find((t) => SHORT_SHA.test(t)) ?? null
}

/** DescribeImages ImageDetail → ImageRecord. Scan status defaults to NONE when ECR reports none. */
export function toImage(d: ImageDetail): Result<ImageRecord> {
  return mapWith(() => {
    const tags = d.imageTags ?? []
    const counts: Record<string, number> = {}
    for (const [severity, n] of Object.entries(d.imageScanFindingsSummary?.findingSeverityCounts ?? {})) {
      if (typeof n === 'number') counts[severity] = n
    }
    return {
      digest: required(d.imageDigest, 'imageDigest'),
      tags,
      sha: shaFromTags(tags),
      pushedAt: required(iso(d.imagePushedAt), 'imagePushedAt'),
      sizeBytes: d.imageSizeInBytes ?? 0,
      scan: { status: narrow(d.imageScanStatus?.status, scanStatusSchema.options, 'NONE'), findings: counts },
    }
  })
}

/** DescribeImageScanFindings finding → Finding (package name/version come from the finding's attributes). */
export function toFinding(f: ImageScanFinding): Result<Finding> {
  return mapWith(() => {
    const attr = (key: string) => f.attributes?.find((a) => a.key === key)?.value ?? null
    return {
      name: required(f.name, 'finding name'),
      severity: f.severity ?? 'UNDEFINED',
      description: f.description ?? null,
      uri: f.uri ?? null,
      packageName: attr('package_name'),
      packageVersion: attr('package_version'),
    }
  })
}

/** DescribeRepositories Repository → Repository. */
export function toRepository(r: SdkRepository): Result<Repository> {
  return mapWith(() => ({
    name: required(r.repositoryName, 'repositoryName'),
    uri: required(r.repositoryUri, 'repositoryUri'),
    arn: required(r.repositoryArn, 'repositoryArn'),
    scanOnPush: r.imageScanningConfiguration?.scanOnPush ?? false,
    encryptionType: r.encryptionConfiguration?.encryptionType ?? 'AES256',
    tagMutability: r.imageTagMutability ?? 'MUTABLE',
    createdAt: iso(r.createdAt),
  }))
}
