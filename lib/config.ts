import 'server-only'

import { z } from 'zod'

import { parseRoleRules } from '@/lib/auth/roles'
import { parseTokens } from '@/lib/auth/tokens'
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
  /** The shared AWS config file and profile (read only to decide whether demo sign-in is safe). */
  AWS_PROFILE: z.string().optional(),
  AWS_CONFIG_FILE: z.string().optional(),
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
  /** One-click demo sign-in: off unless asked for (`npm run demo` asks), and then only against the emulator. */
  PORTAL_DEMO_AUTH: z.enum(['on', 'off', 'true', 'false', '1', '0'], 'on or off').optional(),
  /** A session ends after this many minutes without a request (default 8 hours). */
  PORTAL_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(43_200).default(480),
  /** Requests the server works on at once (scripts/portal-server.mjs); more wait in a FIFO queue. */
  PORTAL_MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(1000).default(16),
  /** Mutations allowed per identity per minute. */
  PORTAL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** The SNS topic the setup's planned alarms notify on ALARM and OK (unset: alarms without actions). */
  PORTAL_ALARM_TOPIC_ARN: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/,
      'an SNS topic ARN such as arn:aws:sns:eu-central-1:082609687527:appfactory-alerts',
    )
    .optional(),
  /** Requests that read AWS or the portal's database, per identity per minute. */
  PORTAL_READ_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).max(1_000_000).default(600),
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

/** Variables that send AWS calls somewhere else than AWS_ENDPOINT_URL says (demo sign-in is refused while any is set). */
const endpointOverrideName = /^AWS_ENDPOINT_URL_[A-Z0-9_]+$/
const IGNORE_ENDPOINTS = 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'

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
  /**
   * Demo sign-in was asked for (PORTAL_DEMO_AUTH=on) and nothing in the environment contradicts it:
   * AWS_ENDPOINT_URL is loopback and no per-service endpoint or ignore flag is set. lib/auth/demo.ts
   * adds the checks that need I/O (the profile's ignore flag, the emulator's control route).
   */
  demoAuth: boolean
  /** Why demo sign-in is off although it was asked for (null when it was not asked for, or is on). */
  demoAuthRefusal: string | null
  /** AWS_ENDPOINT_URL_<SERVICE> and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS variables that are set. */
  endpointOverrides: string[]
  awsProfile: string | undefined
  awsConfigFile: string | undefined
  sessionIdleMinutes: number
  /** True inside the Next.js server (NEXT_RUNTIME is set): local-command-only paths refuse to run there. */
  isNextServer: boolean
  rateLimitPerMinute: number
  /** PORTAL_ALARM_TOPIC_ARN: the SNS topic the planned alarms notify, or null. */
  alarmTopicArn: string | null
  readRateLimitPerMinute: number
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
  const problems = [...signInProblems(e, isProduction, isLoopbackEmulator), ...accessListProblems(e)]
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
  const endpointOverrides = Object.keys(cleaned)
    .filter((name) => endpointOverrideName.test(name) || name === IGNORE_ENDPOINTS)
    .sort()
  const demo = demoDecision(e.PORTAL_DEMO_AUTH, e.AWS_ENDPOINT_URL, endpointOverrides)
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
    publicUrl: e.PORTAL_PUBLIC_URL ? new URL(e.PORTAL_PUBLIC_URL).origin : undefined,
    oidc:
      e.PORTAL_OIDC_ISSUER && e.PORTAL_OIDC_CLIENT_ID
        ? { issuer: e.PORTAL_OIDC_ISSUER, clientId: e.PORTAL_OIDC_CLIENT_ID, clientSecret: e.PORTAL_OIDC_CLIENT_SECRET }
        : undefined,
    github:
      e.PORTAL_GITHUB_CLIENT_ID && e.PORTAL_GITHUB_CLIENT_SECRET
        ? { clientId: e.PORTAL_GITHUB_CLIENT_ID, clientSecret: e.PORTAL_GITHUB_CLIENT_SECRET }
        : undefined,
    roleRules: { admin: e.PORTAL_ROLE_ADMINS, operator: e.PORTAL_ROLE_OPERATORS, viewer: e.PORTAL_ROLE_VIEWERS },
    demoAuth: demo.isOn,
    demoAuthRefusal: demo.refusal,
    endpointOverrides,
    awsProfile: e.AWS_PROFILE,
    awsConfigFile: e.AWS_CONFIG_FILE,
    sessionIdleMinutes: e.PORTAL_SESSION_IDLE_MINUTES,
    // Next's own variable, set in every server process it runs (not portal configuration).
    isNextServer: cleaned.NEXT_RUNTIME !== undefined,
    rateLimitPerMinute: e.PORTAL_RATE_LIMIT_PER_MINUTE,
    alarmTopicArn: e.PORTAL_ALARM_TOPIC_ARN ?? null,
    readRateLimitPerMinute: e.PORTAL_READ_RATE_LIMIT_PER_MINUTE,
    schedulerRoleArn: e.APPFACTORY_SCHEDULER_ROLE.startsWith('arn:')
      ? e.APPFACTORY_SCHEDULER_ROLE
      : `arn:aws:iam::${e.APPFACTORY_ACCOUNT_ID}:role/${e.APPFACTORY_SCHEDULER_ROLE}`,
    scheduleGroup: e.PORTAL_SCHEDULE_GROUP,
    wakeDelayMinutes: e.PORTAL_WAKE_DELAY_MINUTES,
    priceOverrides,
  }
}

