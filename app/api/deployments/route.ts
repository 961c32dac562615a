import { redeploy } from '@/lib/actions/deployments'
import { guardMutation } from '@/lib/auth/guard'
import { listDeployments } from '@/lib/dal/deployments'
import { jsonError, jsonResult } from '@/lib/http'
import { readJsonBody } from '@/lib/http-body'

/**
 * Starts a deployment: `{"sha", "override"?: {"reason"}}` → UpdateService, `{"redeployCurrent": true}`
 * → StartDeployment. 202 `{operationId, kind, image, fromSha}`; 400 invalid/unknown/ambiguous SHA or a
 * CRITICAL image without override; 409 while another operation runs; 413 for a body over 64 KB.
 */
export async function POST(request: Request) {
  // Role `viewer` here: the operation checks `operator` itself so that refused attempts are audited too.
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  const body = await readJsonBody(request)
  if (!body.ok) return jsonError(body.error)
  return jsonResult(await redeploy(body.data, actor.data), 202)
}

/** The deployment ledger joined with the runtime's operations (same as `/api/deployments/ledger`). */
export async function GET() {
  return jsonResult(await listDeployments())
}
