'use client'

import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'

import { useDisabledReason } from '@/components/auth/actor-context'
import { QueryView } from '@/components/panel/query-view'
import { Badge } from '@/components/ui/badge'
import { SkeletonLines } from '@/components/ui/skeleton'
import { EmptyState, Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table'
import { actionLabels, actionWords, describeExpression } from '@/lib/domain/schedules.values'
import type { Schedule, ScheduleRun } from '@/lib/domain/schedules'
import { scheduleMutations, scheduleRunsQuery, schedulesQuery } from '@/lib/queries/schedules'

import { ConfirmAction } from './confirm-action'
import { ZonedTime } from './zoned-time'

export function ScheduleListSkeleton() {
  return <SkeletonLines lines={6} />
}

/** The portal's schedules: what, when (in words, with the time zone), next run in the viewer's zone and UTC, state, who and why. */
export function ScheduleList() {
  const schedules = useQuery(schedulesQuery())
  const runs = useQuery(scheduleRunsQuery(7))
  return (
    <QueryView query={schedules} skeleton={<ScheduleListSkeleton />}>
      {(list) =>
        list.schedules.length === 0 ? (
          <EmptyState>
            No schedules yet: the environment runs around the clock. Add one below (e.g. weekdays 20:00 sleep, 07:00 wake).
          </EmptyState>
        ) : (
          <Table>
            <caption className="sr-only">Schedules in EventBridge Scheduler group {list.group}</caption>
            <THead>
              <Tr>
                <Th>Schedule</Th>
                <Th>When</Th>
                <Th>Next run</Th>
                <Th>Last run</Th>
                <Th>State</Th>
                <Th>Who and why</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </Tr>
            </THead>
            <TBody>
              {list.schedules.map((s) => (
                <ScheduleRow key={s.name} s={s} runs={runs.data?.runs} />
              ))}
            </TBody>
          </Table>
        )
      }
    </QueryView>
  )
}

const kindLabel: Record<Schedule['kind'], string> = {
  recurring: 'recurring',
  'one-time': 'once',
  'keep-stopped': 'keep stopped',
  override: 'override',
}

function LastRun({ name, runs }: { name: string; runs: ScheduleRun[] | undefined }) {
  if (!runs) return <span className="text-muted">—</span>
  const last = runs.find((r) => r.schedules.includes(name))
  if (!last) return <span className="text-muted">none in 7 days</span>
  return (
    <span className="inline-flex flex-col gap-0.5">
      <ZonedTime iso={last.at} inline />
      {last.errors > 0 ? (
        <Badge tone="bad">
          {last.errors} of {last.attempts} failed
        </Badge>
      ) : (
        <Badge tone="ok">ran</Badge>
      )}
    </span>
  )
}

function ScheduleRow({ s, runs }: { s: Schedule; runs: ScheduleRun[] | undefined }) {
  const reason = useDisabledReason('operator')
  const enabled = s.state === 'enabled'
  return (
    <>
      <Tr data-schedule={s.name}>
        <Td>
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="font-medium" title={actionWords[s.action]}>
              {actionLabels[s.action]}
            </span>
            <Badge tone={s.kind === 'override' ? 'info' : 'idle'}>{kindLabel[s.kind]}</Badge>
          </div>
          <div className="font-mono text-xs break-all text-muted">{s.name}</div>
        </Td>
        <Td>
          <div>{s.override ? `${s.override.mode === 'awake' ? 'awake' : 'asleep'} until then` : describeExpression(s.expression)}</div>
          <div className="text-xs text-muted">{s.timezone}</div>
          {s.until ? (
            <div className="text-xs">
              until <ZonedTime iso={s.until} inline />
            </div>
          ) : null}
          {s.skippedUntil ? (
            <div className="text-xs text-tone-warn">
              held back by an override until <ZonedTime iso={s.skippedUntil} inline />
            </div>
          ) : null}
        </Td>
        <Td>
          <ZonedTime iso={s.nextRunAt} />
        </Td>
        <Td>
          <LastRun name={s.name} runs={runs} />
        </Td>
        <Td>
          <Badge tone={enabled ? 'ok' : 'idle'}>{s.state}</Badge>
        </Td>
        <Td className="max-w-64 text-sm">{s.description}</Td>
        <Td>
          <div className="flex flex-wrap justify-end gap-1.5">
            {s.kind !== 'override' ? <EditSchedule s={s} disabledReason={reason} /> : null}
            <ConfirmAction
              label={enabled ? 'Disable' : 'Enable'}
              title={`${enabled ? 'Disable' : 'Enable'} ${s.name}`}
              description={
                enabled
                  ? 'It stops running until enabled again; runs it misses are not made up.'
                  : 'It runs again from its next scheduled time.'
              }
              confirmLabel={enabled ? 'Disable' : 'Enable'}
              disabledReason={reason}
              run={() => scheduleMutations.update(s.name, { state: enabled ? 'disabled' : 'enabled' })}
              done={`${s.name} ${enabled ? 'disabled' : 'enabled'}.`}
            />
            <ConfirmAction
              label={s.kind === 'override' ? 'Cancel' : 'Delete'}
              title={s.kind === 'override' ? `Cancel override ${s.name}` : `Delete ${s.name}`}
              description={
                s.kind === 'override'
                  ? 'The override ends now: the schedules it held back run again at their next time.'
                  : `Deletes ${s.parts.map((p) => p.awsName).join(' and ')} from EventBridge Scheduler.`
              }
              confirmLabel={s.kind === 'override' ? 'Cancel override' : 'Delete'}
              variant="danger"
              disabledReason={reason}
              run={() => scheduleMutations.remove(s.name)}
              done={`${s.name} deleted.`}
            />
          </div>
        </Td>
      </Tr>
      {s.issues.length > 0 ? (
        <Tr>
          <Td colSpan={7} className="text-xs text-tone-warn">
            {s.issues.join(' ')}
          </Td>
        </Tr>
      ) : null}
    </>
  )
}

function EditSchedule({ s, disabledReason }: { s: Schedule; disabledReason: string | undefined }) {
  const [expression, setExpression] = useState(s.expression)
  const [until, setUntil] = useState(s.until ?? '')
  const [reason, setReason] = useState(s.reason ?? '')
  const change = () => {
    const body: Record<string, unknown> = {}
    if (expression.trim() !== s.expression) body.expression = expression.trim()
    if (until.trim() !== (s.until ?? '')) body.until = until.trim() === '' ? null : until.trim()
    if (reason.trim() !== (s.reason ?? '')) body.reason = reason.trim()
    return scheduleMutations.update(s.name, body)
  }
  const field = 'mt-1 w-full rounded-md border border-border bg-surface px-2 py-1.5 font-mono text-sm'
  return (
    <ConfirmAction
      label="Edit"
      title={`Edit ${s.name}`}
      description={`${actionWords[s.action]}. Times are in ${s.timezone}.`}
      confirmLabel="Save"
      disabledReason={disabledReason}
      run={change}
      done={`${s.name} changed.`}
    >
      <label className="block text-sm">
        Expression (cron, rate or at)
        <input className={field} value={expression} onChange={(e) => setExpression(e.target.value)} spellCheck={false} />
      </label>
      <label className="block text-sm">
        Until (ISO 8601 with offset; empty: no end)
        <input className={field} value={until} onChange={(e) => setUntil(e.target.value)} placeholder="2027-01-31T00:00:00Z" />
      </label>
      <label className="block text-sm">
        Reason
        <input className={field.replace('font-mono', '')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
      </label>
    </ConfirmAction>
  )
}