type Env = z.infer<typeof envSchema>

/**
 * Sign-in settings that cannot work together. "Production" is NODE_ENV=production, which is what
 * `npm start`, `npm run demo` and the e2e suite all run (the production build, on loopback for the
 * last two): there a per-process session key would end every session on restart and differ between
 * replicas, and OAuth redirect URIs, the Secure cookie flag and the Host check need the public URL.
 */
function signInProblems(e: Env, isProduction: boolean, isLoopbackEmulator: boolean): string[] {
  const problems: string[] = []
  if (e.PORTAL_OIDC_ISSUER && !e.PORTAL_OIDC_CLIENT_ID)
    problems.push('  PORTAL_OIDC_CLIENT_ID: expected the client id registered at PORTAL_OIDC_ISSUER')
  if (e.PORTAL_GITHUB_CLIENT_ID && !e.PORTAL_GITHUB_CLIENT_SECRET)
    problems.push("  PORTAL_GITHUB_CLIENT_SECRET: expected the GitHub OAuth app's client secret")
  const hasInteractiveSignIn = Boolean(e.PORTAL_OIDC_ISSUER || e.PORTAL_GITHUB_CLIENT_ID)
  if (isProduction && hasInteractiveSignIn && !isLoopbackEmulator && !e.PORTAL_SESSION_SECRET)
    problems.push(
      '  PORTAL_SESSION_SECRET: expected a random string of at least 32 characters (required in production when sign-in is configured)',
    )
  if (isProduction && hasInteractiveSignIn && !e.PORTAL_PUBLIC_URL)
    problems.push(
      "  PORTAL_PUBLIC_URL: expected the portal's external URL, e.g. https://portal.example.com (required in production when sign-in is configured)",
    )
  if (e.PORTAL_PUBLIC_URL) {
    const u = new URL(e.PORTAL_PUBLIC_URL)
    if (u.protocol !== 'https:' && u.protocol !== 'http:') problems.push('  PORTAL_PUBLIC_URL: expected an http(s) URL')
    else if (u.pathname !== '/' || u.search || u.hash || u.username || u.password)
      problems.push(`  PORTAL_PUBLIC_URL: expected an origin only (scheme, host, port), e.g. ${u.origin}`)
    // Cookies and sign-in over plain http are readable on the network: only this machine may use it.
    else if (isProduction && u.protocol === 'http:' && !isLoopbackHost(u.hostname))
      problems.push(`  PORTAL_PUBLIC_URL: expected https:// in production (http is only for a loopback host); got ${u.origin}`)
  }
  return problems
}

/** PORTAL_API_TOKENS and PORTAL_ROLE_* entries that are malformed stop start-up, named (never a token's value). */
function accessListProblems(e: Env): string[] {
  const problems: string[] = []
  const tokens = parseTokens(e.PORTAL_API_TOKENS)
  if (tokens.invalid.length)
    problems.push(
      `  PORTAL_API_TOKENS: expected name:viewer|operator|admin:<token of at least 16 characters>; check the entries named ${tokens.invalid.join(', ')}`,
    )
  for (const [name, spec] of [
    ['PORTAL_ROLE_ADMINS', e.PORTAL_ROLE_ADMINS],
    ['PORTAL_ROLE_OPERATORS', e.PORTAL_ROLE_OPERATORS],
    ['PORTAL_ROLE_VIEWERS', e.PORTAL_ROLE_VIEWERS],
  ] as const) {
    const { invalid } = parseRoleRules(spec)
    if (invalid.length)
      problems.push(
        `  ${name}: expected emails, @domain, group:<name>, github-org:<org>, github-team:<org>/<team> or github:<numeric user id>; not understood: ${invalid.join(', ')}`,
      )
  }
  return problems
}

/**
 * Demo sign-in hands a role to anyone who clicks: only when asked for, and only while every AWS call
 * provably goes to the loopback endpoint (the clients are built with exactly this endpoint).
 */
function demoDecision(
  setting: Env['PORTAL_DEMO_AUTH'],
  endpoint: string | undefined,
  overrides: readonly string[],
): { isOn: boolean; refusal: string | null } {
  const isAsked = setting !== undefined && ['on', 'true', '1'].includes(setting)
  if (!isAsked) return { isOn: false, refusal: null }
  if (!isLoopbackUrl(endpoint)) return { isOn: false, refusal: 'AWS_ENDPOINT_URL is not a loopback emulator' }
  if (overrides.length) return { isOn: false, refusal: `${overrides.join(', ')} ${overrides.length === 1 ? 'is' : 'are'} set` }
  return { isOn: true, refusal: null }
}

let cached: Config | undefined

/** The validated configuration (read from process.env once). */
export const config = (): Config => (cached ??= parseConfig(process.env))
