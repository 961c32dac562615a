import { describe, expect, it } from 'vitest'

import { sparklinePath } from '@/components/sparkline/sparkline'

describe('sparklinePath', () => {
  it('is empty without values', () => expect(sparklinePath([], 100, 20)).toBe(''))
  it('draws a flat series through the middle', () => expect(sparklinePath([5, 5], 100, 20)).toBe('M2.0,10.0 L98.0,10.0'))
  it('puts the maximum at the top and the minimum at the bottom', () => {
    expect(sparklinePath([0, 10], 100, 20)).toBe('M2.0,18.0 L98.0,2.0')
  })
})
