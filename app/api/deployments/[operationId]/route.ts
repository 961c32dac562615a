import { getDeploymentProgress } from '@/lib/actions/deployment-reads'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'

/** One deployment followed live: status, truthful outcome, failure reason, and the health probe once it ended. */
export async function GET(request: Request, { params }: { params: Promise<{ operationId: string }> }) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  const { operationId } = await params
  return jsonResult(await getDeploymentProgress(operationId))
}
