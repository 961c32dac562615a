import { connection } from 'next/server'

import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'
import { getSetup } from '@/lib/setup'

/** `GET /api/setup`: `{steps:[{id, title, status, evidence, action, …}]}`, the AWS setup's steps read live. */
export async function GET(request: Request) {
  await connection()
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await getSetup())
}
