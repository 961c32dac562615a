'use client'

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'

import { useDisabledReason } from '@/components/auth/actor-context'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import type { CreateAlarmsResult, PlannedAlarm } from '@/lib/domain/setup'
import { toPanelError } from '@/lib/queries/fetcher'
import { createPlannedAlarms, invalidateAfterAlarms, plannedAlarmsQuery } from '@/lib/queries/setup'

const stateLook = {
  exists: { tone: 'ok', label: 'exists' },
  ready: { tone: 'info', label: 'will be created' },
  waiting: { tone: 'idle', label: 'waits' },
} as const

const comparisonWord: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
}

/** One planned alarm's definition in words: metric, statistic, window, threshold, and whom it notifies. */
function AlarmPreview({ alarm }: { alarm: PlannedAlarm }) {
  const look = stateLook[alarm.state]
  const minutes = (alarm.periodSeconds * alarm.evaluationPeriods) / 60
  return (
    <li className="space-y-1 py-2" data-testid={`planned-${alarm.name}`} data-state={alarm.state}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono text-xs">{alarm.name}</span>
        <Badge tone={look.tone}>{look.label}</Badge>
      </div>
      <p className="text-sm">
        {alarm.label}: {alarm.statistic} of {alarm.namespace} {alarm.metricName} {comparisonWord[alarm.comparison] ?? alarm.comparison}{' '}
        {alarm.threshold.toLocaleString('en')} over {minutes} min ({alarm.evaluationPeriods} × {alarm.periodSeconds} s)
      </p>
      <p className="text-xs text-muted">
        {alarm.dimensions.map((d) => `${d.name}=${d.value}`).join(', ')} · missing data: {alarm.treatMissingData} · notifies{' '}
        {alarm.topicArn ?? 'nobody (PORTAL_ALARM_TOPIC_ARN is not set)'}
      </p>
      {alarm.note ? <p className="text-xs text-muted">{alarm.note}</p> : null}
    </li>
  )
}

function resultText(r: CreateAlarmsResult): string {
  if (r.created.length === 0)
    return `Nothing changed: ${r.unchanged.length > 0 ? `${r.unchanged.join(', ')} already exist${r.unchanged.length === 1 ? 's' : ''}` : 'no alarm was ready to create'}${r.waiting.length > 0 ? `; ${r.waiting.map((w) => w.name).join(', ')} wait${r.waiting.length === 1 ? 's' : ''} for the service` : ''}.`
  return `Created ${r.created.join(', ')}.${r.unchanged.length > 0 ? ` ${r.unchanged.join(', ')} already existed and were left as they are.` : ''}${r.waiting.length > 0 ? ` ${r.waiting.map((w) => w.name).join(', ')} wait for the service.` : ''}`
}

/** The four planned alarms previewed, and one click (operator) that creates the missing ones. */
export function AlarmsCreator() {
  const qc = useQueryClient()
  const preview = useQuery(plannedAlarmsQuery())
  const roleReason = useDisabledReason('operator')
  const create = useMutation({ mutationFn: createPlannedAlarms, onSuccess: () => invalidateAfterAlarms(qc) })
  const alarms = preview.data?.alarms ?? []
  const ready = alarms.filter((a) => a.state === 'ready')
  return (
    <section aria-label="Create the planned alarms" className="space-y-3 rounded-md border border-border p-3">
      {preview.isPending ? (
        <p className="text-sm text-muted">Reading the alarms…</p>
      ) : preview.isError && !preview.data ? (
        <p className="text-sm text-tone-warn">The preview could not be read: {toPanelError(preview.error).message}</p>
      ) : (
        <ul aria-label="The planned alarms, as they will be created" className="divide-y divide-border">
          {alarms.map((a) => (
            <AlarmPreview key={a.name} alarm={a} />
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="primary"
          onClick={() => create.mutate()}
          disabled={!!roleReason || create.isPending}
          aria-busy={create.isPending}
          title={roleReason}
          aria-describedby={roleReason ? 'alarms-role-reason' : undefined}
        >
          {create.isPending
            ? 'Creating…'
            : ready.length > 0
              ? `Create the ${ready.length === 1 ? 'missing alarm' : `${ready.length} missing alarms`}`
              : 'Create the missing alarms'}
        </Button>
        {roleReason ? (
          <span id="alarms-role-reason" className="text-xs text-muted">
            {roleReason}
          </span>
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="text-sm" data-testid="alarms-result">
        {create.isSuccess ? resultText(create.data) : create.isError ? `Not created: ${toPanelError(create.error).message}` : ''}
      </p>
    </section>
  )
}
