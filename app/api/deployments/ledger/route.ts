import { listDeployments } from '@/lib/dal/deployments'
import { jsonResult } from '@/lib/http'

/** App Runner operations joined with the portal's ledger (SHA, digest, who, truthful outcome), newest first. */
export async function GET() {
  return jsonResult(await listDeployments())
}
