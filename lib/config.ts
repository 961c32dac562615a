import 'server-only'

import { z } from 'zod'

import { isLoopbackHost } from '@/lib/loopback'

const portSchema = z.coerce.number().int().min(1).max(65535)

/**
 * App Runner service names are 4–40 of [A-Za-z0-9-_] starting alphanumeric. The ARN form
 * (`…:service/<name>/<32-hex id>`) lets the portal address the service without a ListServices.
 */
const serviceNameOrArn =
  /^(?:[A-Za-z0-9][A-Za-z0-9_-]{3,39}|arn:aws[a-z-]*:apprunner:[a-z0-9-]+:\d{12}:service\/[A-Za-z0-9][A-Za-z0-9_-]{3,39}\/[0-9a-f]{32})$/
const serviceArnParts = /^arn:aws[a-z-]*:apprunner:([a-z0-9-]+):(\d{12}):service\/([^/]+)\/([0-9a-f]{32})$/

/** The portal's environment, with the documented setup's names as defaults (docs/interfaces.md, docs/aws-setup.md). */
const envSchema = z.object({
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1')
    .default('eu-central-1'),
  AWS_ENDPOINT_URL: z.url('an http(s) URL such as http://127.0.0.1:4566').optional(),
  APPFACTORY_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit AWS account id')
    .default('082609687527'),
  APPFACTORY_ECR_REPOSITORY: z.string().min(2).default('appfactory-app'),
  APPFACTORY_APPRUNNER_SERVICE: z
    .string()
    .regex(
      serviceNameOrArn,
      'an App Runner service name such as appfactory-app-service, or its ARN (arn:aws:apprunner:<region>:<account>:service/<name>/<id>)',
    )
    .default('appfactory-app-service'),
  APPFACTORY_RDS_INSTANCE: z.string().min(1).default('appfactory-db'),
  APPFACTORY_GITHUB_ROLE: z.string().min(1).default('AppFactoryGitHubActionsRole'),
  APPFACTORY_GITHUB_REPO: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name, e.g. hanpieter1/AppFactory')
    .default('hanpieter1/AppFactory'),
  APPFACTORY_HEALTH_PATH: z.string().startsWith('/', 'a path starting with /').default('/health'),
  PORTAL_DATA_DIR: z.string().min(1).default('./data'),
  /** A PostgreSQL connection URL: the shared store for more than one replica (unset: SQLite in PORTAL_DATA_DIR). */
  PORTAL_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'a PostgreSQL URL such as postgres://portal:<password>@db.internal:5432/portal')
    .optional(),
  /** How long a resource lock outlives a replica that stopped renewing it (crashed, killed, cut off). */
  PORTAL_LOCK_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  PORTAL_API_TOKENS: z.string().optional(),
  PORTAL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** AWS call timeout in milliseconds (per attempt). */
  PORTAL_AWS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** How many attempts the SDK makes per AWS call (1 = no retry). */
  PORTAL_AWS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  PORT: portSchema.default(3000),
  HOST: z.string().default('127.0.0.1'),
  NODE_ENV: z.string().default('development'),
  /** HMAC key for session cookies (≥ 32 characters). Required in production when sign-in is configured. */
  PORTAL_SESSION_SECRET: z.string().min(32, 'a random string of at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  /** The portal's external URL (used for OAuth redirect URIs and the CSRF origin check). */
  PORTAL_PUBLIC_URL: z.url("the portal's external URL, e.g. https://portal.example.com").optional(),
  PORTAL_OIDC_ISSUER: z.url('an OpenID Connect issuer URL, e.g. https://accounts.google.com').optional(),
  PORTAL_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PORTAL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  PORTAL_GITHUB_CLIENT_ID: z.string().min(1).optional(),
  PORTAL_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  /** Role mapping: comma-separated emails, `@domain`, `group:<name>`, `github-org:<org>`, `github-team:<org>/<team>`. */
  PORTAL_ROLE_ADMINS: z.string().optional(),
  PORTAL_ROLE_OPERATORS: z.string().optional(),
  PORTAL_ROLE_VIEWERS: z.string().optional(),
  /** One-click demo sign-in; only ever honoured when AWS_ENDPOINT_URL is a loopback emulator. */
  PORTAL_DEMO_AUTH: z.enum(['on', 'off', 'true', 'false', '1', '0'], 'on or off').optional(),
  /** Requests the server works on at once (scripts/portal-server.mjs); more wait in a FIFO queue. */
  PORTAL_MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(1000).default(16),
  /** Mutations allowed per identity per minute. */
  PORTAL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** The IAM role EventBridge Scheduler assumes to run the portal's schedules (name or ARN). */
  APPFACTORY_SCHEDULER_ROLE: z
    .string()
    .regex(/^(?:[\w+=,.@-]{1,64}|arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64})$/, 'an IAM role name or ARN')
    .default('AppFactorySchedulerRole'),
  /** The EventBridge Scheduler schedule group the portal keeps its schedules in. */
  PORTAL_SCHEDULE_GROUP: z
    .string()
    .regex(/^[0-9a-zA-Z-_.]{1,64}$/, 'a schedule group name: letters, digits, - _ . (at most 64)')
    .default('appfactory-portal'),
  /** How long after a scheduled wake starts the database the service is resumed (the database's start time). */
  PORTAL_WAKE_DELAY_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  /** Price overrides for the cost estimate, JSON (see README "Cost"). */
  PORTAL_PRICES: z.string().optional(),
})

