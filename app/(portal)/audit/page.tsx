import type { Metadata } from 'next'

import { Panel } from '@/components/panel/panel'
import { SkeletonLines } from '@/components/ui/skeleton'
import { requirePageActor } from '@/lib/auth/actor'

import { AuditPanel, type AuditSearch } from './_panels/audit-panel'
import { SessionsPanel } from './_panels/sessions-panel'

export const metadata: Metadata = { title: 'Audit log · AppFactory Portal' }

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)

/** Every attempted change: who, what, target, parameters, result, AWS request id, start and end; for admins, the open sessions. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // For people only (who sees which panel); the reads below check the actor themselves.
  const actor = await requirePageActor('viewer')
  const sp = await searchParams
  const search: AuditSearch = { actor: one(sp.actor), action: one(sp.action), result: one(sp.result), before: one(sp.before) }
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Audit log</h1>
      <Panel title="Actions, newest first" fallback={<SkeletonLines lines={8} />}>
        <AuditPanel search={search} />
      </Panel>
      {actor.role === 'admin' ? (
        <Panel title="Signed-in sessions" fallback={<SkeletonLines lines={4} />}>
          <SessionsPanel />
        </Panel>
      ) : null}
    </div>
  )
}
