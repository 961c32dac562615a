import { connection } from 'next/server'

import { SessionsTable } from '@/components/auth/sessions-table'
import { PanelError } from '@/components/panel/panel-error'
import { listOpenSessions } from '@/lib/dal/sessions'

/** Open sign-in sessions (admins): ending one signs that browser out on its next request. */
export async function SessionsPanel() {
  await connection()
  const sessions = await listOpenSessions()
  return sessions.ok ? <SessionsTable sessions={sessions.data.sessions} /> : <PanelError error={sessions.error} />
}
