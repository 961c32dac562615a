import { getOverview } from '@/lib/dal/overview'
import { jsonResult } from '@/lib/http'

/** Everything the overview shows; every section is read in parallel and fails alone (`{ok:false, error}`). */
export async function GET() {
  return jsonResult(await getOverview())
}
