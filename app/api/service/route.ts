import { runtime } from '@/lib/aws/runtime'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'

/** The service the runtime runs: status, deployed image and SHA, sizing, egress, env var names (values redacted). */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await runtime.getService())
}
