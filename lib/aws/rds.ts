import 'server-only'

import {
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
  type DBInstance,
  type Event,
} from '@aws-sdk/client-rds'

import { cached, invalidate } from '@/lib/cache'
import { config } from '@/lib/config'
import { isDbTransitioning, type Database, type DbEvent } from '@/lib/domain/database'
import { appError } from '@/lib/domain/errors'
import { err, ok, type Result } from '@/lib/result'

import { rdsClient } from './clients'
import { toAppError } from './errors'
import { toDatabase, toDbEvent, type DatabaseData } from './rds.mappers'
import { fresh, mapAll, plain, ttl, type ReadWindow, type Unread } from './support'

const identifier = () => config().rdsInstance
const resource = () => `RDS instance ${identifier()}`
/** DescribeEvents returns up to 100 per call; RDS keeps events for 14 days, so 10 pages is plenty. */
const MAX_EVENT_PAGES = 10
/** RDS keeps events for 14 days; asking further back only returns nothing. */
const MAX_EVENT_HOURS = 14 * 24
/** A timeline window reads at most this many pages of 100 events. */
const MAX_WINDOW_EVENT_PAGES = 5

const notFound = () => appError('not_found', `${resource()} was not found.`, { hint: 'Check APPFACTORY_RDS_INSTANCE and AWS_REGION.' })

async function loadDatabase(): Promise<Result<DatabaseData>> {
  let instance: DBInstance | undefined
  try {
    const out = await rdsClient().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier() }))
    instance = out.DBInstances?.[0]
  } catch (e: unknown) {
    return err(toAppError(e, { action: 'rds:DescribeDBInstances', resource: resource() }))
  }
  return instance ? toDatabase(instance) : err(notFound())
}

const databaseTtl = (d: DatabaseData) => (isDbTransitioning(d.status) ? ttl.statusTransitional : ttl.status)

/**
 * The RDS instance: status, endpoint, storage, security groups and, while stopped, when AWS will
 * start it again. Errors: not_found, aws_denied, aws_throttled, aws_timeout, aws_unreachable, aws_error.
 */
export async function getDatabase(): Promise<Result<Database>> {
  return fresh(await cached('rds:instance', databaseTtl, loadDatabase))
}

const newestFirst = (a: DbEvent, b: DbEvent) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0)

/**
 * The instance's RDS events between two instants, newest first, reading at most `maxPages` pages of
 * 100 (DescribeEvents pages oldest first); `more` when RDS had more than that budget.
 */
async function readEvents(StartTime: Date, EndTime: Date, maxPages: number): Promise<Result<{ events: DbEvent[]; more: boolean }>> {
  const events: Event[] = []
  let Marker: string | undefined
  let pages = 0
  try {
    do {
      const out = await rdsClient().send(
        // Without StartTime/Duration, DescribeEvents covers only the last hour.
        new DescribeEventsCommand({
          SourceType: 'db-instance',
          SourceIdentifier: identifier(),
          StartTime,
          EndTime,
          MaxRecords: 100,
          Marker,
        }),
      )
      events.push(...(out.Events ?? []))
      Marker = out.Marker
      pages += 1
    } while (Marker && pages < maxPages)
  } catch (e: unknown) {
    return err(toAppError(e, { action: 'rds:DescribeEvents', resource: resource() }))
  }
  const mapped = mapAll(events, toDbEvent)
  return mapped.ok ? ok({ events: mapped.data.sort(newestFirst), more: Boolean(Marker) }) : mapped
}

/**
 * The instance's RDS events over the last `hours` (default 7 days, at most the 14 days RDS keeps),
 * newest first. Errors: aws_denied, aws_throttled, aws_timeout, aws_unreachable, aws_error.
 */
export async function listDatabaseEvents({ hours = 24 * 7 }: { hours?: number } = {}): Promise<Result<DbEvent[]>> {
  const read = await eventsOverLast(hours)
  return read.ok ? ok(read.data.events) : read
}

