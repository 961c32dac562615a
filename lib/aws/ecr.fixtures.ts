/** SDK-shaped ECR answers for ecr.test.ts (never imported by app code). */
import type { ImageDetail, ImageScanFinding, Repository } from '@aws-sdk/client-ecr'

export const REPO = 'appfactory-app'
export const REPO_URI = `082609687527.dkr.ecr.eu-central-1.amazonaws.com/${REPO}`

const hex = (n: number, len: number) => n.toString(16).padStart(len, '0').slice(-len)

/** Image `i`: digest and 40-hex SHA tag derived from i; pushed i minutes after 2026-01-01. */
export function imageDetail(i: number, overrides: Partial<ImageDetail> = {}): ImageDetail {
  return {
    registryId: '082609687527',
    repositoryName: REPO,
    imageDigest: `sha256:${hex(i, 64)}`,
    imageTags: [`${hex(i, 8)}${'a'.repeat(32)}`],
    imageSizeInBytes: 100_000_000 + i,
    imagePushedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
    imageScanStatus: { status: 'COMPLETE', description: 'The scan was completed successfully.' },
    imageScanFindingsSummary: { findingSeverityCounts: { HIGH: 1, LOW: 3 } },
    imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    ...overrides,
  }
}

/** The 40-hex tag of image i. */
export const shaOf = (i: number) => `${hex(i, 8)}${'a'.repeat(32)}`

export const repository: Repository = {
  repositoryArn: `arn:aws:ecr:eu-central-1:082609687527:repository/${REPO}`,
  registryId: '082609687527',
  repositoryName: REPO,
  repositoryUri: REPO_URI,
  createdAt: new Date('2026-01-26T10:00:00Z'),
  imageTagMutability: 'MUTABLE',
  imageScanningConfiguration: { scanOnPush: true },
  encryptionConfiguration: { encryptionType: 'AES256' },
}

export const finding = (name: string, severity: ImageScanFinding['severity']): ImageScanFinding => ({
  name,
  severity,
  description: `${name} description`,
  uri: `https://security-tracker.debian.org/tracker/${name}`,
  attributes: [
    { key: 'package_name', value: 'openssl' },
    { key: 'package_version', value: '3.0.11' },
  ],
})
