import { createOverride } from '@/lib/actions/schedules'
import { guardMutation } from '@/lib/auth/guard'
import { jsonError, jsonResult } from '@/lib/http'

/**
 * An override with an expiry: `{mode: "awake"|"asleep", until, timezone?, reason?}` — stay awake (or
 * asleep) until then; the regular runs before it are skipped. 201 `{schedule, held}`.
 */
export async function POST(request: Request) {
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  const body: unknown = await request.json().catch(() => undefined)
  return jsonResult(await createOverride(body, actor.data), 201)
}
