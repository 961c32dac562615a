import { runCheck } from '@/lib/dal/checks'
import { jsonError, jsonOk } from '@/lib/http'

/** Runs one troubleshooting check: `{checks: [CheckResult]}`; 404 for an unknown id. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const result = await runCheck((await params).id)
  return result.ok ? jsonOk({ checks: [result.data] }) : jsonError(result.error)
}
