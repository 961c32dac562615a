import { listDatabaseEvents } from '@/lib/aws/rds'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonOk } from '@/lib/http'

/** Recent RDS events of the instance, newest first. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  const events = await listDatabaseEvents()
  if (!events.ok) return jsonError(events.error)
  return jsonOk({ events: events.data, fetchedAt: new Date().toISOString() })
}
