'use client'

import { useState } from 'react'
import { useRouter } from 'next/navigation'

import { Button } from '@/components/ui/button'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import type { SessionInfo } from '@/lib/domain/auth'
import { apiPost, toPanelError } from '@/lib/queries/fetcher'

/** Open sign-in sessions for an admin, each with "End session" and "End all of <person>" (take effect at once). */
export function SessionsTable({ sessions }: { sessions: SessionInfo[] }) {
  const router = useRouter()
  const [busy, setBusy] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const handleRevoke = async (key: string, body: { session: string } | { userId: string }, what: string) => {
    setBusy(key)
    setMessage(null)
    try {
      const r = await apiPost<{ revoked: number }>(
        '/api/sessions/revoke',
        body,
        import('@/lib/domain/auth').then((m) => m.revokeSessionsResultSchema),
      )
      setMessage(`Ended ${r.revoked} session${r.revoked === 1 ? '' : 's'} of ${what}.`)
      router.refresh()
    } catch (e: unknown) {
      setMessage(toPanelError(e).message)
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className="space-y-2">
      <p aria-live="polite" className="text-sm">
        {message}
      </p>
      {sessions.length === 0 ? (
        <EmptyState>Nobody is signed in with a session (automation tokens have none).</EmptyState>
      ) : (
        <Table aria-label="Open sessions" layout="stack">
          <THead>
            <Tr>
              <Th>Who</Th>
              <Th>Signed in with</Th>
              <Th>Since</Th>
              <Th>Last seen</Th>
              <Th>Ends</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {sessions.map((s) => (
              <Tr key={s.handle}>
                <Td title={s.userId} className="max-md:basis-full max-md:font-medium">
                  {s.name}
                </Td>
                <Td label="Signed in with">
                  {s.provider}
                  {s.clientAddress ? <span className="block font-mono text-xs text-muted">{s.clientAddress}</span> : null}
                </Td>
                <Td label="Since" className="whitespace-nowrap">
                  <Time iso={s.createdAt} mode="exact" />
                </Td>
                <Td label="Last seen" className="whitespace-nowrap">
                  <Time iso={s.lastSeenAt} mode="both" />
                </Td>
                <Td label="Ends" className="whitespace-nowrap">
                  <Time iso={s.endsAt} mode="exact" />
                </Td>
                <Td className="flex flex-wrap gap-2 max-md:basis-full">
                  <Button
                    size="sm"
                    variant="danger"
                    disabled={busy !== null}
                    aria-busy={busy === s.handle}
                    onClick={() => void handleRevoke(s.handle, { session: s.handle }, s.name)}
                  >
                    End session
                  </Button>
                  <Button
                    size="sm"
                    disabled={busy !== null}
                    aria-busy={busy === s.userId}
                    onClick={() => void handleRevoke(s.userId, { userId: s.userId }, s.name)}
                  >
                    End all of {s.name}
                  </Button>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  )
}
