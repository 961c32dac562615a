import { requireActor } from '@/lib/auth/actor'
import { runAllChecks } from '@/lib/checks'
import { jsonError, jsonOk } from '@/lib/http'

/** Runs every troubleshooting check: `{checks: CheckResult[]}`. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  return jsonOk({ checks: await runAllChecks() })
}
