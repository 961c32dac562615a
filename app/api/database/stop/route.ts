import { stopDatabase } from '@/lib/actions/database'
import { guardMutation } from '@/lib/auth/guard'
import { jsonError, jsonResult } from '@/lib/http'

/** Stops the RDS instance. 202 `{status, identifier}`; 409 naming the actual state when AWS would refuse. */
export async function POST(request: Request) {
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await stopDatabase(actor.data), 202)
}
