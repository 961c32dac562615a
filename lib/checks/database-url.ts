import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import { isNotCreated } from '@/lib/domain/setup.values'
import type { Database } from '@/lib/domain/database'
import type { Service } from '@/lib/domain/service'
import { redactText } from '@/lib/redact'

import { errorResult, notCreatedResult, result, type Evidence } from './result'
import type { Check } from './types'

const meta = { id: 'database-url', title: 'DATABASE_URL points at the RDS instance' } as const
const DOCS = 'https://docs.aws.amazon.com/apprunner/latest/dg/env-variable.html'

export type DatabaseUrlEvidence = {
  service: Pick<Service, 'name' | 'arn' | 'env'>
  database: Pick<Database, 'identifier' | 'status' | 'endpoint' | 'masterUsername'>
}

export type ParsedDatabaseUrl = { host: string; port: number; database: string; user: string }

/** Parses a PostgreSQL connection URL (`postgres://` or `postgresql://`); null when it is not one. */
export function parseDatabaseUrl(value: string): ParsedDatabaseUrl | null {
  let u: URL
  try {
    u = new URL(value.trim())
  } catch {
    return null
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return null
  if (!u.hostname) return null
  const port = u.port === '' ? 5432 : Number(u.port)
  if (!Number.isInteger(port)) return null
  return {
    host: u.hostname.toLowerCase(),
    port,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    user: decodeURIComponent(u.username),
  }
}

/**
 * DATABASE_URL must exist (plain or as a secret reference), be a PostgreSQL URL, and name the RDS
 * endpoint's host and port. The URL is shown redacted (it carries the password).
 */
export function evaluate(e: DatabaseUrlEvidence, now: Date): CheckResult {
  const { service: s, database: db } = e
  const v = s.env.find((x) => x.name === 'DATABASE_URL')
  const endpoint = db.endpoint ? `${db.endpoint.address}:${db.endpoint.port}` : null
  const evidence: Evidence = [
    { label: 'Service', value: s.name },
    { label: 'RDS endpoint', value: endpoint ?? `none (instance is ${db.status})` },
  ]
  const urlFor = db.endpoint
    ? `postgresql://${db.masterUsername ?? '<user>'}:<password>@${db.endpoint.address}:${db.endpoint.port}/postgres`
    : 'postgresql://<user>:<password>@<rds-endpoint>:5432/postgres'
  const setFix = (why: string) => ({
    steps: [
      why,
      `Store the URL (${urlFor}) in Secrets Manager and reference it from the service as the secret DATABASE_URL (RuntimeEnvironmentSecrets), or set it as an environment variable in the App Runner console (Configuration → Environment variables).`,
      'update-service replaces the whole environment: include every existing variable. App Runner redeploys the service afterwards.',
    ],
    command: [
      `aws secretsmanager create-secret --name appfactory/database-url --secret-string '${urlFor}'`,
      `aws apprunner describe-service --service-arn ${s.arn} --query 'Service.SourceConfiguration'  > source.json`,
      '# add "RuntimeEnvironmentSecrets": {"DATABASE_URL": "<secret ARN>"} under ImageRepository.ImageConfiguration in source.json, then:',
      `aws apprunner update-service --service-arn ${s.arn} --source-configuration file://source.json`,
    ].join('\n'),
    docs: DOCS,
  })

  if (!v) {
    evidence.push({ label: 'DATABASE_URL', value: 'not set (neither an environment variable nor a secret)' })
    return result(
      meta,
      'fail',
      'DATABASE_URL is missing from the service: the app cannot connect to its database (503).',
      evidence,
      setFix('Add DATABASE_URL to the service.'),
      now,
    )
  }
  if (v.source === 'secret') {
    evidence.push({ label: 'DATABASE_URL', value: `secret reference ${v.value}` })
    return result(
      meta,
      'pass',
      'DATABASE_URL comes from a secret (its contents are not readable by the portal, so host and port were not compared).',
      evidence,
      null,
      now,
    )
  }
  evidence.push({ label: 'DATABASE_URL', value: redactText(v.value) })
  const parsed = parseDatabaseUrl(v.value)
  if (!parsed) {
    return result(
      meta,
      'fail',
      'DATABASE_URL is not a PostgreSQL URL (postgresql://user:password@host:5432/db).',
      evidence,
      setFix('Replace DATABASE_URL with a valid PostgreSQL URL.'),
      now,
    )
  }
  evidence.push({ label: 'URL host:port', value: `${parsed.host}:${parsed.port}` })
  if (!db.endpoint) {
    return result(
      meta,
      'warn',
      `DATABASE_URL is a PostgreSQL URL, but the RDS instance reports no endpoint while ${db.status}, so the host could not be compared.`,
      evidence,
      { steps: ['Re-run this check once the instance is available.'], docs: DOCS },
      now,
    )
  }
  const hostOk = parsed.host === db.endpoint.address.toLowerCase()
  const portOk = parsed.port === db.endpoint.port
  if (hostOk && portOk) return result(meta, 'pass', 'DATABASE_URL names the RDS endpoint.', evidence, null, now)
  const wrong = [
    !hostOk ? `host ${parsed.host} (RDS: ${db.endpoint.address})` : null,
    !portOk ? `port ${parsed.port} (RDS: ${db.endpoint.port})` : null,
  ].filter((x) => x !== null)
  return result(
    meta,
    'fail',
    `DATABASE_URL points at the wrong ${wrong.join(' and ')}.`,
    evidence,
    setFix(`Correct DATABASE_URL to use ${db.endpoint.address}:${db.endpoint.port}.`),
    now,
  )
}

/** The `database-url` check: gathers its evidence, then evaluate(). */
export const databaseUrl: Check = {
  ...meta,
  async run(ctx) {
    const [service, db] = await Promise.all([ctx.getService(), ctx.getDatabase()])
    if (!service.ok) return errorResult(meta, service.error, ctx.now)
    if (isNotCreated(service.data)) return notCreatedResult(meta, service.data, ctx.now)
    if (!db.ok) return errorResult(meta, db.error, ctx.now)
    return evaluate({ service: service.data, database: db.data }, ctx.now)
  },
}
