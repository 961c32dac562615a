import { createSchedule } from '@/lib/actions/schedules'
import { guardMutation } from '@/lib/auth/guard'
import { getSchedules } from '@/lib/dal/schedules'
import { jsonError, jsonResult } from '@/lib/http'

/** The portal's schedules: `{schedules:[{name, action, expression, timezone, until, state, nextRunAt, kind, description, …}], summary, activeOverrides}`. */
export async function GET() {
  return jsonResult(await getSchedules())
}

/**
 * Creates a schedule: `{action: sleep|wake|stop-database|start-database, expression, timezone?, until?, reason?, name?}`.
 * 201 `{schedule}`; 400 naming the bad field; 403 for viewers; 409 when the name is taken.
 */
export async function POST(request: Request) {
  // Role `viewer` here: the operation checks `operator` itself so that refused attempts are audited too.
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  const body: unknown = await request.json().catch(() => undefined)
  return jsonResult(await createSchedule(body, actor.data), 201)
}