const priceOverridesSchema = z
  .object({
    source: z.string().min(1).max(200).optional(),
    asOf: z.iso.date().optional(),
    appRunner: z
      .object({ vcpuHour: z.number().nonnegative().optional(), memoryGbHour: z.number().nonnegative().optional() })
      .strict()
      .optional(),
    rdsInstanceHour: z.record(z.string(), z.number().nonnegative()).optional(),
    rdsStorageGbMonth: z.record(z.string(), z.number().nonnegative()).optional(),
    ecrStorageGbMonth: z.number().nonnegative().optional(),
  })
  .strict()

/** Prices that replace the built-in table's (USD); `source` and `asOf` say where they come from. */
export type PriceOverrides = z.infer<typeof priceOverridesSchema>

export type Config = {
  region: string
  endpointUrl: string | undefined
  accountId: string
  ecrRepository: string
  /** The App Runner service's name (from APPFACTORY_APPRUNNER_SERVICE, or the name inside its ARN). */
  appRunnerService: string
  /** Set when APPFACTORY_APPRUNNER_SERVICE is an ARN: the service is then addressed without ListServices. */
  appRunnerServiceArn: string | undefined
  /** The service id inside that ARN. */
  appRunnerServiceId: string | undefined
  rdsInstance: string
  githubRole: string
  githubRepo: string
  healthPath: string
  dataDir: string
  /** PORTAL_DATABASE_URL: PostgreSQL for the store; undefined means SQLite in `dataDir`. */
  databaseUrl: string | undefined
  lockLeaseMs: number
  apiTokens: string | undefined
  logLevel: z.infer<typeof envSchema>['PORTAL_LOG_LEVEL']
  awsTimeoutMs: number
  awsMaxAttempts: number
  port: number
  host: string
  isProduction: boolean
  /** NODE_ENV=development (`next dev`): React needs eval for its error overlay. */
  isDevelopment: boolean
  /** PORTAL_SESSION_SECRET; undefined outside production means "derive a per-process secret". */
  sessionSecret: string | undefined
  publicUrl: string | undefined
  oidc: { issuer: string; clientId: string; clientSecret: string | undefined } | undefined
  github: { clientId: string; clientSecret: string } | undefined
  roleRules: { admin: string | undefined; operator: string | undefined; viewer: string | undefined }
  /** True when demo sign-in is enabled AND the AWS endpoint is a loopback emulator. */
  demoAuth: boolean
  rateLimitPerMinute: number
  /** The ARN of the role EventBridge Scheduler assumes for the portal's schedules. */
  schedulerRoleArn: string
  scheduleGroup: string
  wakeDelayMinutes: number
  /** PORTAL_PRICES, validated; undefined when unset. */
  priceOverrides: PriceOverrides | undefined
}

/** True for http(s) URLs whose host is 127.0.0.0/8, localhost or [::1]. */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false
  let host: string
  try {
    const u = new URL(url)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false
    host = u.hostname.toLowerCase()
  } catch {
    return false
  }
  return isLoopbackHost(host)
}

