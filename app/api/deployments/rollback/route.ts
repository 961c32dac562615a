import { rollback } from '@/lib/actions/deployments'
import { guardMutation } from '@/lib/auth/guard'
import { getRollbackTarget } from '@/lib/dal/deployments'
import { jsonError, jsonResult } from '@/lib/http'

/** Where a rollback would go now: `{fromSha, toSha, reason}` (toSha null when there is nothing to roll back to). */
export async function GET() {
  return jsonResult(await getRollbackTarget())
}

/** Redeploys the previously deployed SHA. 202 `{operationId, kind, image, fromSha}`; 409 when nothing to roll back to or an operation runs. */
export async function POST(request: Request) {
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await rollback(actor.data), 202)
}
