import { requireActor } from '@/lib/auth/actor'
import { getCostReport } from '@/lib/cost-report'
import { jsonError, jsonResult } from '@/lib/http'

/** `{estimateMonthly, projectedWithSchedules, savedThisMonth, prices:{source, asOf}, …}` in USD; ranges are `{low, high}`. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await getCostReport())
}
