import { getSetup } from '@/lib/dal/setup'
import { jsonResult } from '@/lib/http'

/** `GET /api/setup`: `{steps:[{id, title, status, evidence, action, …}]}`, the AWS setup's steps read live. */
export async function GET() {
  return jsonResult(await getSetup())
}
