import { NextResponse } from 'next/server'

import { auditCsv, queryAudit } from '@/lib/audit/audit'
import { requireActor } from '@/lib/auth/actor'
import { jsonError, jsonResult } from '@/lib/http'

/**
 * Audit entries, newest first: `?actor=&action=&result=ok|error|pending&limit=&before=<id>`.
 * `format=csv` returns the same page as CSV and needs the admin role (an export).
 */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams
  const isCsv = params.get('format') === 'csv'
  const actor = await requireActor(isCsv ? 'admin' : 'viewer', request)
  if (!actor.ok) return jsonError(actor.error)
  const { format: _format, ...filter } = Object.fromEntries(params)
  const page = await queryAudit(filter)
  if (!isCsv || !page.ok) return jsonResult(page)
  return new NextResponse(auditCsv(page.data.entries), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="portal-audit.csv"',
      'Cache-Control': 'no-store',
    },
  })
}
