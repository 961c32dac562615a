import { getDatabase } from '@/lib/aws/rds'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'

/** The RDS instance. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await getDatabase())
}
