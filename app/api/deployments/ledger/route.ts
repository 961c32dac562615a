import { listDeployments } from '@/lib/actions/deployment-reads'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'

/** App Runner operations joined with the portal's ledger (SHA, digest, who, truthful outcome), newest first. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await listDeployments())
}
