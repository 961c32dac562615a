import { describe, expect, it } from 'vitest'

import { logsInputSchema, logsSearchSchema } from '@/lib/domain/logs'

import { logsSearchParams, toLogsSearch } from './logs'
import { toMetricRange } from './metrics'

describe('logsInputSchema', () => {
  it('applies defaults', () => {
    expect(logsInputSchema.parse({})).toEqual({ stream: 'application', since: '1h', filter: '' })
  })
  it('accepts a full query and coerces limit', () => {
    expect(logsInputSchema.parse({ stream: 'service', since: '7d', filter: ' { $.status >= 500 } ', cursor: 'abc', limit: '50' })).toEqual({
      stream: 'service',
      since: '7d',
      filter: '{ $.status >= 500 }',
      cursor: 'abc',
      limit: 50,
    })
  })
  it.each([{ stream: 'debug' }, { since: '2h' }, { filter: 'x'.repeat(1025) }, { limit: '0' }, { cursor: '' }])('rejects %o', (input) => {
    expect(logsInputSchema.safeParse(input).success).toBe(false)
  })
})

describe('toLogsSearch', () => {
  it('falls back per field on bad values', () => {
    expect(toLogsSearch({ stream: 'nope', since: ['6h', '1h'], filter: 'timeout' })).toEqual({
      stream: 'application',
      since: '6h',
      filter: 'timeout',
    })
  })

  // It runs without zod in the browser; each field must come out as logsSearchSchema parses it (or its default).
  it.each([
    {},
    { stream: 'service', since: '7d', filter: '  { $.status >= 500 }  ' },
    { stream: 'Service', since: '2h', filter: ' ' },
    { stream: ['service', 'application'], since: ['15m'], filter: ['a', 'b'] },
    { filter: 'x'.repeat(1024) },
    { filter: ` ${'x'.repeat(1024)} ` },
    { filter: 'x'.repeat(1025) },
    { stream: '', since: '' },
  ])('agrees with logsSearchSchema field by field: %j', (params) => {
    const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
    const fallback = { stream: 'application', since: '1h', filter: '' } as const
    const expected = Object.fromEntries(
      (['stream', 'since', 'filter'] as const).map((k) => {
        const parsed = logsSearchSchema.safeParse({ [k]: first(params[k]) })
        return [k, parsed.success ? parsed.data[k] : fallback[k]]
      }),
    )
    expect(toLogsSearch(params)).toEqual(expected)
  })
})

describe('logsSearchParams', () => {
  it('always carries stream and since, the filter only when set', () => {
    expect(logsSearchParams({ stream: 'service', since: '15m', filter: '' }).toString()).toBe('stream=service&since=15m')
    expect(logsSearchParams({ stream: 'application', since: '1h', filter: '"a b"' }).toString()).toBe(
      'stream=application&since=1h&filter=%22a+b%22',
    )
  })
})

describe('toMetricRange', () => {
  it.each([
    ['3h', '3h'],
    [['7d'], '7d'],
    ['2h', '1h'],
    [undefined, '1h'],
  ])('%o → %s', (v, expected) => {
    expect(toMetricRange(v)).toBe(expected)
  })
})
