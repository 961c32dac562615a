import { previewDeployment } from '@/lib/actions/deployment-reads'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'

/** What deploying `?sha=` would do: from → to, compare link, findings, whether an override is needed. Reads only. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  const sha = new URL(request.url).searchParams.get('sha') ?? undefined
  return jsonResult(await previewDeployment({ sha }, actor.data))
}
