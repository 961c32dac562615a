import { NextResponse } from 'next/server'

import { getPrometheusText } from '@/lib/dal/prometheus'
import { jsonError } from '@/lib/http'

/** The portal's own metrics in the Prometheus text format, for a scraper holding a viewer token. */
export async function GET() {
  const text = await getPrometheusText()
  if (!text.ok) return jsonError(text.error)
  return new NextResponse(text.data.body, { headers: { 'Content-Type': text.data.contentType, 'Cache-Control': 'no-store' } })
}
