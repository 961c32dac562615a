import 'server-only'

import { config } from '@/lib/config'
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
/** Network failures that come and go (a reset connection, a DNS hiccup); a refused or unknown host stays until fixed. */
const passingNetworkCodes = new Set(['ECONNRESET', 'EPIPE', 'EAI_AGAIN'])

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/** JavaScript's own errors: a bug in the portal, not an answer from AWS. */
const portalFaults = new Set(['TypeError', 'ReferenceError', 'RangeError'])

/** What the SDK knows of the HTTP answer behind a failure: status, request id, content type. */
type Answer = { status?: number; requestId?: string; contentType?: string }

function header(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) return undefined
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return str(v)
  return undefined
}

/**
 * The answer's status and request id from `$metadata`, and — for an answer the SDK could not parse —
 * from the raw `$response` it attaches (a non-enumerable field on deserialization errors).
 */
function answerOf(e: Record<string, unknown>): Answer {
  const m = isRecord(e.$metadata) ? e.$metadata : {}
  const r = isRecord(e.$response) ? e.$response : {}
  const status = typeof m.httpStatusCode === 'number' ? m.httpStatusCode : typeof r.statusCode === 'number' ? r.statusCode : undefined
  const requestId =
    str(m.requestId) ??
    header(r.headers, 'x-amzn-requestid') ??
    header(r.headers, 'x-amz-request-id') ??
    header(r.headers, 'x-amzn-request-id')
  return { status, requestId, contentType: header(r.headers, 'content-type') }
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

/**
 * The IAM action AWS names in an AccessDenied message ("…not authorized to perform: iam:PassRole on…"):
 * AWS's own word on which permission failed, which can differ from the call (UpdateService needs
 * iam:PassRole too). Read once here, at the boundary, and carried as `iamAction` from then on.
 */
function deniedActionOf(message: string | undefined): string | undefined {
  return message?.match(/perform:\s*([a-z0-9-]+:[A-Za-z0-9*]+)/)?.[1]
}

/** True when the SDK failed to parse the answer (a JSON or XML parser's error), whatever the parser calls it. */
function isUnreadable(name: string, message: string | undefined): boolean {
  return name === 'SyntaxError' || /deserializ|xml parse|unexpected token|not valid json|unexpected end of/i.test(message ?? '')
}

/** "an HTML page (text/html)" — what the body was, from its content type. */
function describeBody(contentType: string | undefined): string {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  if (!type) return 'a body without a content type'
  if (type === 'text/html') return 'an HTML page (text/html)'
  if (type.startsWith('text/')) return `text (${type})`
  return `a ${type} body`
}

/** Who was asked: the configured endpoint override, or AWS's own endpoint. */
function endpointName(): string {
  const url = config().endpointUrl
  if (!url) return "AWS's endpoint"
  try {
    return `The endpoint ${new URL(url).origin}`
  } catch {
    return 'The configured endpoint'
  }
}

/**
 * Normalises any failure of an AWS SDK call into an AppError: by exception name first, then by
 * timeout, network error code, an answer that is not AWS's (or that could not be read), and finally
 * the HTTP status. The HTTP status and AWS request id are kept whenever the answer carried them;
 * `retryable` (and retry advice) only for what can pass: throttling, AWS 5xx, timeouts, a reset
 * connection. AWS's own text (which can quote parameters, e.g. a DATABASE_URL in a validation
 * message) passes through redaction before it reaches an answer or a log line. Never throws.
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
    return appError('internal', `The AWS call ${what} failed without an error the portal understands.`, {
      hint: 'This is a fault in the portal; the server log has the details.',
    })

  const name = str(e.name) ?? 'Error'
  const awsMessage = str(e.message)
  const answer = answerOf(e)
  const extra = {
    ...(answer.requestId ? { requestId: answer.requestId } : {}),
    ...(answer.status !== undefined ? { httpStatus: answer.status } : {}),
  }
  const awsCode = name !== 'Error' && !isUnreadable(name, awsMessage) ? { awsCode: name } : {}

  // A JavaScript error raised inside the portal (no AWS answer behind it) is the portal's own fault.
  if (portalFaults.has(name) && answer.status === undefined) {
    return appError('internal', `The portal failed while calling ${what}.`, {
      hint: 'This is a fault in the portal, not in AWS; the server log has the details.',
    })
  }

  const rule = rules[name]
  if (rule) {
    const iamAction = rule === denied ? (deniedActionOf(awsMessage) ?? ctx.action) : undefined
    const message =
      rule.code === 'aws_throttled'
        ? `AWS throttled ${what}.`
        : rule.code === 'aws_denied'
          ? rule === denied
            ? `Access denied: the portal may not call ${iamAction}.`
            : credentialsRefusedMessage(awsMessage)
          : rule.code === 'not_found'
            ? `${ctx.resource ?? 'The resource'} was not found (${name}).`
            : `AWS refused ${what}: ${awsMessage ?? name}.`
    return appError(rule.code, message, {
      ...extra,
      ...awsCode,
      hint: rule.hint({ ...ctx, action: iamAction ?? ctx.action }),
      ...(iamAction ? { iamAction } : {}),
      retryable: rule.code === 'aws_throttled',
    })
  }

  if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException' || str(e.code) === 'ETIMEDOUT') {
    return appError('aws_timeout', `AWS did not answer ${what} in time.`, {
      ...extra,
      ...awsCode,
      hint: 'AWS (or the network to it) is slow right now. Retry in a moment.',
      retryable: true,
    })
  }

  const net = networkCode(e)
  if (net) {
    const passing = passingNetworkCodes.has(net)
    return appError('aws_unreachable', `The portal could not reach AWS for ${what} (${net}).`, {
      ...extra,
      hint: passing
        ? 'The connection to AWS broke off. Retry in a moment; if it persists, check the network.'
        : 'Check the network and AWS_ENDPOINT_URL / AWS_REGION: the endpoint cannot be reached from the portal server.',
      retryable: passing,
    })
  }

  if (isUnreadable(name, awsMessage)) {
    const ok2xx = answer.status !== undefined && answer.status >= 200 && answer.status < 300
    if (!ok2xx || !answer.requestId) {
      // Not an AWS API answer: no AWS request id and not something the SDK can read (an HTML error
      // page from a proxy, a gateway or another program at the endpoint).
      const status = answer.status !== undefined ? `HTTP ${answer.status}` : 'without an HTTP status'
      const gateway = answer.status === 502 || answer.status === 503 || answer.status === 504
      return appError(
        'aws_error',
        `${endpointName()} answered ${status} with ${describeBody(answer.contentType)}, not an AWS API answer, to ${what}.`,
        {
          ...extra,
          hint: gateway
            ? 'A gateway or proxy between the portal and AWS is failing; retry in a moment, and check it if this persists.'
            : 'Something other than AWS answered (a proxy, a gateway, another program at the endpoint, or a service this endpoint does not offer). Check AWS_ENDPOINT_URL, AWS_REGION and any proxy in between; retrying will not change the answer.',
          retryable: gateway,
        },
      )
    }
    return appError(
      'aws_error',
      `AWS sent an answer to ${what} that the portal could not read (HTTP ${answer.status}, cut off or not valid).`,
      {
        ...extra,
        hint: 'Report it with the request id; if a proxy sits between the portal and AWS, check that it passes answers unchanged.',
        retryable: false,
      },
    )
  }

  if (answer.status !== undefined && answer.status >= 500) {
    return appError('aws_error', `AWS failed on ${what} (HTTP ${answer.status}${name !== 'Error' ? `, ${name}` : ''}).`, {
      ...extra,
      ...awsCode,
      hint: 'An error inside AWS. Retry in a moment; check the AWS Health Dashboard if it persists.',
      retryable: true,
    })
  }

  return appError(
    'aws_error',
    `AWS rejected ${what}${answer.status !== undefined ? ` (HTTP ${answer.status})` : ''}${awsMessage ? `: ${awsMessage}` : ''}.`,
    {
      ...extra,
      ...awsCode,
      hint: 'Check the request and the portal configuration: AWS will answer the same until they change.',
      retryable: false,
    },
  )
}
