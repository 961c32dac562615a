/**
 * The ECR repository's images: deterministic, cheap to build (thousands in a few milliseconds).
 * Index 0 is the newest. Image i is tagged with the commit SHA sha1(`appfactory-<i>`), so the
 * newest and the deployed SHAs are the same whatever EMULATOR_IMAGES says.
 */
import { createHash } from 'node:crypto'

import type { ImageState } from './shapes'

type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Index (newest first) of the image the service runs in the seed. */
export const DEPLOYED_IMAGE_INDEX = 2

/** The commit SHA image `i` (0 = newest) is tagged with. */
export function commitSha(i: number): string {
  return createHash('sha1').update(`appfactory-${i}`).digest('hex')
}

function bytesOf(seed: string): Buffer {
  return createHash('sha256').update(seed).digest()
}

const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json'

/** The Docker image manifest of image `i` (0 = newest): a config and five layers adding up to its size. */
export function imageManifest(i: number, sizeBytes: number): string {
  const layer = (k: number, size: number) => ({
    mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    size,
    digest: `sha256:${bytesOf(`appfactory-image-${i}/layer-${k}`).toString('hex')}`,
  })
  const shares = [0.38, 0.31, 0.17, 0.1]
  const sizes = shares.map((f) => Math.floor(sizeBytes * f))
  sizes.push(sizeBytes - sizes.reduce((a, b) => a + b, 0))
  return JSON.stringify(
    {
      schemaVersion: 2,
      mediaType: MANIFEST_V2,
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: 7023,
        digest: `sha256:${bytesOf(`appfactory-image-${i}/config`).toString('hex')}`,
      },
      layers: sizes.map((size, k) => layer(k, size)),
    },
    null,
    3,
  )
}

/** Builds `count` images, newest first, the newest pushed a few hours before `now`. */
export function createImages(count: number, now: number): ImageState[] {
  // A dozen images spread over a few weeks; thousands over about a year.
  const gap = count <= 40 ? 1.5 * DAY : Math.max(10 * 60_000, Math.floor((365 * DAY) / count))
  const images: ImageState[] = []
  for (let i = 0; i < count; i++) {
    const h = bytesOf(`appfactory-image-${i}`)
    const jitter = (h.readUInt16BE(0) / 65535) * 0.4 * gap
    const pushedAt = Math.floor(now - 3 * HOUR - i * gap - (i === 0 ? 0 : jitter))
    const findings: ImageState['findings'] = {}
    const put = (sev: Severity, n: number) => {
      if (n > 0) findings[sev] = n
    }
    const critical = i === 0 ? 1 + (h[2]! % 2) : i === DEPLOYED_IMAGE_INDEX ? 0 : h[2]! % 5 === 0 ? 1 : 0
    put('CRITICAL', critical)
    put('HIGH', h[3]! % 5)
    put('MEDIUM', 2 + (h[4]! % 9))
    put('LOW', 3 + (h[5]! % 14))
    put('INFORMATIONAL', h[6]! % 4)
    const tags = [commitSha(i)]
    if (i === 0) tags.push('latest')
    const sizeBytes = 150_000_000 + (h.readUInt32BE(8) % 100_000_000)
    images.push({
      // As in a registry, the digest is the SHA-256 of the manifest (which BatchGetImage returns).
      digest: `sha256:${createHash('sha256').update(imageManifest(i, sizeBytes)).digest('hex')}`,
      seedIndex: i,
      tags,
      pushedAt,
      sizeBytes,
      manifestMediaType: MANIFEST_V2,
      findings,
      scanCompletedAt: pushedAt + 95_000,
    })
  }
  return images
}

export type ScanFinding = {
  name: string
  description: string
  uri: string
  severity: Severity
  attributes: { key: string; value: string }[]
}

const PACKAGES: [string, string][] = [
  ['openssl', '3.0.13-1~deb12u1'],
  ['libc6', '2.36-9+deb12u4'],
  ['zlib1g', '1:1.2.13.dfsg-1'],
  ['libexpat1', '2.5.0-1'],
  ['curl', '7.88.1-10+deb12u5'],
  ['libxml2', '2.9.14+dfsg-1.3~deb12u1'],
  ['perl-base', '5.36.0-7+deb12u1'],
  ['libssh2-1', '1.10.0-3+b1'],
  ['krb5-locales', '1.20.1-2+deb12u1'],
  ['libgnutls30', '3.7.9-2+deb12u2'],
  ['tar', '1.34+dfsg-1.2+deb12u1'],
  ['libsqlite3-0', '3.40.1-2'],
]

const DESCRIPTIONS: Record<Severity, string> = {
  CRITICAL: 'A heap-based buffer overflow allows a remote attacker to execute arbitrary code via crafted input.',
  HIGH: 'An out-of-bounds read allows a remote attacker to cause a denial of service or read sensitive memory.',
  MEDIUM: 'Improper input validation can lead to a denial of service when processing malformed data.',
  LOW: 'A race condition may allow a local user to read temporary files created by the library.',
  INFORMATIONAL: 'The package version is outdated; no exploitable vulnerability is known.',
}

/** The findings of one image, deterministic and consistent with its severity counts (CRITICAL first). */
export function scanFindings(image: ImageState): ScanFinding[] {
  const out: ScanFinding[] = []
  const order: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']
  for (const sev of order) {
    const n = image.findings[sev] ?? 0
    for (let k = 0; k < n; k++) {
      const h = bytesOf(`${image.digest}/${sev}/${k}`)
      const year = 2023 + (h[0]! % 3)
      const cve = `CVE-${year}-${String(10000 + (h.readUInt16BE(1) % 50000)).padStart(5, '0')}`
      const [pkg, version] = PACKAGES[h[3]! % PACKAGES.length]!
      out.push({
        name: cve,
        description: `${pkg}: ${DESCRIPTIONS[sev]}`,
        uri: `https://security-tracker.debian.org/tracker/${cve}`,
        severity: sev,
        attributes: [
          { key: 'package_version', value: version },
          { key: 'package_name', value: pkg },
          { key: 'CVSS2_VECTOR', value: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
          { key: 'CVSS2_SCORE', value: sev === 'CRITICAL' ? '10' : sev === 'HIGH' ? '7.5' : sev === 'MEDIUM' ? '5' : '2.1' },
        ],
      })
    }
  }
  return out
}
