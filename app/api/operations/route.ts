import { listOperationsWithLedger } from '@/lib/actions/deployment-reads'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'

/** App Runner operations on the service, newest first. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await listOperationsWithLedger())
}
