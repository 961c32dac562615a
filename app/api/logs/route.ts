import { connection } from 'next/server'

import { listLogEvents } from '@/lib/dal/logs'
import { appError } from '@/lib/domain/errors'
import { logsInputSchema } from '@/lib/domain/logs'
import { jsonError, jsonResult } from '@/lib/http'
import { logSinceSeconds } from '@/lib/queries/logs'
import '@/lib/zod-messages'

/**
 * `GET /api/logs?stream=application|service&since=15m|1h|6h|24h|7d|<ISO>&until=<ISO>&filter=&cursor=&limit=` —
 * one page of log events, newest first (ending at `until` when given); `nextCursor` reads the following page.
 */
export async function GET(request: Request) {
  await connection()
  const input = logsInputSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!input.success) {
    const issues = input.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')
    return jsonError(
      appError('invalid_input', `Invalid log query (${issues}).`, {
        hint: `stream is application or service; since one of ${Object.keys(logSinceSeconds).join(', ')} or an ISO-8601 time; until an ISO-8601 time; filter a CloudWatch filter pattern.`,
      }),
    )
  }
  const { stream, since, until, filter, cursor, limit } = input.data
  return jsonResult(await listLogEvents({ stream, since, until, filter: filter || undefined, cursor, limit }))
}
