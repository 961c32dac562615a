import { createPlannedAlarms } from '@/lib/actions/setup-alarms'
import { guardMutation } from '@/lib/auth/guard'
import { previewPlannedAlarms } from '@/lib/dal/setup'
import { jsonError, jsonResult } from '@/lib/http'

/** `GET /api/setup/alarms`: the four planned alarms as they would be created, and where each stands. */
export async function GET() {
  return jsonResult(await previewPlannedAlarms())
}

/** `POST /api/setup/alarms`: creates the missing planned alarms (operator). 200 `{created, unchanged, waiting}`; a second call creates nothing. */
export async function POST(request: Request) {
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await createPlannedAlarms(actor.data))
}
