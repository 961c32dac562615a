import 'server-only'

import { appError, type AppError, type ErrorCode } from '@/lib/domain/errors'
import { redactText } from '@/lib/redact'

/** What the failing call was, so the error can name it (and the IAM action for AccessDenied). */
export type CallContext = {
  /** IAM action of the call, e.g. `ecr:DescribeImages`. */
  action: string
  /** Human name of what was being read or changed, e.g. `ECR repository appfactory-app`. */
  resource?: string
}

type Rule = { code: ErrorCode; hint: (ctx: CallContext) => string }

const throttled: Rule = {
  code: 'aws_throttled',
  hint: () => 'AWS is rate-limiting requests. Wait a few seconds and retry; the portal already retried with back-off.',
}
const denied: Rule = {
  code: 'aws_denied',
  hint: (ctx) =>
    `The portal's AWS identity is not allowed to call ${ctx.action}. Add that action to the portal's IAM policy (see iam/portal-policy.json).`,
}
const badCredentials: Rule = {
  code: 'aws_denied',
  hint: () =>
    'Check the credentials the portal runs with (AWS_PROFILE, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the instance or container role) and the server clock; every AWS call fails until they are fixed.',
}
const notFound: Rule = {
  code: 'not_found',
  hint: (ctx) =>
    `${ctx.resource ?? 'The resource'} does not exist in this account and region. Check the APPFACTORY_* names and AWS_REGION.`,
}
const wrongState: Rule = {
  code: 'conflict',
  hint: () => 'The resource is in a state that does not allow this change. Wait for the current change to finish, then retry.',
}

/** AWS exception names (SDK `error.name`) → portal error code. One table for every service. */
const rules: Record<string, Rule> = {
  ThrottlingException: throttled,
  Throttling: throttled,
  TooManyRequestsException: throttled,
  RequestLimitExceeded: throttled,
  RequestThrottled: throttled,
  RequestThrottledException: throttled,
  SlowDown: throttled,
  LimitExceededException: throttled,
  AccessDenied: denied,
  AccessDeniedException: denied,
  UnauthorizedOperation: denied,
  UnrecognizedClientException: badCredentials,
  InvalidClientTokenId: badCredentials,
  ExpiredToken: badCredentials,
  ExpiredTokenException: badCredentials,
  InvalidSignatureException: badCredentials,
  SignatureDoesNotMatch: badCredentials,
  IncompleteSignature: badCredentials,
  IncompleteSignatureException: badCredentials,
  MissingAuthenticationToken: badCredentials,
  MissingAuthenticationTokenException: badCredentials,
  AuthFailure: badCredentials,
  RequestExpired: badCredentials,
  CredentialsProviderError: badCredentials,
  TokenProviderError: badCredentials,
  RepositoryNotFoundException: notFound,
  ImageNotFoundException: notFound,
  ScanNotFoundException: notFound,
  LifecyclePolicyNotFoundException: notFound,
  ResourceNotFoundException: notFound,
  DBInstanceNotFoundFault: notFound,
  NoSuchEntityException: notFound,
  NoSuchEntity: notFound,
  'InvalidGroup.NotFound': notFound,
  InvalidStateException: wrongState,
  InvalidDBInstanceStateFault: wrongState,
  InvalidDBInstanceState: wrongState,
}

/** AWS error names that mean AWS refused the portal's credentials (so every call fails alike). */
export const credentialErrorNames: ReadonlySet<string> = new Set(Object.keys(rules).filter((name) => rules[name] === badCredentials))

/** The one message for refused credentials, whatever the call: AWS's own words and what to do. */
export function credentialsRefusedMessage(awsMessage: string | undefined): string {
  const why = (awsMessage ?? 'the credentials were not accepted').trim().replace(/\.+$/, '')
  return `AWS refused the portal's credentials: ${why}; if you use SSO, run \`aws sso login\`.`
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'])

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

function metadataOf(e: Record<string, unknown>): { status?: number; requestId?: string } {
  const m = e.$metadata
  if (!isRecord(m)) return {}
  return {
    status: typeof m.httpStatusCode === 'number' ? m.httpStatusCode : undefined,
    requestId: str(m.requestId),
  }
}

function networkCode(e: Record<string, unknown>): string | undefined {
  const own = str(e.code)
  if (own && unreachableCodes.has(own)) return own
  // Node ≥ 20 reports a failed dual-stack connect as an AggregateError of per-address errors.
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors)
      if (isRecord(inner) && str(inner.code) && unreachableCodes.has(String(inner.code))) return String(inner.code)
  }
  if (isRecord(e.cause)) return networkCode(e.cause)
  return undefined
}

