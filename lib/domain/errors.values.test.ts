import { describe, expect, it } from 'vitest'

import { appErrorSchema, errorCodeSchema } from '@/lib/domain/errors'
import { asAppError } from '@/lib/domain/errors.values'

/* toPanelError runs asAppError in the browser before zod has loaded: it must answer as the schema does. */

class Getters {
  get code() {
    return 'forbidden'
  }
  get message() {
    return 'from a getter'
  }
}
const withCode = Object.assign(new Error('an Error with a code'), { code: 'not_found' })
const arrayLike = Object.assign([], { code: 'conflict', message: 'an array' })

const candidates: unknown[] = [
  { code: 'aws_denied', message: 'Access denied.', hint: 'Grant it.', awsCode: 'AccessDenied', requestId: 'r-1' },
  { name: 'AppError', code: 'aws_timeout', message: 'Timed out.' },
  { code: 'conflict', message: 'Busy.', hint: undefined },
  { code: 'conflict', message: 'Busy.', extra: { nested: true } },
  { code: 'conflict', message: '' },
  { code: 'teapot', message: 'Unknown code.' },
  { code: 'conflict' },
  { message: 'No code.' },
  { code: 'conflict', message: 5 },
  { code: 'conflict', message: 'x', hint: null },
  { code: 'conflict', message: 'x', awsCode: 1 },
  { code: 'conflict', message: 'x', requestId: ['r'] },
  { code: null, message: 'x' },
  { code: 'aws_error', message: 'x', httpStatus: 500, iamAction: 'ecr:DescribeImages', retryable: false },
  { code: 'internal', message: 'x', httpStatus: 500.5 },
  { code: 'portal_unreachable', message: 'x', httpStatus: '500' },
  { code: 'aws_error', message: 'x', retryable: 'yes' },
  { code: 'aws_denied', message: 'x', iamAction: 7 },
  Object.create({ code: 'forbidden', message: 'inherited' }),
  new Getters(),
  withCode,
  arrayLike,
  new Error('plain'),
  null,
  undefined,
  'aws_error',
  42,
  [],
  () => undefined,
]

describe('asAppError', () => {
  it.each(candidates.map((c, i) => [i, c]))('#%i answers as appErrorSchema.safeParse', (_, value) => {
    const parsed = appErrorSchema.safeParse(value)
    expect(asAppError(value)).toEqual(parsed.success ? parsed.data : null)
  })

  it('returns a fresh object without foreign keys', () => {
    const dehydrated = { name: 'AppError', code: 'aws_error', message: 'm', stack: 'at …' }
    const e = asAppError(dehydrated)
    expect(e).toStrictEqual({ code: 'aws_error', message: 'm' })
    expect(e).not.toBe(dehydrated)
  })

  it('knows every error code of the schema', () => {
    for (const code of errorCodeSchema.options) expect(asAppError({ code, message: 'm' })?.code).toBe(code)
  })
})
