import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { encodedForms, isSecretName, MAX_REDACT_CHARS, overlapsKnownSecret, redactEnvValue, redactText, registerSecret } from './redact'

const seedUrl = 'postgresql://appfactory:AppFactoryDB2026!@appfactory-db.abc.eu-central-1.rds.amazonaws.com:5432/postgres'

describe('redactText', () => {
  it('removes the password from the documented DATABASE_URL but keeps user, host and port', () => {
    const out = redactText(seedUrl)
    expect(out).not.toContain('AppFactoryDB2026!')
    expect(out).toBe('postgresql://appfactory:****@appfactory-db.abc.eu-central-1.rds.amazonaws.com:5432/postgres')
  })

  it('redacts credentials inside a JSON log line and password= pairs', () => {
    const line = JSON.stringify({ msg: 'connect', url: seedUrl, password: 'hunter2' })
    const out = redactText(line)
    expect(out).not.toContain('AppFactoryDB2026!')
    expect(out).not.toContain('hunter2')
    expect(redactText('retry with password=AppFactoryDB2026! now')).toBe('retry with password=**** now')
  })

  it.each([
    ['db_password=s3cr3t-value', 'db_password=****'],
    ['DB_PASS=s3cr3t-value', 'DB_PASS=****'],
    ['pwd: s3cr3t-value', 'pwd: ****'],
    ['DB_PASSWORD: s3cr3t-value', 'DB_PASSWORD: ****'],
    ['token:s3cr3t-value', 'token:****'],
    ['"passphrase":"s3cr3t-value"', '"passphrase":"****"'],
    ['STRIPE_API_KEY=s3cr3t-value', 'STRIPE_API_KEY=****'],
    ['"apiKey": "s3cr3t-value"', '"apiKey": "****"'],
    ['private_key=s3cr3t-value', 'private_key=****'],
    ['SENTRY_DSN=https://abc@o1.ingest.sentry.io/1', 'SENTRY_DSN=****'],
    ['client_secret=s3cr3t-value', 'client_secret=****'],
    ['refresh_token=s3cr3t-value', 'refresh_token=****'],
    ['credentials=s3cr3t-value', 'credentials=****'],
    ['Bearer eyJhbGciOi.abc.def', 'Bearer ****'],
    ['BASIC dXNlcjpwYXNz', 'BASIC ****'],
  ])('redacts %s', (input, expected) => expect(redactText(input)).toBe(expected))

  it('redacts the credentials of an Authorization header, whatever the case', () => {
    for (const line of ['Authorization: Bearer eyJhbGciOi.abc.def', 'curl -H "authorization: bearer eyJhbGciOi.abc.def"'])
      expect(redactText(line)).not.toContain('eyJhbGciOi')
  })

  it('leaves text without secrets untouched, prose with a colon after a secret-ish word included', () => {
    for (const text of [
      'GET /health 200 12ms https://example.com/path',
      'passengers=4 monkey=1 keyboard=us',
      'tokens 5 used',
      "AWS refused the portal's credentials: The security token included in the request is invalid.",
      'Authorization: the request was refused',
    ])
      expect(redactText(text)).toBe(text)
  })

  it('removes a learned secret in every encoding it may take', () => {
    const secret = "Zq!9'(x)*~ y+z/é"
    registerSecret(secret)
    const forms = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      encodeURIComponent(secret).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
      encodeURIComponent(secret)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)
        .replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      encodeURI(secret),
      new URLSearchParams({ p: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ]
    for (const form of forms) expect(redactText(`before ${form} after`), form).toBe('before **** after')
  })

  it("learns a URL's password as written and decoded: `!` and `%21` are both redacted", () => {
    redactText('postgres://app:W0rk%21ng-pass@db.example:5432/app')
    expect(redactText('leaked W0rk!ng-pass here')).toBe('leaked **** here')
    expect(redactText('leaked W0rk%21ng-pass here')).toBe('leaked **** here')
    expect(encodedForms('A!')).toEqual(expect.arrayContaining(['A!', 'A%21']))
  })

  it('cuts what it examines at MAX_REDACT_CHARS, saying how much was left out', () => {
    const long = `${'a'.repeat(MAX_REDACT_CHARS)}password=hidden-tail`
    const out = redactText(long)
    expect(out).not.toContain('hidden-tail')
    expect(out.endsWith(`… [${'password=hidden-tail'.length} more characters not shown]`)).toBe(true)
  })
})

