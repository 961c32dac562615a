import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonOk } from '@/lib/http'
import { getOverview } from '@/lib/overview'

/** Everything the overview shows; every section is read in parallel and fails alone (`{ok:false, error}`). */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonOk(await getOverview())
}
