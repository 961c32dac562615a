import { requireActor } from '@/lib/auth/actor'
import { runCheck } from '@/lib/checks'
import { jsonError, jsonOk } from '@/lib/http'

/** Runs one troubleshooting check: `{checks: [CheckResult]}`; 404 for an unknown id. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  const result = await runCheck((await params).id)
  return result.ok ? jsonOk({ checks: [result.data] }) : jsonError(result.error)
}
