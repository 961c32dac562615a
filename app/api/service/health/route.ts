import { getServiceHealth } from '@/lib/dal/service'
import { jsonResult } from '@/lib/http'

/** The service URL's health endpoint as the portal sees it: status, time, verdict. */
export async function GET() {
  return jsonResult(await getServiceHealth())
}
