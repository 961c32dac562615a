import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Repository } from '@/lib/domain/image'

import { errorResult, result } from './result'
import type { Check } from './types'

const meta = { id: 'ecr-scan-on-push', title: 'ECR scans images on push' } as const

export type EcrScanOnPushEvidence = { repository: Pick<Repository, 'name' | 'scanOnPush'> }

/** Passes when the repository scans every pushed image; warns otherwise. */
export function evaluate({ repository: repo }: EcrScanOnPushEvidence, now: Date): CheckResult {
  const evidence = [
    { label: 'Repository', value: repo.name },
    { label: 'scanOnPush', value: String(repo.scanOnPush) },
  ]
  if (repo.scanOnPush) return result(meta, 'pass', `${repo.name} scans every pushed image.`, evidence, null, now)
  return result(
    meta,
    'warn',
    `${repo.name} does not scan images on push: vulnerable images can be deployed unnoticed.`,
    evidence,
    {
      steps: ['Turn on scan on push; images pushed afterwards are scanned automatically (basic scanning is free).'],
      command: `aws ecr put-image-scanning-configuration --repository-name ${repo.name} --image-scanning-configuration scanOnPush=true`,
      docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic.html',
    },
    now,
  )
}

/** The `ecr-scan-on-push` check: gathers its evidence, then evaluate(). */
export const ecrScanOnPush: Check = {
  ...meta,
  async run(ctx) {
    const repo = await ctx.getRepository()
    if (!repo.ok) return errorResult(meta, repo.error, ctx.now, [{ label: 'Repository', value: ctx.settings.ecrRepository }])
    return evaluate({ repository: repo.data }, ctx.now)
  },
}