/** Thrown once at start-up when the environment is invalid; the message names each variable and its form. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses an environment (default: process.env) into the portal's config, or throws ConfigError. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Treat empty strings as unset, as shells often export VAR= for "nothing".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: expected ${i.message}`)
    throw new ConfigError(`Invalid portal configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  const isProduction = e.NODE_ENV === 'production'
  const isLoopbackEmulator = isLoopbackUrl(e.AWS_ENDPOINT_URL)
  const problems: string[] = []
  if (e.PORTAL_OIDC_ISSUER && !e.PORTAL_OIDC_CLIENT_ID)
    problems.push('  PORTAL_OIDC_CLIENT_ID: expected the client id registered at PORTAL_OIDC_ISSUER')
  if (e.PORTAL_GITHUB_CLIENT_ID && !e.PORTAL_GITHUB_CLIENT_SECRET)
    problems.push("  PORTAL_GITHUB_CLIENT_SECRET: expected the GitHub OAuth app's client secret")
  const hasInteractiveSignIn = Boolean(e.PORTAL_OIDC_ISSUER || e.PORTAL_GITHUB_CLIENT_ID)
  // A per-process secret would log everyone out on restart and differ between replicas: refuse it for a real deployment.
  if (isProduction && hasInteractiveSignIn && !isLoopbackEmulator && !e.PORTAL_SESSION_SECRET)
    problems.push(
      '  PORTAL_SESSION_SECRET: expected a random string of at least 32 characters (required in production when sign-in is configured)',
    )
  const arnParts = serviceArnParts.exec(e.APPFACTORY_APPRUNNER_SERVICE)
  if (arnParts && arnParts[1] !== e.AWS_REGION)
    problems.push(`  APPFACTORY_APPRUNNER_SERVICE: expected a service in AWS_REGION ${e.AWS_REGION}; the ARN names ${arnParts[1]}`)
  let priceOverrides: PriceOverrides | undefined
  if (e.PORTAL_PRICES !== undefined) {
    let json: unknown
    try {
      json = JSON.parse(e.PORTAL_PRICES)
    } catch {
      json = undefined
    }
    const prices = priceOverridesSchema.safeParse(json)
    if (prices.success) priceOverrides = prices.data
    else
      problems.push(
        `  PORTAL_PRICES: expected JSON such as {"source":"AWS price list 2027-01","asOf":"2027-01-15","appRunner":{"vcpuHour":0.081},"rdsInstanceHour":{"db.t4g.micro":0.019}} (${prices.error.issues[0]?.path.join('.') || 'not JSON'})`,
      )
  }
  if (problems.length) throw new ConfigError(`Invalid portal configuration:\n${problems.join('\n')}`)
  const demoSetting = e.PORTAL_DEMO_AUTH === undefined ? undefined : ['on', 'true', '1'].includes(e.PORTAL_DEMO_AUTH)
  return {
    region: e.AWS_REGION,
    endpointUrl: e.AWS_ENDPOINT_URL,
    accountId: e.APPFACTORY_ACCOUNT_ID,
    ecrRepository: e.APPFACTORY_ECR_REPOSITORY,
    appRunnerService: arnParts?.[3] ?? e.APPFACTORY_APPRUNNER_SERVICE,
    appRunnerServiceArn: arnParts ? e.APPFACTORY_APPRUNNER_SERVICE : undefined,
    appRunnerServiceId: arnParts?.[4],
    rdsInstance: e.APPFACTORY_RDS_INSTANCE,
    githubRole: e.APPFACTORY_GITHUB_ROLE,
    githubRepo: e.APPFACTORY_GITHUB_REPO,
    healthPath: e.APPFACTORY_HEALTH_PATH,
    dataDir: e.PORTAL_DATA_DIR,
    databaseUrl: e.PORTAL_DATABASE_URL,
    lockLeaseMs: e.PORTAL_LOCK_LEASE_MS,
    apiTokens: e.PORTAL_API_TOKENS,
    logLevel: e.PORTAL_LOG_LEVEL,
    awsTimeoutMs: e.PORTAL_AWS_TIMEOUT_MS,
    awsMaxAttempts: e.PORTAL_AWS_MAX_ATTEMPTS,
    port: e.PORT,
    host: e.HOST,
    isProduction,
    isDevelopment: e.NODE_ENV === 'development',
    sessionSecret: e.PORTAL_SESSION_SECRET,
    publicUrl: e.PORTAL_PUBLIC_URL?.replace(/\/+$/, ''),
    oidc:
      e.PORTAL_OIDC_ISSUER && e.PORTAL_OIDC_CLIENT_ID
        ? { issuer: e.PORTAL_OIDC_ISSUER, clientId: e.PORTAL_OIDC_CLIENT_ID, clientSecret: e.PORTAL_OIDC_CLIENT_SECRET }
        : undefined,
    github:
      e.PORTAL_GITHUB_CLIENT_ID && e.PORTAL_GITHUB_CLIENT_SECRET
        ? { clientId: e.PORTAL_GITHUB_CLIENT_ID, clientSecret: e.PORTAL_GITHUB_CLIENT_SECRET }
        : undefined,
    roleRules: { admin: e.PORTAL_ROLE_ADMINS, operator: e.PORTAL_ROLE_OPERATORS, viewer: e.PORTAL_ROLE_VIEWERS },
    // Demo sign-in hands out a role to anyone who clicks: only against a loopback emulator, never real AWS.
    demoAuth: isLoopbackEmulator && (demoSetting ?? true),
    rateLimitPerMinute: e.PORTAL_RATE_LIMIT_PER_MINUTE,
    schedulerRoleArn: e.APPFACTORY_SCHEDULER_ROLE.startsWith('arn:')
      ? e.APPFACTORY_SCHEDULER_ROLE
      : `arn:aws:iam::${e.APPFACTORY_ACCOUNT_ID}:role/${e.APPFACTORY_SCHEDULER_ROLE}`,
    scheduleGroup: e.PORTAL_SCHEDULE_GROUP,
    wakeDelayMinutes: e.PORTAL_WAKE_DELAY_MINUTES,
    priceOverrides,
  }
}

let cached: Config | undefined

/** The validated configuration (read from process.env once). */
export const config = (): Config => (cached ??= parseConfig(process.env))
