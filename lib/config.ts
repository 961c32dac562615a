import 'server-only'

import { z } from 'zod'

const portSchema = z.coerce.number().int().min(1).max(65535)

/** The portal's environment, with the seed's values as defaults (see INTERFACES.md). */
const envSchema = z.object({
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-central-1').default('eu-central-1'),
  AWS_ENDPOINT_URL: z.url('an http(s) URL such as http://127.0.0.1:4566').optional(),
  APPFACTORY_ACCOUNT_ID: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id').default('082609687527'),
  APPFACTORY_ECR_REPOSITORY: z.string().min(2).default('appfactory-app'),
  APPFACTORY_APPRUNNER_SERVICE: z.string().min(4).default('appfactory-app-service'),
  APPFACTORY_RDS_INSTANCE: z.string().min(1).default('appfactory-db'),
  APPFACTORY_GITHUB_ROLE: z.string().min(1).default('AppFactoryGitHubActionsRole'),
  APPFACTORY_GITHUB_REPO: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name, e.g. hanpieter1/AppFactory').default('hanpieter1/AppFactory'),
  APPFACTORY_HEALTH_PATH: z.string().startsWith('/', 'a path starting with /').default('/health'),
  PORTAL_DATA_DIR: z.string().min(1).default('./data'),
  PORTAL_API_TOKENS: z.string().optional(),
  PORTAL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** AWS call timeout in milliseconds (per attempt). */
  PORTAL_AWS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  /** How many attempts the SDK makes per AWS call (1 = no retry). */
  PORTAL_AWS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  PORT: portSchema.default(3000),
  HOST: z.string().default('127.0.0.1'),
  NODE_ENV: z.string().default('development'),
})

export type Config = {
  region: string
  endpointUrl: string | undefined
  accountId: string
  ecrRepository: string
  appRunnerService: string
  rdsInstance: string
  githubRole: string
  githubRepo: string
  healthPath: string
  dataDir: string
  apiTokens: string | undefined
  logLevel: z.infer<typeof envSchema>['PORTAL_LOG_LEVEL']
  awsTimeoutMs: number
  awsMaxAttempts: number
  port: number
  host: string
  isProduction: boolean
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
  return {
    region: e.AWS_REGION,
    endpointUrl: e.AWS_ENDPOINT_URL,
    accountId: e.APPFACTORY_ACCOUNT_ID,
    ecrRepository: e.APPFACTORY_ECR_REPOSITORY,
    appRunnerService: e.APPFACTORY_APPRUNNER_SERVICE,
    rdsInstance: e.APPFACTORY_RDS_INSTANCE,
    githubRole: e.APPFACTORY_GITHUB_ROLE,
    githubRepo: e.APPFACTORY_GITHUB_REPO,
    healthPath: e.APPFACTORY_HEALTH_PATH,
    dataDir: e.PORTAL_DATA_DIR,
    apiTokens: e.PORTAL_API_TOKENS,
    logLevel: e.PORTAL_LOG_LEVEL,
    awsTimeoutMs: e.PORTAL_AWS_TIMEOUT_MS,
    awsMaxAttempts: e.PORTAL_AWS_MAX_ATTEMPTS,
    port: e.PORT,
    host: e.HOST,
    isProduction: e.NODE_ENV === 'production',
  }
}

let cached: Config | undefined

/** The validated configuration (read from process.env once). */
export const config = (): Config => (cached ??= parseConfig(process.env))
