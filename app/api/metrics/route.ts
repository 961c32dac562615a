import { connection } from 'next/server'

import { getMetrics } from '@/lib/dal/metrics'
import { appError } from '@/lib/domain/errors'
import { metricRangeSchema } from '@/lib/domain/metrics'
import { jsonError, jsonResult } from '@/lib/http'
import { defaultMetricRange } from '@/lib/queries/metrics'

/** `GET /api/metrics?range=1h|3h|12h|24h|7d` — every App Runner and RDS series (one GetMetricData call). */
export async function GET(request: Request) {
  await connection()
  const range = metricRangeSchema.safeParse(new URL(request.url).searchParams.get('range') ?? defaultMetricRange)
  if (!range.success) {
    const accepted = metricRangeSchema.options.join(', ')
    return jsonError(appError('invalid_input', `Unknown range; use one of ${accepted}.`, { hint: `Send ?range= with one of ${accepted}.` }))
  }
  return jsonResult(await getMetrics(range.data))
}
