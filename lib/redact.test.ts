import { describe, expect, it } from 'vitest'

import { redactEnvValue, redactText } from './redact'

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

  it('leaves text without secrets untouched', () => {
    expect(redactText('GET /health 200 12ms https://example.com/path')).toBe('GET /health 200 12ms https://example.com/path')
  })
})

describe('redactEnvValue', () => {
  it('redacts a secret-named variable entirely and a URL variable partly', () => {
    expect(redactEnvValue('DB_PASSWORD', 'x')).toEqual({ value: '****', isRedacted: true })
    expect(redactEnvValue('DATABASE_URL', seedUrl).value).not.toContain('AppFactoryDB2026!')
    expect(redactEnvValue('PORT', '3000')).toEqual({ value: '3000', isRedacted: false })
  })
})
