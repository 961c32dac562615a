import 'server-only'

import { headers } from 'next/headers'
import pino, { type Logger } from 'pino'
import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types'

import { REQUEST_ID_HEADER } from '@/lib/auth/headers'
import { config } from '@/lib/config'
import { processSlot } from '@/lib/process-state'
import { redactText, registerSecret } from '@/lib/redact'
import { noteAwsRequest, peekRequestActor } from '@/lib/request-records'

/** Keys whose values are dropped wherever they appear in a log object. */
const REDACT_PATHS = [
  'authorization',
  'cookie',
  'password',
  'secret',
  'token',
  'clientSecret',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.secret',
  '*.token',
  '*.clientSecret',
  'headers.*',
  '*.headers.*',
]

/** Builds the JSON logger; every serialised line also passes through lib/redact (URLs with credentials, known secret values). */
export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { app: 'appfactory-portal' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '****' },
      hooks: { streamWrite: (line) => redactText(line) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  )
}

const shared = processSlot<Logger>('logger')

/** The password inside PORTAL_DATABASE_URL (scrubbed from every line like the other secrets). */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return decodeURIComponent(new URL(url).password) || undefined
  } catch {
    return undefined
  }
}

/** Replaces the process-wide logger (a script that logs to stderr; tests that capture lines). */
export function setLogger(replacement: Logger): void {
  shared.current = replacement
}

/** The process-wide logger (no request id; prefer `requestLogger` inside a request). */
export function logger(): Logger {
  if (shared.current) return shared.current
  const c = config()
  // Known secret values are scrubbed from every line even when logged under an innocent key.
  for (const s of [c.sessionSecret, c.oidc?.clientSecret, c.github?.clientSecret, databasePassword(c.databaseUrl)]) registerSecret(s)
  for (const entry of (c.apiTokens ?? '').split(',')) registerSecret(entry.split(':').slice(2).join(':'))
  shared.current = createLogger({ level: c.logLevel })
  return shared.current
}

/** The current request's id (from proxy.ts), or undefined outside a request. */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    return (await headers()).get(REQUEST_ID_HEADER) ?? undefined
  } catch {
    // Outside a request scope (scripts, background refresh): no request id to attach.
    return undefined
  }
}

/** A child logger carrying the request id: from `request` when given, else from the current request scope. */
export async function requestLogger(request?: Request): Promise<Logger> {
  const requestId = request ? (request.headers.get(REQUEST_ID_HEADER) ?? undefined) : await currentRequestId()
  return requestId ? logger().child({ requestId }) : logger()
}

/** One AWS call as the SDK middleware saw it. */
export type AwsCall = {
  service: string
  operation: string
  status?: number
  awsRequestId?: string
  attempts?: number
  ms: number
  error?: string
}

/**
 * Logs one AWS call: service, operation, HTTP status, AWS request id, duration — never parameters —
 * with the portal request id and, once verified, the identity it was made for; the AWS request id
 * also goes into the request's own log line (lib/request-records.ts).
 */
export async function logAwsCall(call: AwsCall): Promise<void> {
  const requestId = await currentRequestId()
  noteAwsRequest(requestId, call.awsRequestId)
  const log = requestId ? logger().child({ requestId, ...peekRequestActor(requestId) }) : logger()
  if (call.error) log.warn({ aws: call }, `aws ${call.service}.${call.operation} failed`)
  else log.info({ aws: call }, `aws ${call.service}.${call.operation}`)
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function metadata(v: unknown): { status?: number; awsRequestId?: string; attempts?: number } {
  const m = isRecord(v) ? v.$metadata : undefined
  if (!isRecord(m)) return {}
  return {
    status: typeof m.httpStatusCode === 'number' ? m.httpStatusCode : undefined,
    awsRequestId: typeof m.requestId === 'string' ? m.requestId : undefined,
    attempts: typeof m.attempts === 'number' ? m.attempts : undefined,
  }
}

/** SDK middleware (initialize step, so it spans every retry) that logs each call through `logAwsCall`. */
export function awsLoggingMiddleware<I extends object, O extends object>(
  service: string,
  observe?: (call: AwsCall) => void,
): InitializeMiddleware<I, O> {
  return (next, context) => async (args) => {
    const started = performance.now()
    const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '')
    try {
      const result = await next(args)
      const call: AwsCall = { service, operation, ...metadata(result.output), ms: Math.round(performance.now() - started) }
      observe?.(call)
      void logAwsCall(call)
      return result
    } catch (e: unknown) {
      const name = isRecord(e) && typeof e.name === 'string' ? e.name : 'Error'
      // Connection failures are plain Errors; their `code` (ECONNREFUSED, …) is what tells them apart.
      const code = isRecord(e) && typeof e.code === 'string' ? e.code : undefined
      const call: AwsCall = {
        service,
        operation,
        ...metadata(e),
        ms: Math.round(performance.now() - started),
        error: code && name === 'Error' ? code : name,
      }
      observe?.(call)
      void logAwsCall(call)
      throw e
    }
  }
}

/** Adds `awsLoggingMiddleware` to an SDK client (used by lib/aws/clients.ts); `observe` sees every call too (metrics). */
export function withAwsLogging<C extends { middlewareStack: Pick<MiddlewareStack<object, object>, 'add'> }>(
  client: C,
  service: string,
  observe?: (call: AwsCall) => void,
): C {
  client.middlewareStack.add(awsLoggingMiddleware(service, observe), { step: 'initialize', name: 'portalAwsLogging', override: true })
  return client
}
