import { getEnvironmentJob } from '@/lib/dal/environment'
import { jsonResult } from '@/lib/http'

/** A sleep/wake job with the live status of each step. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  return jsonResult(await getEnvironmentJob(id))
}
