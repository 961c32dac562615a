import { getDatabase } from '@/lib/dal/database'
import { jsonResult } from '@/lib/http'

/** The RDS instance. */
export async function GET() {
  return jsonResult(await getDatabase())
}
