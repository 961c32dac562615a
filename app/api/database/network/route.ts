import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'
import { getNetworkPath } from '@/lib/network'

/** The network path from the service to the database: connector and database security groups, the rules on its port, the verdict. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await getNetworkPath())
}
