import { NextResponse } from 'next/server'

import { requireActor } from '@/lib/auth/actor'
import { jsonError } from '@/lib/http'
import { metricsText } from '@/lib/metrics'

/** The portal's own metrics in the Prometheus text format, for a scraper holding a viewer token. */
export async function GET(request: Request) {
  const actor = await requireActor('viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  const { contentType, body } = await metricsText()
  return new NextResponse(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } })
}
