import { describe, expect, it } from 'vitest'

import { logsInputSchema, logsSearchParams, toLogsSearch } from './logs'
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
    expect(toLogsSearch({ stream: 'nope', since: ['6h', '1h'], filter: 'timeout' })).toEqual({ stream: 'application', since: '6h', filter: 'timeout' })
  })
})

describe('logsSearchParams', () => {
  it('always carries stream and since, the filter only when set', () => {
    expect(logsSearchParams({ stream: 'service', since: '15m', filter: '' }).toString()).toBe('stream=service&since=15m')
    expect(logsSearchParams({ stream: 'application', since: '1h', filter: '"a b"' }).toString()).toBe('stream=application&since=1h&filter=%22a+b%22')
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
