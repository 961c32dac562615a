import { getEnvironmentJob } from '@/lib/actions/environment'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'

/** A sleep/wake job with the live status of each step. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  const { id } = await params
  return jsonResult(getEnvironmentJob(id))
}
