import 'server-only'

import { listAlarmStateChanges } from '@/lib/aws/cloudwatch'
import type { AlarmState, AlarmStateChange } from '@/lib/domain/metrics'
import type { TimelineEvent } from '@/lib/domain/timeline'
import { ok } from '@/lib/result'

import { defineSource } from '../source'

/* Alarm state changes (CloudWatch alarm history, StateUpdate items) with old → new state and the reason. */

const stateWords = { OK: 'OK', ALARM: 'ALARM', INSUFFICIENT_DATA: 'INSUFFICIENT_DATA' } as const satisfies Record<AlarmState, string>

/** The `/metrics` URL that opens an alarm's row and history. */
export const alarmHref = (name: string): string => `/metrics?alarm=${encodeURIComponent(name)}#alarm-${encodeURIComponent(name)}`

/** One state change → its timeline event. */
export function alarmEvent(c: AlarmStateChange): TimelineEvent {
  const from = c.from ? stateWords[c.from] : '?'
  const to = c.to ? stateWords[c.to] : '?'
  return {
    id: `alarm:${c.alarmName}:${c.time}:${to}`,
    at: c.time,
    kind: 'alarm',
    title: `${c.alarmName}: ${from} → ${to}`,
    detail: c.reason,
    link: alarmHref(c.alarmName),
    ...(c.to ? { state: c.to } : {}),
  }
}

export const alarmSource = defineSource({
  id: 'cloudwatch',
  label: 'CloudWatch alarm history',
  kinds: ['alarm'],
  async read(window) {
    const changes = await listAlarmStateChanges(window.read)
    if (!changes.ok) return changes
    return ok({ events: changes.data.changes.map(alarmEvent), unread: changes.data.unread })
  },
})
