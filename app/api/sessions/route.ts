import { listOpenSessions } from '@/lib/dal/sessions'
import { jsonResult } from '@/lib/http'

/** `GET /api/sessions` — every open sign-in session (admin): who, how, since when, last seen, when it ends. */
export async function GET() {
  return jsonResult(await listOpenSessions())
}
