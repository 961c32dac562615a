import { describe, expect, it } from 'vitest'

import { bearerToken, constantTimeEqual, findToken, parseTokens } from './tokens'

describe('parseTokens', () => {
  it('parses name:role:token entries, tokens may contain colons', () => {
    const { tokens, invalid } = parseTokens(' ci:operator:abcdefghijklmnop1234 , smoke:viewer:aaaa:bbbb:cccc:dddd:eeee ')
    expect(invalid).toEqual([])
    expect(tokens).toEqual([
      { name: 'ci', role: 'operator', token: 'abcdefghijklmnop1234' },
      { name: 'smoke', role: 'viewer', token: 'aaaa:bbbb:cccc:dddd:eeee' },
    ])
  })

  it('rejects unknown roles, missing parts and short tokens, naming only the entry (never the token)', () => {
    const { tokens, invalid } = parseTokens('a:root:abcdefghijklmnop1234,b:viewer:short,:admin:abcdefghijklmnop1234,c:viewer')
    expect(tokens).toEqual([])
    expect(invalid).toEqual(['a', 'b', '(unnamed)', 'c'])
    expect(invalid.join()).not.toContain('abcdefghijklmnop1234')
  })

  it('treats unset and empty as no tokens', () => {
    expect(parseTokens(undefined).tokens).toEqual([])
    expect(parseTokens(' , ').tokens).toEqual([])
  })
})

describe('constantTimeEqual', () => {
  it('is true only for identical strings, whatever the lengths', () => {
    expect(constantTimeEqual('same-secret-value', 'same-secret-value')).toBe(true)
    expect(constantTimeEqual('same-secret-value', 'same-secret-valuE')).toBe(false)
    expect(constantTimeEqual('short', 'a-much-longer-value')).toBe(false)
    expect(constantTimeEqual('', '')).toBe(true)
    expect(constantTimeEqual('x', '')).toBe(false)
  })
})

describe('findToken / bearerToken', () => {
  const { tokens } = parseTokens('ci:operator:token-operator-0123456789,view:viewer:token-viewer-0123456789')

  it('finds the matching entry and nothing for a prefix or a wrong token', () => {
    expect(findToken(tokens, 'token-viewer-0123456789')?.name).toBe('view')
    expect(findToken(tokens, 'token-viewer-012345678')).toBeUndefined()
    expect(findToken(tokens, 'nope')).toBeUndefined()
  })

  it('extracts the token from a Bearer header only', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def')
    expect(bearerToken('bearer   abc')).toBe('abc')
    expect(bearerToken('Basic abc')).toBeUndefined()
    expect(bearerToken('Bearer a b')).toBeUndefined()
    expect(bearerToken(null)).toBeUndefined()
  })
})
