import { latestEnvironmentJob } from '@/lib/actions/environment'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonOk } from '@/lib/http'

/** The latest sleep/wake job of this server process (`{job: null}` when none), so a reloaded page can follow it. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonOk({ job: latestEnvironmentJob() })
}
