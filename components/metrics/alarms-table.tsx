'use client'

import { Fragment, useState } from 'react'
import { useSearchParams } from 'next/navigation'
import { useQuery } from '@tanstack/react-query'

import type { Alarm, AlarmList } from '@/lib/domain/metrics'
import { alarmHistoryQuery, alarmsQuery } from '@/lib/queries/alarms'

import { formatValue } from '@/components/charts/format'
import { PanelError } from '@/components/panel/panel-error'
import { QueryView } from '@/components/panel/query-view'
import { StatusBadge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { SkeletonLines } from '@/components/ui/skeleton'
import { NoAlarmsYet } from '@/components/setup/no-alarms-yet'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { Time } from '@/components/ui/time'

import { AlarmContextLinks } from './alarm-context'
import { alarmUnit, describeCondition } from './thresholds'

const stateLabels = { OK: 'OK', ALARM: 'In alarm', INSUFFICIENT_DATA: 'Insufficient data' } as const satisfies Record<
  Alarm['state'],
  string
>

/** Every alarm (firing first, as listAlarms orders them) with state, reason and since when; each row opens its history on demand. */
export function AlarmsTable() {
  const query = useQuery(alarmsQuery())
  return (
    <QueryView query={query} skeleton={<AlarmsTableSkeleton />}>
      {(data: AlarmList) => <AlarmRows alarms={data.alarms} />}
    </QueryView>
  )
}

function AlarmRows({ alarms }: { alarms: Alarm[] }) {
  // `?alarm=<name>` (a link from the timeline) opens that alarm's history.
  const [openName, setOpenName] = useState<string | null>(useSearchParams().get('alarm'))
  if (alarms.length === 0) return <NoAlarmsYet />
  return (
    <Table aria-label="Alarms" layout="stack">
      <THead>
        <Tr>
          <Th>Alarm</Th>
          <Th>State</Th>
          <Th>Condition</Th>
          <Th>Reason</Th>
          <Th>Since</Th>
          <Th>
            <span className="sr-only">History</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {alarms.map((a) => {
          const isOpen = openName === a.name
          const historyId = `alarm-history-${a.name}`
          const condition = a.threshold === null ? null : describeCondition(a, formatValue(a.threshold, alarmUnit(a)))
          return (
            <Fragment key={a.name}>
              <Tr id={`alarm-${a.name}`} data-alarm={a.name} data-state={a.state}>
                <Th scope="row" className="text-left font-mono text-xs wrap-anywhere max-md:basis-full">
                  {a.name}
                  {a.description ? <p className="mt-0.5 font-sans text-muted">{a.description}</p> : null}
                </Th>
                <Td>
                  <StatusBadge status={a.state} label={stateLabels[a.state]} />
                </Td>
                <Td className="text-xs md:whitespace-nowrap">{condition ?? '—'}</Td>
                <Td className="max-w-md text-xs break-words max-md:basis-full">
                  {a.reason ?? '—'}
                  <AlarmContextLinks alarm={a} className="mt-1 flex" />
                </Td>
                <Td label="Since" className="text-xs whitespace-nowrap">
                  <Time iso={a.since} />
                </Td>
                <Td>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-expanded={isOpen}
                    aria-controls={historyId}
                    onClick={() => setOpenName(isOpen ? null : a.name)}
                  >
                    {isOpen ? 'Hide history' : 'History'}
                    <span className="sr-only"> of {a.name}</span>
                  </Button>
                </Td>
              </Tr>
              {isOpen ? (
                <Tr className="max-md:block">
                  <Td colSpan={6} id={historyId} className="bg-surface-2 max-md:p-3!">
                    <AlarmHistoryList name={a.name} />
                  </Td>
                </Tr>
              ) : null}
            </Fragment>
          )
        })}
      </TBody>
    </Table>
  )
}

function AlarmHistoryList({ name }: { name: string }) {
  const query = useQuery(alarmHistoryQuery(name))
  if (query.isPending) return <SkeletonLines lines={3} />
  if (query.isError) return <PanelError error={query.error} onRetry={() => void query.refetch()} isRetrying={query.isFetching} />
  if (query.data.items.length === 0) return <EmptyState>No history for this alarm.</EmptyState>
  return (
    <ol aria-label={`History of ${name}`} className="space-y-1.5 text-xs">
      {query.data.items.map((h, i) => (
        <li key={`${h.time}-${i}`} className="flex flex-wrap gap-x-3">
          <Time iso={h.time} mode="exact" className="font-mono text-muted tabular-nums" />
          <span className="font-medium">{h.type}</span>
          <span className="min-w-0 break-words">{h.summary}</span>
        </li>
      ))}
    </ol>
  )
}

/** Placeholder for the alarms table. */
export function AlarmsTableSkeleton() {
  return <SkeletonLines lines={5} />
}
