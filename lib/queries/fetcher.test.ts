import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod/mini'

import { apiGet, apiPost, QueryError, toPanelError } from '@/lib/queries/fetcher'

const answer = (status: number, body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))
const schema = z.object({ n: z.number() })
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(e).toBeInstanceOf(QueryError)
  return toPanelError(e)
}

afterEach(() => vi.unstubAllGlobals())

describe('apiGet', () => {
  it('parses with a schema given directly or as the promise of its module', async () => {
    vi.stubGlobal('fetch', answer(200, { n: 1, extra: true }))
    expect(await apiGet('/api/x', schema)).toEqual({ n: 1 })
    expect(await apiGet('/api/x', Promise.resolve(schema))).toEqual({ n: 1 })
  })

  it('reports an answer the schema rejects as unexpected', async () => {
    vi.stubGlobal('fetch', answer(200, { n: 'one' }))
    expect(await failure(apiGet('/api/x', Promise.resolve(schema)))).toMatchObject({
      code: 'internal',
      message: 'The portal sent an unexpected answer for /api/x.',
    })
  })

  it('passes on the API error body, with or without the schema loaded', async () => {
    const error = { code: 'conflict', message: 'Busy.', hint: 'Wait.', requestId: 'r-1' }
    vi.stubGlobal('fetch', answer(409, { error }))
    expect(await failure(apiGet('/api/x', schema))).toEqual(error)
    expect(await failure(apiGet('/api/x', Promise.reject(new Error('chunk load failed'))))).toEqual(error)
  })

  it('describes an error body that is not an AppError by its status', async () => {
    vi.stubGlobal('fetch', answer(401, { error: { code: 'nope', message: 'x' } }))
    expect(await failure(apiGet('/api/x', schema))).toMatchObject({ code: 'unauthenticated', httpStatus: 401 })
  })

  it('tells the portal not answering, a gateway in front of it and its own faults apart from AWS faults', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    expect(await failure(apiGet('/api/x', schema))).toMatchObject({ code: 'portal_unreachable', retryable: true })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })),
    )
    expect(await failure(apiGet('/api/x', schema))).toMatchObject({ code: 'portal_unreachable', httpStatus: 502 })
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('oops', { status: 500 })),
    )
    expect(await failure(apiGet('/api/x', schema))).toMatchObject({
      code: 'internal',
      httpStatus: 500,
      message: 'The portal answered HTTP 500 for /api/x without saying why.',
    })
  })

  it('turns a schema that fails to load into a panel error, not an unhandled rejection', async () => {
    vi.stubGlobal('fetch', answer(200, { n: 1 }))
    expect(await failure(apiGet('/api/x', Promise.reject(new Error('chunk load failed'))))).toMatchObject({
      code: 'portal_unreachable',
      message: 'The browser could not load part of the portal (a script of this page).',
    })
  })
})

describe('apiPost', () => {
  it('parses the answer with the loaded schema and passes on API errors', async () => {
    vi.stubGlobal('fetch', answer(202, { n: 2 }))
    expect(await apiPost('/api/y', {}, Promise.resolve(schema))).toEqual({ n: 2 })
    vi.stubGlobal('fetch', answer(400, { error: { code: 'invalid_input', message: 'Bad SHA.' } }))
    expect(await failure(apiPost('/api/y', {}, Promise.resolve(schema)))).toEqual({ code: 'invalid_input', message: 'Bad SHA.' })
  })

  it('sends nothing when the schema cannot load, so an accepted mutation is never reported as failed', async () => {
    const fetchSpy = answer(202, { n: 2 })
    vi.stubGlobal('fetch', fetchSpy)
    expect(await failure(apiPost('/api/deployments', { sha: 'abc1234' }, Promise.reject(new Error('chunk load failed'))))).toMatchObject({
      code: 'portal_unreachable',
    })
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})

describe('toPanelError', () => {
  it('reads a QueryError, a dehydrated plain AppError, and hides anything else', () => {
    expect(toPanelError(new QueryError({ code: 'forbidden', message: 'No.' }))).toEqual({ code: 'forbidden', message: 'No.' })
    expect(toPanelError({ name: 'AppError', code: 'aws_throttled', message: 'Slow down.', awsCode: 'ThrottlingException' })).toStrictEqual({
      code: 'aws_throttled',
      message: 'Slow down.',
      awsCode: 'ThrottlingException',
    })
    expect(toPanelError({ code: 'aws_throttled' }).message).toBe('Something went wrong in the portal while loading this panel.')
    expect(toPanelError(null).code).toBe('internal')
  })
})
