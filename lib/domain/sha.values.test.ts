import { describe, expect, it } from 'vitest'

import { shaSchema } from '@/lib/domain/sha'
import { normalizeSha, shaMessage } from '@/lib/domain/sha.values'

/* The deploy dialog checks a typed SHA with normalizeSha (no zod); it must answer as shaSchema does. */

describe('normalizeSha', () => {
  it.each([
    'abcdef1',
    '  ABCDEF1234  ',
    'a'.repeat(40),
    'a'.repeat(41),
    'abcdef',
    'xyz',
    '',
    '   ',
    'abc def1',
    '0123456789abcdefABCDEF',
    '\tabcdef0\n',
  ])('%j answers as shaSchema', (typed) => {
    const parsed = shaSchema.safeParse(typed)
    expect(normalizeSha(typed)).toBe(parsed.success ? parsed.data : null)
    if (!parsed.success) expect(parsed.error.issues[0]?.message).toBe(shaMessage)
  })
})
