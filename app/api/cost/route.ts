import { getCostReport } from '@/lib/dal/cost'
import { jsonResult } from '@/lib/http'

/** `{estimateMonthly, projectedWithSchedules, savedThisMonth, prices:{source, asOf}, …}` in USD; ranges are `{low, high}`. */
export async function GET() {
  return jsonResult(await getCostReport())
}
