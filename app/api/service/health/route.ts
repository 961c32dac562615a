import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'
import { getServiceHealth } from '@/lib/overview'

/** The service URL's health endpoint as the portal sees it: status, time, verdict. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await getServiceHealth())
}
