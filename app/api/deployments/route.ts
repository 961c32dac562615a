import { listDeployments } from '@/lib/actions/deployment-reads'
import { redeploy } from '@/lib/actions/deployments'
import { requireActor } from '@/lib/auth/actor'
import { guardMutation } from '@/lib/auth/guard'
import { jsonError, jsonResult } from '@/lib/http'

/**
 * Starts a deployment: `{"sha", "override"?: {"reason"}}` → UpdateService, `{"redeployCurrent": true}`
 * → StartDeployment. 202 `{operationId, kind, image, fromSha}`; 400 invalid/unknown/ambiguous SHA or a
 * CRITICAL image without override; 409 while another operation runs.
 */
export async function POST(request: Request) {
  // Role `viewer` here: the operation checks `operator` itself so that refused attempts are audited too.
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  const body: unknown = await request.json().catch(() => undefined)
  return jsonResult(await redeploy(body, actor.data), 202)
}

/** The deployment ledger joined with the runtime's operations (same as `/api/deployments/ledger`). */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await listDeployments())
}
