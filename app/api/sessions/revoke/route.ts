import { revokeSessions } from '@/lib/actions/sessions'
import { guardMutation } from '@/lib/auth/guard'
import { jsonError, jsonResult } from '@/lib/http'
import { readJsonBody } from '@/lib/http-body'

/** `POST /api/sessions/revoke` `{"session": "<handle>"}` or `{"userId": "…"}` — ends sessions at once (admin). 200 `{revoked}`. */
export async function POST(request: Request) {
  // Role `viewer` here: the operation checks `admin` itself so that refused attempts are audited too.
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  const body = await readJsonBody(request)
  if (!body.ok) return jsonError(body.error)
  return jsonResult(await revokeSessions(body.data, actor.data))
}
