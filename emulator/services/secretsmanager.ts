/**
 * Secrets Manager (awsJson1_1, PascalCase members, timestamps in epoch seconds): CreateSecret,
 * DescribeSecret and GetSecretValue — enough for the setup's `DATABASE_URL` secret, which App Runner
 * reads for RuntimeEnvironmentSecrets (./../world/secrets).
 */
import { str } from '../core/input'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import { createSecret, findSecret } from '../world/secrets'
import type { SecretState, World } from '../world/shapes'

const s = (ms: number) => ms / 1000

/** The name rule Secrets Manager documents (ASCII letters, digits and `/_+=.@-`). */
const NAME_RE = /^[A-Za-z0-9/_+=.@-]+$/

const notFound = () => new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.")

function requireSecret(input: Input, ctx: HandlerContext): SecretState {
  const secret = ctx.world ? findSecret(ctx.world, str(input.SecretId) ?? '') : undefined
  if (!secret) throw notFound()
  return secret
}

const createSecretHandler: Handler = (input, ctx) => {
  const name = str(input.Name) ?? ''
  if (!NAME_RE.test(name))
    throw new AwsError(
      'InvalidParameterException',
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    )
  if (input.SecretString !== undefined && input.SecretBinary !== undefined)
    throw new AwsError(
      'InvalidParameterException',
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    )
  if (!ctx.world) throw new AwsError('InvalidRequestException', 'The emulated account exists only in eu-central-1.')
  const world: World = ctx.world
  if (findSecret(world, name))
    throw new AwsError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`)
  const secret = createSecret(world, name, str(input.SecretString), ctx.now)
  secret.description = str(input.Description)
  return { ARN: secret.arn, Name: secret.name, VersionId: secret.value === undefined ? undefined : secret.versionId }
}

/** DescribeSecret answers metadata only, never the value. */
const describeSecret: Handler = (input, ctx) => {
  const secret = requireSecret(input, ctx)
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    RotationEnabled: false,
    LastChangedDate: s(secret.lastChangedAt),
    CreatedDate: s(secret.createdAt),
    VersionIdsToStages: secret.value === undefined ? undefined : { [secret.versionId]: ['AWSCURRENT'] },
  }
}

const getSecretValue: Handler = (input, ctx) => {
  const secret = requireSecret(input, ctx)
  if (secret.value === undefined) throw notFound()
  return {
    ARN: secret.arn,
    Name: secret.name,
    VersionId: secret.versionId,
    SecretString: secret.value,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: s(secret.lastChangedAt),
  }
}

export const secretsmanagerService: ServiceDefinition = {
  name: 'secretsmanager',
  validation: { form: 'coral', code: 'ValidationException' },
  mutating: { CreateSecret: (input) => [{ type: 'AWS::SecretsManager::Secret', name: str(input.Name) ?? '' }] },
  handlers: {
    CreateSecret: createSecretHandler,
    DescribeSecret: describeSecret,
    GetSecretValue: getSecretValue,
  },
}