describe('isSecretName', () => {
  it.each([
    'PASSWORD',
    'DB_PASSWORD',
    'DB_PASS',
    'PASSWD',
    'SSH_PASSPHRASE',
    'MYSQL_PWD',
    'API_KEY',
    'STRIPE_KEY',
    'AWS_SECRET_ACCESS_KEY',
    'PRIVATE_KEY',
    'KEY',
    'SENTRY_DSN',
    'GITHUB_TOKEN',
    'CLIENT_SECRET',
    'GOOGLE_CREDENTIALS',
    'CREDENTIAL',
    'apiKey',
    'dbPassword',
    'sessionToken',
    'secretKey',
  ])('%s is a secret', (name) => expect(isSecretName(name)).toBe(true))

  it.each(['PORT', 'NODE_ENV', 'LOG_LEVEL', 'DATABASE_URL', 'DB_POOL_MAX', 'MONKEY', 'KEYBOARD_LAYOUT', 'hostname'])('%s is not', (name) =>
    expect(isSecretName(name)).toBe(false),
  )
})

describe('redactEnvValue', () => {
  it('redacts a secret-named variable entirely and a URL variable partly', () => {
    expect(redactEnvValue('DB_PASSWORD', 'x')).toEqual({ value: '****', isRedacted: true })
    expect(redactEnvValue('DATABASE_URL', seedUrl).value).not.toContain('AppFactoryDB2026!')
    expect(redactEnvValue('PORT', '3000')).toEqual({ value: '3000', isRedacted: false })
  })

  it('learns a secret-named value so it is scrubbed wherever it shows up later', () => {
    redactEnvValue('STRIPE_KEY', 'sk_live_learned_0123')
    expect(redactText('charge failed for key sk_live_learned_0123')).toBe('charge failed for key ****')
  })
})

describe('overlapsKnownSecret (a log filter must not be an oracle for a redacted secret)', () => {
  registerSecret('AppFactoryDB2026!')
  registerSecret('e2e-viewer-token-0123456789')
  it.each([
    ['AppF', true],
    ['"ryDB"', true],
    ['%2026!%', true],
    ['appf', true],
    ['%A.p.p.F%', true],
    ['%[A][p][p][F]%', true],
    ['{ $.msg = "*ctoryD*" }', true],
    ['App', false],
    // Not a part of `e2e-viewer-token-…`: the window `wert` would span its `-`.
    ['faultprobeslowerthanthetimeout', false],
    ['connection refused', false],
    ['%ERROR|WARN%', false],
    ['', false],
  ])('%j → %s', (filter, expected) => expect(overlapsKnownSecret(filter)).toBe(expected))
})

describe('hostile input runs in linear time', () => {
  /**
   * Each adversarial line (1 MB) goes through redactText and the log-line parsers in a child process.
   * A catastrophic (super-linear) expression would take minutes to hours on these; the bound below is
   * generous for a slow shared machine and still fails such an expression, without timing anything
   * in this process (the event loop of a stuck child is the child's problem).
   */
  it('redacts and parses 1 MB adversarial lines without holding the event loop', () => {
    const root = path.resolve(__dirname, '..')
    const script = `
      import { redactText } from '@/lib/redact'
      import { parseFields } from '@/lib/aws/logs.mappers'
      import { extractLogFields } from '@/components/logs/log-fields'
      const MB = 1024 * 1024
      const lines = [
        'a://'.repeat(MB / 4),
        'x://u:' + 'p'.repeat(MB),
        'password'.repeat(MB / 8),
        'a_'.repeat(MB / 2) + 'password',
        'pass_word_key_'.repeat(MB / 14) + '=',
        'Bearer '.repeat(MB / 7),
        'Bearer ' + 'A'.repeat(MB),
        ' '.repeat(MB) + 'x',
        '['.repeat(MB),
        '{"a":"' + 'password='.repeat(MB / 9) + '"}',
        '\\t'.repeat(MB),
      ]
      for (const line of lines) {
        const out = redactText(line)
        if (out.length > 70 * 1024) throw new Error('not capped: ' + out.length)
        parseFields(line)
        extractLogFields({ message: out, fields: null })
      }
      console.log('done ' + lines.length)
    `
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.error, 'the child was stopped after 60 s: a regular expression ran away').toBeUndefined()
    expect(r.stderr).toBe('')
    expect(r.stdout.trim()).toBe('done 11')
  }, 90_000)
})
