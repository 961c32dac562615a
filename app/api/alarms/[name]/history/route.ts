import { connection } from 'next/server'

import { getAlarmHistory } from '@/lib/dal/metrics'
import { appError } from '@/lib/domain/errors'
import { jsonError, jsonOk } from '@/lib/http'
import { alarmNameSchema, type AlarmHistory } from '@/lib/domain/metrics'

/** `GET /api/alarms/<name>/history` — `{items}`: the alarm's state changes, newest first. */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  await connection()
  const name = alarmNameSchema.safeParse((await params).name)
  if (!name.success)
    return jsonError(appError('invalid_input', 'Alarm names have 1 to 255 characters.', { hint: 'Use a name from GET /api/alarms.' }))
  const result = await getAlarmHistory(name.data)
  return result.ok ? jsonOk({ items: result.data } satisfies AlarmHistory) : jsonError(result.error)
}
