import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Image } from '@/lib/domain/image'
import type { Service } from '@/lib/domain/service'

import { errorResult, result } from './result'
import type { Check } from './types'

const meta = { id: 'deployed-image-findings', title: 'Running image has no CRITICAL/HIGH findings' } as const

export type DeployedImageFindingsEvidence = {
  repository: string
  service: Pick<Service, 'name' | 'imageIdentifier' | 'imageTag' | 'sha'>
  /** The repository image the service runs; null when it is not in the repository. */
  image: Pick<Image, 'digest' | 'tags' | 'scan' | 'pushedAt'> | null
}

const count = (findings: Record<string, number>, severity: string) => findings[severity] ?? 0

/**
 * Warns when the running image has CRITICAL or HIGH findings, or its scan has no result; passes
 * when the scan is complete without them. Findings are a risk to act on, not an outage, so never fail.
 */
export function evaluate(e: DeployedImageFindingsEvidence, now: Date): CheckResult {
  const evidence = [{ label: 'Running image', value: e.service.imageIdentifier ?? 'unknown' }]
  const docs = 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic.html'
  const tag = e.service.imageTag ?? e.service.sha
  const scanCommand = tag ? `aws ecr start-image-scan --repository-name ${e.repository} --image-id imageTag=${tag}` : undefined
  if (!e.image) {
    return result(
      meta,
      'warn',
      'The running image was not found in the repository, so its scan results are unknown.',
      evidence,
      {
        steps: ['Check that the service runs an image from this repository; redeploy a tagged image pushed by CI.'],
        command: `aws ecr describe-images --repository-name ${e.repository}${tag ? ` --image-ids imageTag=${tag}` : ''}`,
        docs,
      },
      now,
    )
  }
  const f = e.image.scan.findings
  const critical = count(f, 'CRITICAL')
  const high = count(f, 'HIGH')
  evidence.push(
    { label: 'Digest', value: e.image.digest },
    { label: 'Scan status', value: e.image.scan.status },
    {
      label: 'Findings',
      value:
        Object.entries(f)
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${s} ${n}`)
          .join(', ') || 'none',
    },
  )
  if (e.image.scan.status !== 'COMPLETE' && e.image.scan.status !== 'ACTIVE') {
    return result(
      meta,
      'warn',
      `The running image has no complete scan (${e.image.scan.status}).`,
      evidence,
      { steps: ['Scan the running image, then re-run this check.'], command: scanCommand, docs },
      now,
    )
  }
  if (critical + high > 0) {
    return result(
      meta,
      'warn',
      `The running image has ${critical} CRITICAL and ${high} HIGH finding${critical + high === 1 ? '' : 's'}.`,
      evidence,
      {
        steps: [
          'Read the findings (package and fixed version) in the Images view or with the command below.',
          'Update the affected base image or packages, let CI push a new image, then deploy it.',
        ],
        command: tag
          ? `aws ecr describe-image-scan-findings --repository-name ${e.repository} --image-id imageTag=${tag} --query 'imageScanFindings.findings[?severity==\`CRITICAL\` || severity==\`HIGH\`]'`
          : undefined,
        docs,
      },
      now,
    )
  }
  return result(meta, 'pass', 'The running image has no CRITICAL or HIGH findings.', evidence, null, now)
}

/** The `deployed-image-findings` check: gathers its evidence, then evaluate(). */
export const deployedImageFindings: Check = {
  ...meta,
  async run(ctx) {
    const service = await ctx.getService()
    if (!service.ok) return errorResult(meta, service.error, ctx.now)
    const s = service.data
    let image: DeployedImageFindingsEvidence['image'] = null
    if (s.sha) {
      const found = await ctx.findImagesBySha(s.sha)
      if (!found.ok) return errorResult(meta, found.error, ctx.now, [{ label: 'Running image', value: s.imageIdentifier ?? 'unknown' }])
      image = found.data.find((i) => i.tags.some((t) => t.toLowerCase() === s.imageTag?.toLowerCase())) ?? found.data[0] ?? null
    } else if (s.imageTag) {
      const page = await ctx.listImages({ deployedTag: s.imageTag, pageSize: 100 })
      if (!page.ok) return errorResult(meta, page.error, ctx.now, [{ label: 'Running image', value: s.imageIdentifier ?? 'unknown' }])
      // listImages marks the image with the deployed tag (lib/domain/image.values isDeployedImage).
      image = page.data.images.find((i) => i.deployed) ?? null
    }
    return evaluate({ repository: ctx.settings.ecrRepository, service: s, image }, ctx.now)
  },
}