/** Extracts the IAM action from an AccessDenied message ("…not authorized to perform: ecr:DescribeImages on…"). */
export function deniedAction(message: string | undefined): string | undefined {
  return message?.match(/perform:\s*([a-z0-9-]+:[A-Za-z0-9*]+)/)?.[1]
}

/**
 * Normalises any failure of an AWS SDK call into an AppError: by exception name first, then by
 * network error code, timeout, malformed answer, and finally the HTTP status. AWS's own text (which
 * can quote parameters, e.g. a DATABASE_URL in a validation message) passes through redaction before
 * it reaches an answer or a log line. Never throws.
 */
export function toAppError(e: unknown, ctx: CallContext): AppError {
  return redactAppError(describeFailure(e, ctx))
}

/** An AppError with every free-text field redacted. */
export function redactAppError(error: AppError): AppError {
  return {
    ...error,
    message: redactText(error.message),
    ...(error.hint === undefined ? {} : { hint: redactText(error.hint) }),
    ...(error.awsCode === undefined ? {} : { awsCode: redactText(error.awsCode) }),
  }
}

function describeFailure(e: unknown, ctx: CallContext): AppError {
  const what = ctx.resource ? `${ctx.action} on ${ctx.resource}` : ctx.action
  if (!isRecord(e))
    return appError('aws_error', `AWS call ${what} failed for an unknown reason.`, { hint: 'Retry; if it persists, check the server log.' })

  const name = str(e.name) ?? 'Error'
  const awsMessage = str(e.message)
  const { status, requestId } = metadataOf(e)
  const extra = { awsCode: name !== 'Error' ? name : undefined, requestId }

  const rule = rules[name]
  if (rule) {
    const action = rule === denied ? (deniedAction(awsMessage) ?? ctx.action) : ctx.action
    const message =
      rule.code === 'aws_throttled'
        ? `AWS throttled ${what}.`
        : rule.code === 'aws_denied'
          ? rule === denied
            ? `Access denied: the portal may not call ${action}.`
            : credentialsRefusedMessage(awsMessage)
          : rule.code === 'not_found'
            ? `${ctx.resource ?? 'The resource'} was not found (${name}).`
            : `AWS refused ${what}: ${awsMessage ?? name}.`
    return appError(rule.code, message, { ...extra, hint: rule.hint({ ...ctx, action }) })
  }

  if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException' || str(e.code) === 'ETIMEDOUT') {
    return appError('aws_timeout', `AWS did not answer ${what} in time.`, {
      ...extra,
      hint: 'AWS (or the network to it) is slow right now. Retry in a moment.',
    })
  }

  const net = networkCode(e)
  if (net) {
    return appError('aws_unreachable', `The portal could not reach AWS for ${what} (${net}).`, {
      requestId,
      awsCode: undefined,
      hint: 'Check the network and AWS_ENDPOINT_URL / AWS_REGION; the portal will retry on the next refresh.',
    })
  }

  if (name === 'SyntaxError' || /deserializ|unexpected token|parse/i.test(`${name} ${awsMessage ?? ''}`)) {
    return appError('aws_error', `AWS sent an answer to ${what} that the portal could not read.`, {
      ...extra,
      hint: 'This is usually a passing fault at AWS. Retry; if it persists, report it with the request id.',
    })
  }

  if (status !== undefined && status >= 500) {
    return appError('aws_error', `AWS failed on ${what} (HTTP ${status}).`, {
      ...extra,
      hint: 'An error inside AWS. Retry in a moment; check the AWS Health Dashboard if it persists.',
    })
  }

  return appError('aws_error', `AWS rejected ${what}${awsMessage ? `: ${awsMessage}` : ''}.`, {
    ...extra,
    hint: 'Check the request and the portal configuration; retry if the cause was temporary.',
  })
}
