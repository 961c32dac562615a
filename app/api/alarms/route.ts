import { connection } from 'next/server'

import { requireActor } from '@/lib/auth/actor'
import { listAlarms } from '@/lib/aws/cloudwatch'
import { jsonError, jsonResult } from '@/lib/http'

/** `GET /api/alarms` — every AppFactory alarm with its state, reason and threshold. */
export async function GET(request: Request) {
  await connection()
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await listAlarms())
}
