import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import type { Repository } from '@/lib/domain/image'

import { errorResult, result } from './result'
import type { Check } from './types'

const meta = { id: 'ecr-encryption', title: 'ECR images are encrypted at rest' } as const

export type EcrEncryptionEvidence = { repository: Pick<Repository, 'name' | 'encryptionType'> }

/** ECR encrypts with AES256 (S3-managed keys) or KMS; anything else is unexpected and warns. */
export function evaluate({ repository: repo }: EcrEncryptionEvidence, now: Date): CheckResult {
  const type = repo.encryptionType.toUpperCase()
  const evidence = [
    { label: 'Repository', value: repo.name },
    { label: 'Encryption type', value: repo.encryptionType || 'none reported' },
  ]
  if (type === 'AES256' || type === 'KMS' || type === 'KMS_DSSE') {
    return result(meta, 'pass', `${repo.name} is encrypted at rest (${type}).`, evidence, null, now)
  }
  return result(
    meta,
    'warn',
    `ECR reports no known encryption type for ${repo.name}.`,
    evidence,
    {
      steps: [
        "A repository's encryption is fixed at creation. Create a new repository with KMS encryption, push the images there and point App Runner at it.",
      ],
      command: `aws ecr create-repository --repository-name ${repo.name}-kms --encryption-configuration encryptionType=KMS --image-scanning-configuration scanOnPush=true`,
      docs: 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html',
    },
    now,
  )
}

/** The `ecr-encryption` check: gathers its evidence, then evaluate(). */
export const ecrEncryption: Check = {
  ...meta,
  async run(ctx) {
    const repo = await ctx.getRepository()
    if (!repo.ok) return errorResult(meta, repo.error, ctx.now, [{ label: 'Repository', value: ctx.settings.ecrRepository }])
    return evaluate({ repository: repo.data }, ctx.now)
  },
}
