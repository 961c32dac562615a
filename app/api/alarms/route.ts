import { connection } from 'next/server'

import { listAlarms } from '@/lib/dal/metrics'
import { jsonResult } from '@/lib/http'

/** `GET /api/alarms` — every AppFactory alarm with its state, reason and threshold. */
export async function GET() {
  await connection()
  return jsonResult(await listAlarms())
}
