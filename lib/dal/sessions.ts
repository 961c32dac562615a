import 'server-only'

import { isSessionOpen } from '@/lib/auth/verify'
import { toSessionInfo } from '@/lib/auth/session-handle'
import { listSessions } from '@/lib/auth/session-store'
import { config } from '@/lib/config'
import type { SessionList } from '@/lib/domain/auth'
import { ok, type Result } from '@/lib/result'

import { authorized } from './access'

/** Every open sign-in session, most recently active first (handles, never session ids). Role: admin. */
export const listOpenSessions = authorized('admin', async (): Promise<Result<SessionList>> => {
  const now = new Date()
  const idle = config().sessionIdleMinutes
  const open = (await listSessions(now)).filter((s) => isSessionOpen(s, now, idle))
  return ok({ sessions: open.map((s) => toSessionInfo(s, idle)) })
})
