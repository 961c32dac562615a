import 'server-only'

import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager'

import { cached } from '@/lib/cache'
import { err, ok, type Result } from '@/lib/result'

import { secretsManagerClient } from './clients'
import { toAppError } from './errors'
import { iso, plain, ttl } from './support'

/** A Secrets Manager secret's metadata. The portal never reads a secret's value. */
export type SecretInfo = { name: string; arn: string; createdAt: string | null }

/**
 * A secret's metadata by name (DescribeSecret: never its value), or null when there is no such secret.
 * Errors: aws_denied (secretsmanager:DescribeSecret), aws_*.
 */
export async function describeSecret(name: string): Promise<Result<SecretInfo | null>> {
  const load = async (): Promise<Result<SecretInfo | null>> => {
    try {
      const out = await secretsManagerClient().send(new DescribeSecretCommand({ SecretId: name }))
      return ok(out.ARN ? { name: out.Name ?? name, arn: out.ARN, createdAt: iso(out.CreatedDate) } : null)
    } catch (e: unknown) {
      const error = toAppError(e, { action: 'secretsmanager:DescribeSecret', resource: `secret ${name}` })
      return error.code === 'not_found' ? ok(null) : err(error)
    }
  }
  return plain(await cached(`secretsmanager:secret:${name}`, ttl.status, load))
}
