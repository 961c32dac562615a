import 'server-only'

import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs'

import type { LogEvent } from '@/lib/domain/logs'
import { isSecretName, REDACTED, redactText } from '@/lib/redact'
import type { Result } from '@/lib/result'

import { iso, mapWith, required } from './support'

const MAX_DEPTH = 8

/** Redacts a parsed JSON value: secret-named keys lose their value, every string goes through redactText. */
function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value)
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isSecretName(k) && v !== null && v !== '' ? REDACTED : redactValue(v, depth + 1)]),
  )
}

/** The fields of a JSON-object log line (structured app logs), redacted; null for any other line. */
export function parseFields(message: string): Record<string, unknown> | null {
  const text = message.trim()
  if (!text.startsWith('{')) return null
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
    const redacted = redactValue(parsed, 0)
    return typeof redacted === 'object' && redacted !== null && !Array.isArray(redacted) ? { ...redacted } : null
  } catch {
    // Not JSON after all (e.g. a line starting with "{" from a stack trace): show it as text.
    return null
  }
}

/** FilterLogEvents event → LogEvent, message and fields redacted. Times are epoch ms in CloudWatch Logs. */
export function toLogEvent(e: FilteredLogEvent): Result<LogEvent> {
  return mapWith(() => {
    const raw = e.message ?? ''
    return {
      eventId: required(e.eventId, 'log eventId'),
      timestamp: required(iso(e.timestamp), 'log event timestamp'),
      stream: e.logStreamName ?? '',
      message: redactText(raw),
      fields: parseFields(raw),
    }
  })
}
