'use client'

import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'

import { QueryView } from '@/components/panel/query-view'
import { DeployedImage } from '@/components/service/service-summary'
import { Badge, StatusBadge } from '@/components/ui/badge'
import { DescriptionList } from '@/components/ui/description-list'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { Time } from '@/components/ui/time'
import { Identifier } from '@/components/ui/identifier'
import type { Service } from '@/lib/domain/service'
import { serviceQuery } from '@/lib/queries/service'

export function ServiceConfigSkeleton() {
  return <SkeletonLines lines={12} />
}

const orDash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v))

function healthCheck(s: Service): string {
  const h = s.healthCheck
  const parts = [
    h.protocol + (h.path ? ` ${h.path}` : ''),
    h.intervalSeconds !== null ? `every ${h.intervalSeconds}s` : null,
    h.timeoutSeconds !== null ? `timeout ${h.timeoutSeconds}s` : null,
    h.healthyThreshold !== null ? `healthy after ${h.healthyThreshold}` : null,
    h.unhealthyThreshold !== null ? `unhealthy after ${h.unhealthyThreshold}` : null,
  ]
  return parts.filter(Boolean).join(', ')
}

/** The service's configuration: image, port, size, scaling, health check, egress, env var names. */
export function ServiceConfig({ githubRepo, actions }: { githubRepo: string; actions?: ReactNode }) {
  const query = useQuery(serviceQuery())
  return (
    <QueryView query={query} skeleton={<ServiceConfigSkeleton />} toolbar={actions}>
      {(s) => (
        <div className="space-y-4">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={s.status} />
            <span className="font-mono text-sm">{s.name}</span>
          </div>
          <DescriptionList
            items={[
              { label: 'Deployed SHA', value: <DeployedImage service={s} repo={githubRepo} /> },
              { label: 'Image', value: s.imageIdentifier ? <Identifier value={s.imageIdentifier} name="image URI" /> : '—' },
              { label: 'Auto deployments', value: s.autoDeploymentsEnabled ? 'on' : 'off' },
              { label: 'Port', value: orDash(s.port) },
              { label: 'Instance size', value: `${orDash(s.cpu)} CPU · ${orDash(s.memory)} memory` },
              {
                label: 'Auto scaling',
                value: `${orDash(s.autoScaling.name)}: ${orDash(s.autoScaling.minSize)}–${orDash(s.autoScaling.maxSize)} instances, ${orDash(s.autoScaling.maxConcurrency)} concurrent requests each`,
              },
              { label: 'Health check', value: healthCheck(s) },
              {
                label: 'Egress',
                value:
                  s.egress.type === 'VPC' ? (
                    <span>
                      VPC via connector{' '}
                      {s.egress.vpcConnectorArn ? <Identifier value={s.egress.vpcConnectorArn} name="VPC connector ARN" /> : '—'}
                    </span>
                  ) : (
                    'Default (public internet)'
                  ),
              },
              { label: 'Created', value: <Time iso={s.createdAt} mode="both" /> },
              { label: 'Updated', value: <Time iso={s.updatedAt} mode="both" /> },
            ]}
          />
          <section aria-label="Environment variables">
            <h3 className="mb-1 text-sm font-medium">Environment variables</h3>
            {s.env.length === 0 ? (
              <EmptyState>No environment variables are set.</EmptyState>
            ) : (
              <Table>
                <THead>
                  <Tr>
                    <Th>Name</Th>
                    <Th>Source</Th>
                    <Th>Value</Th>
                  </Tr>
                </THead>
                <TBody>
                  {s.env.map((v) => (
                    <Tr key={v.name}>
                      <Td className="font-mono text-xs">{v.name}</Td>
                      <Td>
                        <Badge tone={v.source === 'secret' ? 'info' : 'idle'}>{v.source === 'secret' ? 'secret' : 'plain'}</Badge>
                      </Td>
                      {/* Values arrive already redacted by lib/aws (lib/redact): credentials and secret-named values are ****. */}
                      <Td className="font-mono text-xs break-all">
                        {v.value}
                        {v.isRedacted ? (
                          <Badge tone="idle" className="ml-2">
                            redacted
                          </Badge>
                        ) : null}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            )}
          </section>
        </div>
      )}
    </QueryView>
  )
}
