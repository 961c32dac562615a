import { listDatabaseEvents } from '@/lib/dal/database'
import { jsonResult } from '@/lib/http'

/** Recent RDS events of the instance, newest first. */
export async function GET() {
  return jsonResult(await listDatabaseEvents())
}
