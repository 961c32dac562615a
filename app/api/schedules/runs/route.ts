import { listScheduleRuns } from '@/lib/dal/schedules'
import { appError } from '@/lib/domain/errors'
import { jsonError, jsonResult } from '@/lib/http'

/** The scheduler's invocations per minute over the last `days` (1–14, default 7): `{runs:[{at, attempts, errors, schedules}]}`. */
export async function GET(request: Request) {
  const raw = new URL(request.url).searchParams.get('days') ?? '7'
  const days = Number(raw)
  if (!/^\d{1,2}$/.test(raw) || days < 1 || days > 14) return jsonError(appError('invalid_input', 'days: a whole number from 1 to 14.'))
  return jsonResult(await listScheduleRuns({ since: new Date(Date.now() - days * 86_400_000) }))
}
