import { connection } from 'next/server'

import { getTimeline } from '@/lib/dal/timeline'
import { jsonResult } from '@/lib/http'

/**
 * `GET /api/timeline?since=&until=&kinds=` — every change in the window, newest first, with the sources
 * that could not be read (`missing`) and the parts of the window a source did not reach (`more`).
 * `since`: ISO-8601 or a duration back from now (`1h`, default); `until`: ISO-8601 (default now);
 * `kinds`: comma-separated (default all). 400 for a malformed or reversed window or one over 14 days.
 */
export async function GET(request: Request) {
  await connection()
  const p = new URL(request.url).searchParams
  return jsonResult(await getTimeline({ since: p.get('since'), until: p.get('until'), kinds: p.get('kinds') }))
}
