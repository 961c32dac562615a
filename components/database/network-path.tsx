'use client'

import { useQuery } from '@tanstack/react-query'

import { ErrorFacts } from '@/components/panel/error-facts'
import { QueryView } from '@/components/panel/query-view'
import { Badge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import type { AppError } from '@/lib/domain/errors'
import type { NetworkPath } from '@/lib/domain/network'
import { describePorts } from '@/lib/domain/network.values'
import { networkPathQuery } from '@/lib/queries/database'
import type { Tone } from '@/lib/status-tone'

export function NetworkPathSkeleton() {
  return <SkeletonLines lines={6} />
}

const verdictBadge = {
  open: { tone: 'ok', label: 'open' },
  blocked: { tone: 'bad', label: 'blocked' },
  'no-connector': { tone: 'bad', label: 'no VPC connector' },
  'connector-inactive': { tone: 'bad', label: 'connector inactive' },
  'other-vpc': { tone: 'bad', label: 'different VPC' },
  unknown: { tone: 'warn', label: 'unknown' },
} as const satisfies Record<NetworkPath['verdict'], { tone: Tone; label: string }>

type GroupRef = { id: string; name: string | null }
const groupLabel = (g: GroupRef) => (g.name ? `${g.id} (${g.name})` : g.id)

function SideError({ what, error }: { what: string; error: AppError }) {
  return (
    <div role="alert" className="rounded-md border border-tone-warn/40 bg-tone-warn/10 p-2 text-xs">
      <p>
        {what} could not be read: {error.message}
      </p>
      <ErrorFacts error={error} className="mt-1" />
    </div>
  )
}

/**
 * The path from the service to its database as data: the service's VPC connector and its security
 * groups → the database's groups and every inbound rule on its port, with the verdict. What could
 * not be read is named as such (the database side is shown when the runtime cannot be read).
 */
export function NetworkPathView() {
  const query = useQuery(networkPathQuery())
  return (
    <QueryView query={query} skeleton={<NetworkPathSkeleton />}>
      {(p) => {
        const badge = verdictBadge[p.verdict]
        return (
          <div className="space-y-3 text-sm">
            <p className="flex flex-wrap items-start gap-2">
              <Badge tone={badge.tone}>{badge.label}</Badge>
              <span>{p.summary}</span>
            </p>
            <ol className="grid gap-3 md:grid-cols-[1fr_auto_1fr] md:items-start" aria-label="Network path">
              <li className="space-y-1 rounded-md border border-border p-2">
                <p className="font-medium">Service egress</p>
                {p.egress === 'unknown' ? (
                  <p className="text-muted">unknown</p>
                ) : p.egress === 'DEFAULT' ? (
                  <p>public internet (no VPC connector)</p>
                ) : p.connector ? (
                  <>
                    <p>
                      VPC connector <span className="font-mono">{p.connector.name}</span> ({p.connector.status})
                    </p>
                    <p className="font-mono text-xs break-all">
                      {p.connector.securityGroups.map(groupLabel).join(', ') || 'no security group'}
                    </p>
                  </>
                ) : (
                  <p className="text-muted">VPC connector (not readable)</p>
                )}
                {p.serviceError ? <SideError what="The service's side" error={p.serviceError} /> : null}
              </li>
              <li aria-hidden className="hidden self-center text-muted md:block">
                → TCP {p.database.port} →
              </li>
              <li className="space-y-1 rounded-md border border-border p-2">
                <p className="font-medium">
                  Database <span className="font-mono">{p.database.identifier}</span>
                </p>
                <p className="text-xs text-muted">
                  {p.database.vpcId ?? 'VPC unknown'}, port {p.database.port}
                  {p.database.publiclyAccessible ? ', publicly accessible' : ''}
                </p>
                <p className="font-mono text-xs break-all">{p.database.securityGroups.map(groupLabel).join(', ') || 'no security group'}</p>
              </li>
            </ol>
            {p.rulesError ? (
              <SideError what="The security group rules" error={p.rulesError} />
            ) : (
              <div>
                <p className="mb-1 text-xs font-medium text-muted">Inbound rules on port {p.database.port}</p>
                {p.rules.length === 0 ? (
                  <p className="text-xs">None: nothing may connect to the database on its port.</p>
                ) : (
                  <ul className="space-y-1 text-xs">
                    {p.rules.map((r, i) => (
                      <li key={`${r.groupId}-${i}`} className="font-mono break-all">
                        {r.groupId}: {describePorts(r.rule)} from{' '}
                        {r.sources.map((s, j) => (
                          <span key={s.value}>
                            {j > 0 ? ', ' : ''}
                            {s.name ? `${s.value} (${s.name})` : s.value}
                            {s.isConnector ? (
                              <Badge tone="ok" className="ml-1">
                                the service&apos;s connector
                              </Badge>
                            ) : null}
                          </span>
                        ))}
                        {r.sources.length === 0 ? 'nothing' : null}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>
        )
      }}
    </QueryView>
  )
}
