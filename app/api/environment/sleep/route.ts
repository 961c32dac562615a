import { sleepEnvironment } from '@/lib/actions/environment'
import { guardMutation } from '@/lib/auth/guard'
import { jsonError, jsonResult } from '@/lib/http'

/** Starts the environment sleep job. 202 with the job: its id and the steps it will take (follow it at /api/environment/jobs/<id>). */
export async function POST(request: Request) {
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await sleepEnvironment(actor.data), 202)
}
