import { runChecks } from '@/lib/dal/checks'
import { jsonError, jsonOk } from '@/lib/http'

/** Runs every troubleshooting check: `{checks: CheckResult[]}`. */
export async function GET() {
  const results = await runChecks()
  return results.ok ? jsonOk({ checks: results.data }) : jsonError(results.error)
}
