import { describe, expect, it } from 'vitest'

import type { Image, ImagePage } from '@/lib/domain/image'
import { bySeverity, isDeployedImage, markDeployed, newerThanDeployed } from '@/lib/domain/image.values'

const img = (n: number, extra: Partial<Image> = {}): Image => ({
  digest: `sha256:${String(n).padStart(64, '0')}`,
  tags: [`${String(n).padStart(40, 'a')}`],
  sha: String(n).padStart(40, 'a'),
  pushedAt: `2026-03-0${n}T00:00:00Z`,
  sizeBytes: 1,
  scan: { status: 'COMPLETE', findings: {} },
  deployed: false,
  ...extra,
})
const page = (images: Image[]): ImagePage => ({ images, nextCursor: null, fetchedAt: '2026-03-09T00:00:00Z' })

describe('markDeployed', () => {
  it('marks by tag', () => {
    const p = markDeployed(page([img(3), img(2), img(1)]), { tag: img(2).tags[0] ?? null, digest: null })
    expect(p.images.map((i) => i.deployed)).toEqual([false, true, false])
  })
  it('marks by digest', () => {
    const p = markDeployed(page([img(3), img(2)]), { tag: null, digest: img(3).digest })
    expect(p.images.map((i) => i.deployed)).toEqual([true, false])
  })
  it('leaves the page alone without a reference', () => {
    const original = page([img(1, { deployed: true })])
    expect(markDeployed(original, null)).toBe(original)
    expect(markDeployed(original, { tag: null, digest: null })).toBe(original)
  })
})

describe('newerThanDeployed', () => {
  const known = { deployedKnown: true, complete: true }
  it('counts the images before the deployed one, exactly', () => {
    expect(newerThanDeployed([img(3), img(2), img(1, { deployed: true })], known)).toEqual({ count: 2, exact: true, deployed: 'listed' })
    expect(newerThanDeployed([img(3, { deployed: true })], known)).toEqual({ count: 0, exact: true, deployed: 'listed' })
    expect(
      newerThanDeployed([img(5), img(4), img(3), img(2), img(1), img(0, { deployed: true })], { deployedKnown: true, complete: false }),
    ).toEqual({ count: 5, exact: true, deployed: 'listed' })
  })
  it('is a lower bound only when more images exist than were listed', () => {
    expect(newerThanDeployed([img(3), img(2)], { deployedKnown: true, complete: false })).toEqual({
      count: 2,
      exact: false,
      deployed: 'listed',
    })
  })
  it('says absent only when the whole repository was listed, and unknown (no count) when the deployed image is unknown', () => {
    expect(newerThanDeployed([img(3), img(2)], known)).toEqual({ count: null, exact: false, deployed: 'absent' })
    expect(newerThanDeployed([img(3), img(2)], { deployedKnown: false, complete: true })).toEqual({
      count: null,
      exact: false,
      deployed: 'unknown',
    })
    expect(newerThanDeployed([], { deployedKnown: false, complete: false })).toMatchObject({ count: null, deployed: 'unknown' })
  })
})

describe('isDeployedImage', () => {
  it('matches by digest or by tag, never without a reference', () => {
    expect(isDeployedImage(img(1), { digest: img(1).digest })).toBe(true)
    expect(isDeployedImage(img(1), { tag: img(1).tags[0] })).toBe(true)
    expect(isDeployedImage(img(1), { tag: 'other', digest: img(2).digest })).toBe(false)
    expect(isDeployedImage(img(1), null)).toBe(false)
    expect(isDeployedImage(img(1), {})).toBe(false)
  })
})

describe('severity order', () => {
  it('sorts most severe first, unknown words last', () => {
    expect(['LOW', 'SURPRISE', 'CRITICAL', 'UNDEFINED', 'HIGH'].toSorted(bySeverity)).toEqual([
      'CRITICAL',
      'HIGH',
      'LOW',
      'UNDEFINED',
      'SURPRISE',
    ])
  })
})
