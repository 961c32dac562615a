/** SDK-shaped failures for lib/aws unit tests (never imported by app code). */

/** An error shaped like an AWS SDK v3 service exception. */
export function awsError(name: string, message: string, httpStatusCode = 400, requestId = 'req-0001'): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId },
  })
}

export const throttled = () => awsError('ThrottlingException', 'Rate exceeded')
export const accessDenied = (action: string) =>
  awsError(
    'AccessDeniedException',
    `User: arn:aws:iam::082609687527:user/portal is not authorized to perform: ${action} on resource: x`,
    403,
  )
/** What the SDK throws when the socket timeout of the request handler fires. */
export const timeout = () => Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' })
/** What the SDK throws when the body cannot be parsed. */
export const malformed = () =>
  Object.assign(new SyntaxError('Unexpected token < in JSON at position 0'), {
    $metadata: { httpStatusCode: 200, requestId: 'req-bad' },
    $response: { statusCode: 200 },
  })
/**
 * What the SDK throws when something other than AWS answered: the JSON or XML parser's error, with
 * the raw answer hidden in a non-enumerable `$response` (status and headers) and no request id.
 */
export function notAwsAnswer(status = 500, parser: 'json' | 'xml' = 'json', contentType = 'text/html; charset=utf-8'): Error {
  const e =
    parser === 'json'
      ? new SyntaxError(
          'Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
        )
      : new Error(
          '@aws-sdk XML parse error: mismatched tags <hr> and </body>.\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
        )
  Object.assign(e, { $metadata: { httpStatusCode: status, attempts: 1, totalRetryDelay: 0 } })
  Object.defineProperty(e, '$response', { enumerable: false, value: { statusCode: status, headers: { 'content-type': contentType } } })
  return e
}

/** A Node network failure (no answer at all). */
export const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code })

/** The documented setup's database password: must never appear in anything lib/aws returns. */
export const SEED_PASSWORD = 'AppFactoryDB2026!'
