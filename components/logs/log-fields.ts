import type { AppError } from '@/lib/domain/errors'
import type { LogEvent } from '@/lib/domain/logs'

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'

/** The fields a log line shows; null where the event does not carry them. */
export type LogLineFields = {
  level: LogLevel | null
  method: string | null
  url: string | null
  status: number | null
  /** Milliseconds. */
  responseTime: number | null
  msg: string
}

// pino's numeric levels (https://getpino.io/#/docs/api?id=levels).
const pinoLevels: Record<number, LogLevel> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }

const levelAliases: Record<string, LogLevel> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  information: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'fatal',
  critical: 'fatal',
  crit: 'fatal',
}

/** Normalises a level given as a pino number or a name in any case. */
export function toLogLevel(value: unknown): LogLevel | null {
  if (typeof value === 'number') return pinoLevels[value] ?? null
  if (typeof value === 'string') return levelAliases[value.trim().toLowerCase()] ?? null
  return null
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function pick(obj: Record<string, unknown> | null | undefined, ...paths: string[]): unknown {
  if (!obj) return undefined
  for (const path of paths) {
    let cur: unknown = obj
    for (const key of path.split('.')) cur = isRecord(cur) ? cur[key] : undefined
    if (cur !== undefined && cur !== null && cur !== '') return cur
  }
  return undefined
}

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null)

function asNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.replace(/ms$/i, ''))
    return Number.isFinite(n) ? n : null
  }
  return null
}

const textLevel = /^\s*\[?(trace|debug|info|warn(?:ing)?|error|err|fatal|critical)\]?[\s:]/i

/**
 * Extracts the displayed fields of a log event: from its parsed JSON fields (flat, or pino-http's
 * `req`/`res` objects), else from the raw text (a leading level word is recognised).
 */
export function extractLogFields(event: Pick<LogEvent, 'message' | 'fields'>): LogLineFields {
  const f = event.fields
  if (!f) {
    return {
      level: toLogLevel(event.message.match(textLevel)?.[1]),
      method: null,
      url: null,
      status: null,
      responseTime: null,
      msg: event.message.trim(),
    }
  }
  const msg = asString(pick(f, 'msg', 'message', 'err.message', 'error.message'))
  return {
    level: toLogLevel(pick(f, 'level', 'severity', 'lvl')),
    method: asString(pick(f, 'method', 'req.method', 'request.method'))?.toUpperCase() ?? null,
    url: asString(pick(f, 'url', 'path', 'req.url', 'request.url')),
    status: asNumber(pick(f, 'status', 'statusCode', 'res.statusCode', 'response.statusCode')),
    responseTime: asNumber(pick(f, 'responseTime', 'response_time', 'duration', 'durationMs')),
    msg: msg ?? event.message.trim(),
  }
}

/** Pretty-prints the raw message when it is JSON, else returns it unchanged. */
export function prettyRaw(message: string): string {
  try {
    return JSON.stringify(JSON.parse(message), null, 2)
  } catch {
    // Not JSON: show the text as it was logged.
    return message
  }
}

/**
 * A clearer error for a filter pattern CloudWatch rejected (InvalidParameterException): the
 * user's input is at fault, so say so and show the syntax. Other errors pass through unchanged.
 */
export function explainLogsError(error: AppError, filter: string): AppError {
  if (!filter || error.awsCode !== 'InvalidParameterException') return error
  return {
    ...error,
    code: 'invalid_input',
    message: `CloudWatch Logs rejected the filter pattern ${filter}.`,
    hint: 'Plain text finds that phrase. Patterns look like { $.level = "error" }, { $.status >= 500 }, ?ERROR ?WARN or [ip, user, status=5*]. Fix the pattern and press Enter.',
  }
}
