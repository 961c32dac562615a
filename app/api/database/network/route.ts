import { getNetworkPath } from '@/lib/dal/database'
import { jsonResult } from '@/lib/http'

/** The network path from the service to the database: connector and database security groups, the rules on its port, the verdict. */
export async function GET() {
  return jsonResult(await getNetworkPath())
}
