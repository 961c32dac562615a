import { latestEnvironmentJob } from '@/lib/dal/environment'
import { jsonResult } from '@/lib/http'

/** The latest sleep/wake job of this server process (`{job: null}` when none), so a reloaded page can follow it. */
export async function GET() {
  return jsonResult(await latestEnvironmentJob())
}
