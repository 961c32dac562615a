import 'server-only'

import { listDatabaseEventsIn } from '@/lib/aws/rds'
import { config } from '@/lib/config'
import type { DbEvent } from '@/lib/domain/database'
import type { TimelineEvent } from '@/lib/domain/timeline'
import { ok } from '@/lib/result'

import { defineSource } from '../source'

/* RDS events of the instance: stops, starts, automatic restarts, backups, failures. */

/**
 * Whether an RDS event stopped or started the instance (its message, as RDS words them: "DB instance
 * shutdown", "DB instance stopped", "DB instance is being started", "DB instance started", the
 * automatic restart after seven days, "DB instance restarted"); null for any other event.
 */
export function powerOf(message: string): 'stop' | 'start' | null {
  const m = message.toLowerCase()
  // Start first: the automatic restart's message also says "being stopped" (for too long).
  if (/\b(started|restarted|rebooted|starting)\b/.test(m)) return 'start'
  if (/\b(shutdown|stopped|stopping)\b/.test(m)) return 'stop'
  return null
}

/** One RDS event → its timeline event. */
export function databaseEvent(e: DbEvent, instance: string): TimelineEvent {
  const power = powerOf(e.message)
  const failure = e.categories.includes('failure')
  return {
    id: `database:${e.time}:${e.message}`,
    at: e.time,
    kind: 'database',
    title: `${instance}: ${e.message}`,
    detail: e.categories.length > 0 ? `RDS event (${e.categories.join(', ')})` : 'RDS event',
    ...(failure ? { outcome: 'failed' as const } : {}),
    link: '/database',
    ...(power ? { power } : {}),
  }
}

export const databaseSource = defineSource({
  id: 'rds',
  label: 'RDS events',
  kinds: ['database'],
  async read(window) {
    const events = await listDatabaseEventsIn(window.read)
    if (!events.ok) return events
    const instance = config().rdsInstance
    return ok({ events: events.data.events.map((e) => databaseEvent(e, instance)), unread: events.data.unread })
  },
})
