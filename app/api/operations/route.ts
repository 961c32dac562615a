import { listOperations } from '@/lib/dal/service'
import { jsonResult } from '@/lib/http'

/** App Runner operations on the service, newest first. */
export async function GET() {
  return jsonResult(await listOperations())
}
