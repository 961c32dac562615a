import { NextResponse } from 'next/server'

import { exportAuditCsv, queryAudit } from '@/lib/dal/audit'
import { jsonError, jsonResult } from '@/lib/http'

/**
 * Audit entries, newest first: `?actor=&action=&result=ok|error|pending&limit=&before=<id>`.
 * `format=csv` returns the same page as CSV and needs the admin role (an export).
 */
export async function GET(request: Request) {
  const { format, ...filter } = Object.fromEntries(new URL(request.url).searchParams)
  if (format !== 'csv') return jsonResult(await queryAudit(filter))
  const csv = await exportAuditCsv(filter)
  if (!csv.ok) return jsonError(csv.error)
  return new NextResponse(csv.data, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="portal-audit.csv"',
      'Cache-Control': 'no-store',
    },
  })
}
