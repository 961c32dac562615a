import { NextResponse } from 'next/server'

/** Liveness of the portal itself (no AWS call, no sign-in). */
export function GET() {
  return NextResponse.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
}
