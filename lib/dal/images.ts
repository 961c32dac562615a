import 'server-only'

import { getImageFindings as readImageFindings } from '@/lib/aws/ecr'
import type { Finding } from '@/lib/domain/image'
import { getImageDetail as readImageDetail, getImagesPage as readImagesPage } from '@/lib/overview'
import { ok, type Result } from '@/lib/result'

import { authorized } from './access'

/** One page of images, newest first, the deployed one marked. Role: viewer. */
export const getImagesPage = authorized('viewer', readImagesPage)

/** One image by digest, the deployed one marked. Role: viewer. */
export const getImageDetail = authorized('viewer', readImageDetail)

/** The scan findings of one image, with the time they were read. Role: viewer. */
export const getImageFindings = authorized(
  'viewer',
  async (digest: string): Promise<Result<{ digest: string; findings: Finding[]; fetchedAt: string }>> => {
    const findings = await readImageFindings(digest)
    return findings.ok ? ok({ digest, findings: findings.data, fetchedAt: new Date().toISOString() }) : findings
  },
)
