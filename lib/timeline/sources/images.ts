import 'server-only'

import { listImagesPushedBetween } from '@/lib/aws/ecr'
import type { Image } from '@/lib/domain/image'
import { bySeverity } from '@/lib/domain/image.values'
import { shortSha } from '@/lib/domain/sha.values'
import type { TimelineEvent } from '@/lib/domain/timeline'
import { ok } from '@/lib/result'

import { defineSource } from '../source'

/* Images pushed to ECR: push time, SHA and the scan result. */

/** The scan result in words ("scan: 2 CRITICAL, 5 HIGH", "scan: no findings", "scan in progress"). */
export function scanSummary(img: Pick<Image, 'scan'>): string {
  const { status, findings } = img.scan
  if (status === 'COMPLETE' || status === 'ACTIVE') {
    const counts = Object.entries(findings)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => bySeverity(a, b))
      .map(([sev, n]) => `${n} ${sev}`)
    return counts.length > 0 ? `scan: ${counts.join(', ')}` : 'scan: no findings'
  }
  return status === 'NONE' ? 'not scanned' : `scan: ${status.toLowerCase().replaceAll('_', ' ')}`
}

/** One pushed image → its timeline event. */
export function imageEvent(img: Image): TimelineEvent {
  const name = img.sha ? shortSha(img.sha) : (img.tags[0] ?? img.digest.slice(0, 19))
  return {
    id: `image:${img.digest}`,
    at: img.pushedAt,
    kind: 'image',
    title: `Image ${name} pushed`,
    detail: [scanSummary(img), img.tags.length > 0 ? `tags ${img.tags.join(', ')}` : 'untagged'].join(' · '),
    ...(img.sha ? { sha: img.sha } : {}),
    link: `/images/${encodeURIComponent(img.digest)}`,
  }
}

export const imageSource = defineSource({
  id: 'ecr',
  label: 'ECR images',
  kinds: ['image'],
  async read(window) {
    const images = await listImagesPushedBetween(window.from, window.to)
    if (!images.ok) return images
    return ok({ events: images.data.map(imageEvent) })
  },
})