/** The last `hours` of events (at most RDS's 14 days) with when the read ended and whether RDS had more; cached per span. */
async function eventsOverLast(hours: number): Promise<Result<{ events: DbEvent[]; more: boolean; to: number }>> {
  const span = Math.min(MAX_EVENT_HOURS, Math.max(1, Math.trunc(hours)))
  const load = async (): Promise<Result<{ events: DbEvent[]; more: boolean; to: number }>> => {
    const EndTime = new Date()
    const read = await readEvents(new Date(EndTime.getTime() - span * 3_600_000), EndTime, MAX_EVENT_PAGES)
    return read.ok ? ok({ ...read.data, to: EndTime.getTime() }) : read
  }
  return plain(await cached(`rds:events:${span}`, ttl.dbEvents, load))
}

/** RDS events in a window, newest first; `unread` is the newest part left unread when there were more than the page budget. */
export type DatabaseEventsIn = { events: DbEvent[]; unread: Unread | null }

/**
 * The instance's RDS events in a window (at most MAX_WINDOW_EVENT_PAGES pages), newest first, cached
 * per window so any number of viewers of it cost one read per TTL; a stop or start drops it (`rds:`
 * keys). Errors: aws_denied, aws_throttled, aws_timeout, aws_unreachable, aws_error.
 */
export async function listDatabaseEventsIn(window: ReadWindow): Promise<Result<DatabaseEventsIn>> {
  // A window that ends now is a slice of the 14 days RDS keeps, which the cost card reads too: one
  // DescribeEvents read serves both.
  const now = Date.now()
  const bounds = window.bounds(now)
  if (window.key.startsWith('live:') && bounds.from >= now - MAX_EVENT_HOURS * 3_600_000) {
    const all = await eventsOverLast(MAX_EVENT_HOURS)
    if (!all.ok) return all
    const events = all.data.events.filter((e) => {
      const t = Date.parse(e.time)
      return t >= bounds.from && t <= bounds.to
    })
    const newest = all.data.events[0]
    return ok({ events, unread: all.data.more && newest ? { from: Date.parse(newest.time), to: all.data.to } : null })
  }
  const load = async (): Promise<Result<DatabaseEventsIn>> => {
    const { from, to } = window.bounds(Date.now())
    const read = await readEvents(new Date(from), new Date(to), MAX_WINDOW_EVENT_PAGES)
    if (!read.ok) return read
    const newest = read.data.events[0]
    return ok({ events: read.data.events, unread: read.data.more && newest ? { from: Date.parse(newest.time), to } : null })
  }
  return plain(await cached(`rds:events-in:${window.key}`, ttl.dbEvents, load))
}

async function transition(
  action: 'rds:StopDBInstance' | 'rds:StartDBInstance',
  send: () => Promise<DBInstance | undefined>,
): Promise<Result<Database>> {
  try {
    const instance = await send()
    if (!instance) return err(appError('aws_error', 'AWS answered without DBInstance.'))
    const mapped = toDatabase(instance)
    return mapped.ok ? ok({ ...mapped.data, fetchedAt: new Date().toISOString(), stale: false }) : mapped
  } catch (e: unknown) {
    return err(toAppError(e, { action, resource: resource() }))
  } finally {
    // Also after a failure: InvalidDBInstanceState means our cached status was out of date.
    invalidate('rds:')
  }
}

/**
 * Stops the instance (allowed only from `available`; AWS starts it again after 7 days). Returns the
 * instance as AWS reports it right after (`stopping`). Errors: conflict (wrong state), not_found, aws_*.
 */
export const stopDatabase = (): Promise<Result<Database>> =>
  transition(
    'rds:StopDBInstance',
    async () => (await rdsClient().send(new StopDBInstanceCommand({ DBInstanceIdentifier: identifier() }))).DBInstance,
  )

/** Starts a stopped instance; returns it as AWS reports it right after (`starting`). Errors: conflict, not_found, aws_*. */
export const startDatabase = (): Promise<Result<Database>> =>
  transition(
    'rds:StartDBInstance',
    async () => (await rdsClient().send(new StartDBInstanceCommand({ DBInstanceIdentifier: identifier() }))).DBInstance,
  )
