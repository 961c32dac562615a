import { connection } from 'next/server'

import { createPlannedAlarms, previewPlannedAlarms } from '@/lib/actions/setup-alarms'
import { requireActor } from '@/lib/auth/actor'
import { guardMutation } from '@/lib/auth/guard'
import { jsonError, jsonResult } from '@/lib/http'

/** `GET /api/setup/alarms`: the four planned alarms as they would be created, and where each stands. */
export async function GET(request: Request) {
  await connection()
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await previewPlannedAlarms())
}

/** `POST /api/setup/alarms`: creates the missing planned alarms (operator). 200 `{created, unchanged, waiting}`; a second call creates nothing. */
export async function POST(request: Request) {
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await createPlannedAlarms(actor.data))
}
