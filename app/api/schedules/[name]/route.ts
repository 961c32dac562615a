import { deleteSchedule, updateSchedule } from '@/lib/actions/schedules'
import { guardMutation } from '@/lib/auth/guard'
import { jsonError, jsonResult } from '@/lib/http'

type Params = { params: Promise<{ name: string }> }

/** Changes a schedule: any of `{state: enabled|disabled, expression, timezone, until (null removes it), reason}`. 200 `{schedule}`. */
export async function PATCH(request: Request, { params }: Params) {
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  const body: unknown = await request.json().catch(() => undefined)
  return jsonResult(await updateSchedule((await params).name, body, actor.data))
}

/** Deletes a schedule with all its parts (an override's held-back runs happen again). 200 `{deleted, released}`. */
export async function DELETE(request: Request, { params }: Params) {
  const actor = await guardMutation(request, 'viewer')
  if (!actor.ok) return jsonError(actor.error)
  return jsonResult(await deleteSchedule((await params).name, actor.data))
}
