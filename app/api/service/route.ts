import { getService } from '@/lib/dal/service'
import { jsonResult } from '@/lib/http'

/** The service the runtime runs: status, deployed image and SHA, sizing, egress, env var names (values redacted). */
export async function GET() {
  return jsonResult(await getService())
}
