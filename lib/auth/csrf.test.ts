import { describe, expect, it } from 'vitest'

import { hasBearer, isSafeMethod, isSameOrigin } from './csrf'

const h = (init: Record<string, string>) => new Headers(init)

describe('isSameOrigin', () => {
  it('accepts the Host the request was sent to, whatever the scheme', () => {
    expect(isSameOrigin(h({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }))).toBe(true)
    expect(isSameOrigin(h({ host: 'portal.internal:3000', origin: 'https://portal.internal:3000' }))).toBe(true)
  })

  it('accepts the configured public URL behind a proxy that rewrites Host', () => {
    expect(isSameOrigin(h({ host: '10.0.0.5:3000', origin: 'https://portal.example.com' }), 'https://portal.example.com')).toBe(true)
  })

  it('refuses other origins, null, a missing origin and browser-declared cross-site requests', () => {
    expect(isSameOrigin(h({ host: '127.0.0.1:3000', origin: 'http://evil.example' }))).toBe(false)
    expect(isSameOrigin(h({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }))).toBe(false)
    expect(isSameOrigin(h({ host: '127.0.0.1:3000', origin: 'null' }))).toBe(false)
    expect(isSameOrigin(h({ host: '127.0.0.1:3000' }))).toBe(false)
    expect(isSameOrigin(h({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }))).toBe(false)
    expect(
      isSameOrigin(h({ host: 'portal.example.com', origin: 'https://portal.example.com.evil.example' }), 'https://portal.example.com'),
    ).toBe(false)
  })

  it('falls back to the Referer when Origin is absent', () => {
    expect(isSameOrigin(h({ host: '127.0.0.1:3000', referer: 'http://127.0.0.1:3000/database' }))).toBe(true)
    expect(isSameOrigin(h({ host: '127.0.0.1:3000', referer: 'http://evil.example/x' }))).toBe(false)
  })
})

describe('isSafeMethod / hasBearer', () => {
  it('classifies methods and bearer headers', () => {
    expect(['GET', 'head', 'OPTIONS'].every(isSafeMethod)).toBe(true)
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].some(isSafeMethod)).toBe(false)
    expect(hasBearer(h({ authorization: 'Bearer x' }))).toBe(true)
    expect(hasBearer(h({ authorization: 'Basic x' }))).toBe(false)
    expect(hasBearer(h({}))).toBe(false)
  })
})
