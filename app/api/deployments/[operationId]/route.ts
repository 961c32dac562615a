import { getDeploymentProgress } from '@/lib/dal/deployments'
import { jsonResult } from '@/lib/http'

/** One deployment followed live: status, truthful outcome, failure reason, and the health probe once it ended. */
export async function GET(_request: Request, { params }: { params: Promise<{ operationId: string }> }) {
  const { operationId } = await params
  return jsonResult(await getDeploymentProgress(operationId))
}
