import { previewDeployment } from '@/lib/dal/deployments'
import { jsonResult } from '@/lib/http'

/** What deploying `?sha=` would do: from → to, compare link, findings, whether an override is needed. Reads only. */
export async function GET(request: Request) {
  const sha = new URL(request.url).searchParams.get('sha') ?? undefined
  return jsonResult(await previewDeployment({ sha }))
}
