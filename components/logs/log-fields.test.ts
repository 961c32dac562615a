import { describe, expect, it } from 'vitest'

import { explainLogsError, extractLogFields, prettyRaw, toLogLevel } from './log-fields'

describe('toLogLevel', () => {
  it.each([
    [30, 'info'],
    [50, 'error'],
    [60, 'fatal'],
    [35, null],
    ['WARNING', 'warn'],
    [' Error ', 'error'],
    ['verbose', null],
    [undefined, null],
  ])('%s → %s', (v, expected) => {
    expect(toLogLevel(v)).toBe(expected)
  })
})

describe('extractLogFields', () => {
  it('reads flat JSON fields', () => {
    const fields = { level: 'info', method: 'get', url: '/health', status: 200, responseTime: 3.2, msg: 'request completed' }
    expect(extractLogFields({ message: JSON.stringify(fields), fields })).toEqual({
      level: 'info',
      method: 'GET',
      url: '/health',
      status: 200,
      responseTime: 3.2,
      msg: 'request completed',
    })
  })

  it('reads pino-http req/res objects and numeric levels', () => {
    const fields = {
      level: 50,
      req: { method: 'POST', url: '/api/items' },
      res: { statusCode: 503 },
      responseTime: 120,
      msg: 'request errored',
    }
    expect(extractLogFields({ message: '{}', fields })).toEqual({
      level: 'error',
      method: 'POST',
      url: '/api/items',
      status: 503,
      responseTime: 120,
      msg: 'request errored',
    })
  })

  it('falls back to the raw message when JSON has no msg', () => {
    const fields = { level: 'warn', status: '404' }
    const r = extractLogFields({ message: '{"level":"warn","status":"404"}', fields })
    expect(r).toMatchObject({
      level: 'warn',
      status: 404,
      method: null,
      url: null,
      responseTime: null,
      msg: '{"level":"warn","status":"404"}',
    })
  })

  it('handles plain-text lines and a leading level word', () => {
    expect(extractLogFields({ message: "[AppRunner] Health check on port '8080' failed.", fields: null })).toMatchObject({
      level: null,
      msg: "[AppRunner] Health check on port '8080' failed.",
    })
    expect(extractLogFields({ message: 'ERROR: connect ECONNREFUSED 10.0.1.5:5432\n', fields: null })).toMatchObject({
      level: 'error',
      msg: 'ERROR: connect ECONNREFUSED 10.0.1.5:5432',
    })
  })
})

describe('prettyRaw', () => {
  it('indents JSON and leaves text alone', () => {
    expect(prettyRaw('{"a":1}')).toBe('{\n  "a": 1\n}')
    expect(prettyRaw('plain')).toBe('plain')
  })
})

describe('explainLogsError', () => {
  const aws = {
    code: 'aws_error' as const,
    message: 'AWS rejected logs:FilterLogEvents: Invalid filter pattern',
    awsCode: 'InvalidParameterException',
    requestId: 'r-1',
  }
  it('rewrites a rejected filter pattern as the caller’s mistake, keeping AWS code and request id', () => {
    const e = explainLogsError(aws, '{ $.level = }')
    expect(e).toMatchObject({ code: 'invalid_input', awsCode: 'InvalidParameterException', requestId: 'r-1' })
    expect(e.message).toBe('CloudWatch Logs rejected the filter pattern { $.level = }.')
  })
  it('leaves other errors and unfiltered queries alone', () => {
    expect(explainLogsError(aws, '')).toBe(aws)
    const throttled = { code: 'aws_throttled' as const, message: 'slow', awsCode: 'ThrottlingException' }
    expect(explainLogsError(throttled, 'x')).toBe(throttled)
  })
})
