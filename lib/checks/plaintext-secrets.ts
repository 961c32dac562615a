import 'server-only'

import type { CheckResult } from '@/lib/domain/checks'
import { isNotCreated } from '@/lib/domain/setup.values'
import type { Service } from '@/lib/domain/service'
import { isSecretName } from '@/lib/redact'

import { errorResult, notCreatedResult, result } from './result'
import type { Check } from './types'

const meta = { id: 'plaintext-secrets', title: 'Secrets are not plain environment variables' } as const

export type PlaintextSecretsEvidence = { service: Pick<Service, 'name' | 'arn' | 'env'> }

/** Plain variables that hold a secret: a secret-looking name, or a value with credentials in it (redacted on read). */
export const plaintextSecretNames = (env: Service['env']): string[] =>
  env.filter((v) => v.source === 'plain' && (isSecretName(v.name) || v.isRedacted)).map((v) => v.name)

/** Warns when secrets sit in RuntimeEnvironmentVariables (readable by anyone with apprunner:DescribeService). */
export function evaluate({ service: s }: PlaintextSecretsEvidence, now: Date): CheckResult {
  const leaked = plaintextSecretNames(s.env)
  const referenced = s.env.filter((v) => v.source === 'secret').map((v) => v.name)
  const evidence = [
    { label: 'Service', value: s.name },
    { label: 'Plain variables holding secrets', value: leaked.join(', ') || 'none' },
    { label: 'Secrets from Secrets Manager / SSM', value: referenced.join(', ') || 'none' },
  ]
  if (leaked.length === 0) return result(meta, 'pass', 'No secret is stored as a plain environment variable.', evidence, null, now)
  const first = leaked[0] ?? 'DATABASE_URL'
  return result(
    meta,
    'warn',
    `${leaked.join(', ')} ${leaked.length === 1 ? 'is a' : 'are'} plain environment variable${leaked.length === 1 ? '' : 's'}: anyone who can describe the service can read ${leaked.length === 1 ? 'it' : 'them'}.`,
    evidence,
    {
      steps: [
        `Store the value in AWS Secrets Manager (command below for ${first}).`,
        "Give the service's instance role secretsmanager:GetSecretValue on that secret.",
        `Move ${first} from RuntimeEnvironmentVariables to RuntimeEnvironmentSecrets (value = the secret ARN) with aws apprunner update-service, then rotate the password.`,
      ],
      command: `aws secretsmanager create-secret --name appfactory/${first.toLowerCase().replace(/_/g, '-')} --secret-string '<value>'`,
      docs: 'https://docs.aws.amazon.com/apprunner/latest/dg/env-variable.html',
    },
    now,
  )
}

/** The `plaintext-secrets` check: gathers its evidence, then evaluate(). */
export const plaintextSecrets: Check = {
  ...meta,
  async run(ctx) {
    const service = await ctx.getService()
    if (!service.ok) return errorResult(meta, service.error, ctx.now)
    if (isNotCreated(service.data)) return notCreatedResult(meta, service.data, ctx.now)
    return evaluate({ service: service.data }, ctx.now)
  },
}
