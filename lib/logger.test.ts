import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'

import { awsLoggingMiddleware, createLogger, setLogger } from './logger'
import { redactEnvValue, registerSecret } from './redact'

const DB_PASSWORD = 'AppFactoryDB2026!'
const seedUrl = `postgresql://appfactory:${DB_PASSWORD}@appfactory-db.abc.eu-central-1.rds.amazonaws.com:5432/postgres`

function capture() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  return { log: createLogger({ level: 'info', destination }), lines }
}

describe('logger redaction', () => {
  it('writes JSON lines with level, time and fields', () => {
    const { log, lines } = capture()
    log
      .child({ requestId: 'req-12345678' })
      .info({ aws: { service: 'rds', operation: 'DescribeDBInstances', awsRequestId: 'abc' } }, 'aws call')
    const parsed = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>
    expect(parsed).toMatchObject({ level: 'info', requestId: 'req-12345678', msg: 'aws call', aws: { awsRequestId: 'abc' } })
    expect(typeof parsed.time).toBe('string')
  })

  it('never writes the database password, bearer tokens or secret-named fields', () => {
    const { log, lines } = capture()
    log.info({ url: seedUrl }, 'connecting')
    log.info(`retry against ${seedUrl}`)
    log.info({ headers: { authorization: 'Bearer tok-0123456789abcdef', cookie: 'portal_session=abc' } }, 'request')
    log.warn({ password: DB_PASSWORD, clientSecret: 'oidc-client-secret-xyz' }, 'odd')
    log.info('sent Authorization: Bearer tok-0123456789abcdef')
    const out = lines.join('')
    expect(out).not.toContain(DB_PASSWORD)
    expect(out).not.toContain('tok-0123456789abcdef')
    expect(out).not.toContain('portal_session=abc')
    expect(out).not.toContain('oidc-client-secret-xyz')
    expect(out).toContain('appfactory:****@appfactory-db')
  })

  it('scrubs registered secret values even under innocent keys, once a URL has revealed them', () => {
    const { log, lines } = capture()
    registerSecret('registered-session-secret-value')
    // Seeing the documented DATABASE_URL once (e.g. mapping App Runner env vars) registers its password.
    redactEnvValue('DATABASE_URL', seedUrl)
    log.info({ value: DB_PASSWORD, note: 'key registered-session-secret-value' }, 'innocent')
    const out = lines.join('')
    expect(out).not.toContain(DB_PASSWORD)
    expect(out).not.toContain('registered-session-secret-value')
  })
})

describe('awsLoggingMiddleware', () => {
  it('logs service, operation, status and AWS request id — never the command input', async () => {
    const { log, lines } = capture()
    setLogger(log)
    const handler = awsLoggingMiddleware<{ MasterUserPassword: string }, object>('rds')(
      async () => ({ response: {}, output: { $metadata: { httpStatusCode: 200, requestId: 'aws-req-1', attempts: 1 } } }),
      { commandName: 'ModifyDBInstanceCommand' },
    )
    await handler({ input: { MasterUserPassword: 'super-secret-input' } })
    await new Promise((r) => setTimeout(r, 10))
    const entry = JSON.parse(lines.at(-1) ?? '{}') as { aws?: Record<string, unknown> }
    expect(entry.aws).toMatchObject({ service: 'rds', operation: 'ModifyDBInstance', status: 200, awsRequestId: 'aws-req-1' })
    expect(lines.join('')).not.toContain('super-secret-input')
  })
})
