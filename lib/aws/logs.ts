import 'server-only'

import { DescribeLogGroupsCommand, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs'

import { cached } from '@/lib/cache'
import { config } from '@/lib/config'
import { appError } from '@/lib/domain/errors'
import { logStreamKindSchema, type LogEvent, type LogPage, type LogStreamKind } from '@/lib/domain/logs'
import { isNotCreated, notCreated, type NotCreated } from '@/lib/domain/setup.values'
import { err, ok, type Result } from '@/lib/result'

import { logsClient } from './clients'
import { toAppError } from './errors'
import { toLogEvent } from './logs.mappers'
import { runtime } from './runtime'
import { badCursor, decodeCursor, encodeCursor, fresh, mapAll, plain, ttl } from './support'

/** FilterLogEvents returns at most 10,000 events per call; a page read makes at most this many calls. */
const MAX_CALLS_PER_PAGE = 20
const EVENTS_PER_CALL = 10_000
/** The first (newest) window scanned for a page; it grows ×4 until the page is full or `since` is reached. */
const FIRST_WINDOW_MS = 5 * 60_000
const DEFAULT_SINCE = '1h'
const MAX_LIMIT = 1000
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const

export type ListLogEventsInput = {
  stream: LogStreamKind
  /** ISO-8601 time, or relative like `15m`, `1h`, `24h`, `7d` (default 1h). */
  since?: string | null
  /** Free text (searched as a phrase) or a CloudWatch filter pattern (`{ $.level = "error" }`, `[...]`, `"…"`, `?a ?b`, `%regex%`). */
  filter?: string | null
  /** ISO-8601 time the window ends at (default now): the logs at a given time. */
  until?: string | null
  cursor?: string | null
  limit?: number
}

/** Epoch ms for `since`, or null when it is neither ISO-8601 nor `<n>m|h|d`. */
export function parseSince(since: string, now: number): number | null {
  const rel = since.trim().match(/^(\d{1,5})\s*([mhd])$/)
  if (rel?.[1] && rel[2]) return now - Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS]
  if (!/^\d{4}-\d{2}-\d{2}T/.test(since)) return null
  const t = Date.parse(since)
  return Number.isFinite(t) ? t : null
}

/**
 * A CloudWatch Logs filter pattern for what the user typed. Text that already is a pattern (JSON
 * `{…}`, space-delimited `[…]`, a quoted term, `?` OR-terms, `%regex%`) is passed through; anything
 * else is quoted, so `connection refused` finds that phrase instead of lines holding both words.
 */
export function toFilterPattern(filter: string | null | undefined): string | undefined {
  const text = filter?.trim()
  if (!text) return undefined
  if (/^[{["?%]/.test(text)) return text
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

type Scan = { events: FilteredLogEvent[]; calls: number }

/** All events in [startTime, endTime) (oldest first), following nextToken until done or out of calls. */
async function scanWindow(
  logGroupName: string,
  startTime: number,
  endTime: number,
  filterPattern: string | undefined,
  callsLeft: number,
): Promise<Scan> {
  const events: FilteredLogEvent[] = []
  let nextToken: string | undefined
  let calls = 0
  do {
    const out = await logsClient().send(
      new FilterLogEventsCommand({ logGroupName, startTime, endTime, filterPattern, limit: EVENTS_PER_CALL, nextToken }),
    )
    events.push(...(out.events ?? []))
    nextToken = out.nextToken
    calls += 1
  } while (nextToken && calls < callsLeft)
  return { events, calls }
}

type PageData = Omit<LogPage, 'fetchedAt' | 'stale'>

/**
 * Reads the newest `limit` events in [sinceMs, beforeMs). FilterLogEvents only reads forwards (oldest
 * first) and its `limit` keeps the oldest events, so the page is found from the end: scan the last
 * 5 minutes, and if that holds fewer than `limit` events, the 20 minutes before it, then 80, … until
 * the page is full or `since` is reached. The cursor is the timestamp of the oldest event shown
 * (exclusive end of the next page); all events sharing that millisecond go on the same page so none
 * is skipped. Bounded by MAX_CALLS_PER_PAGE: past it, what was read is treated as complete.
 */
async function loadPage(
  logGroup: string,
  sinceMs: number,
  beforeMs: number,
  filterPattern: string | undefined,
  limit: number,
): Promise<Result<PageData>> {
  let collected: FilteredLogEvent[] = []
  let end = beforeMs
  let windowMs = FIRST_WINDOW_MS
  let calls = 0
  let scannedFrom = beforeMs
  try {
    while (end > sinceMs && calls < MAX_CALLS_PER_PAGE && collected.length < limit) {
      const start = Math.max(sinceMs, end - windowMs)
      const scan = await scanWindow(logGroup, start, end, filterPattern, MAX_CALLS_PER_PAGE - calls)
      calls += scan.calls
      collected = [...scan.events, ...collected]
      scannedFrom = start
      end = start
      windowMs *= 4
    }
  } catch (e: unknown) {
    return err(toAppError(e, { action: 'logs:FilterLogEvents', resource: `log group ${logGroup}` }))
  }
  const ts = (e: FilteredLogEvent) => e.timestamp ?? 0
  collected.sort((a, b) => ts(a) - ts(b))
  let page = collected
  let nextBefore: number | null = scannedFrom > sinceMs ? scannedFrom : null
  if (collected.length > limit) {
    const boundary = ts(collected[collected.length - limit] ?? {})
    page = collected.filter((e) => ts(e) >= boundary)
    nextBefore = boundary > sinceMs ? boundary : null
  }
  const events = mapAll(page.reverse(), toLogEvent)
  if (!events.ok) return events
  return ok({ logGroup, events: events.data, nextCursor: nextBefore === null ? null : encodeCursor({ b: nextBefore }) })
}

const MAX_GROUP_PAGES = 10

/**
 * The runtime's log groups found by name alone: DescribeLogGroups with the runtime's prefix for the
 * service's name (`/aws/apprunner/<name>/`), each parsed into its service id and stream. Cached like
 * configuration. Errors: aws_*.
 */
async function findLogGroups(
  serviceName: string,
): Promise<Result<{ name: string; serviceId: string; stream: LogStreamKind; createdAt: number }[]>> {
  const load = async () => {
    const found: { name: string; serviceId: string; stream: LogStreamKind; createdAt: number }[] = []
    let nextToken: string | undefined
    let pages = 0
    try {
      do {
        const out = await logsClient().send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: runtime.logGroupPrefix(serviceName), nextToken }),
        )
        for (const g of out.logGroups ?? []) {
          const parsed = g.logGroupName ? runtime.parseLogGroupName(g.logGroupName) : null
          if (g.logGroupName && parsed?.serviceName === serviceName)
            found.push({ name: g.logGroupName, serviceId: parsed.serviceId, stream: parsed.stream, createdAt: g.creationTime ?? 0 })
        }
        nextToken = out.nextToken
        pages += 1
      } while (nextToken && pages < MAX_GROUP_PAGES)
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'logs:DescribeLogGroups', resource: `log groups ${runtime.logGroupPrefix(serviceName)}*` }))
    }
    return ok(found)
  }
  return plain(await cached(`logs:groups:${serviceName}`, ttl.configuration, load))
}

/**
 * The runtime's log group for `kind`: named from the service's (cached) identity; when that cannot be
 * read (the runtime's API refuses or fails), found in CloudWatch Logs by the service's name, so logs
 * never depend on the runtime's API. Of several services with that name (re-created), the newest.
 * NotCreated when the runtime answers that the service does not exist.
 */
async function logGroupName(kind: LogStreamKind): Promise<Result<string | NotCreated>> {
  const service = await runtime.getIdentity()
  if (service.ok) {
    const identity = service.data
    if (isNotCreated(identity)) return ok(notCreated(`The ${kind} log of ${identity.resource}`, 'runtime-service'))
    return ok(runtime.logGroupName(identity, kind))
  }
  const name = config().appRunnerService
  const groups = await findLogGroups(name)
  if (!groups.ok) return groups
  const newest = groups.data.filter((g) => g.stream === kind).sort((a, b) => b.createdAt - a.createdAt)[0]
  if (newest) return ok(newest.name)
  return err(
    appError(
      'not_found',
      `No ${kind} log group of ${runtime.label} service ${name} exists (${runtime.logGroupPrefix(name)}…), and the service itself could not be read: ${service.error.message}`,
      {
        hint: service.error.hint ?? 'Check APPFACTORY_APPRUNNER_SERVICE and AWS_REGION.',
        ...(service.error.httpStatus !== undefined ? { httpStatus: service.error.httpStatus } : {}),
        ...(service.error.requestId ? { requestId: service.error.requestId } : {}),
      },
    ),
  )
}

/** A log group CloudWatch does not have (yet): the service creates its groups when it is created. */
function absentGroup<T>(r: Result<T>, group: string): Result<T | NotCreated> {
  return !r.ok && r.error.code === 'not_found' ? ok(notCreated(`Log group ${group}`, 'runtime-service')) : r
}

/**
 * One page of the service's `application` or `service` log, newest event first, optionally
 * filtered and ending at `until`; `nextCursor` continues with older events. Messages and JSON fields
 * are redacted. NotCreated while the service, or its log group, does not exist. Errors: invalid_input
 * (stream, since, until, cursor), aws_*.
 */
export async function listLogEvents(input: ListLogEventsInput): Promise<Result<LogPage | NotCreated>> {
  const stream = logStreamKindSchema.safeParse(input.stream)
  if (!stream.success) return err(appError('invalid_input', 'The log stream is application or service.'))
  const since = input.since?.trim() || DEFAULT_SINCE
  if (parseSince(since, Date.now()) === null) {
    return err(appError('invalid_input', 'Since is an ISO-8601 time or a relative time such as 15m, 1h, 24h or 7d.'))
  }
  let before: number | null = null
  if (input.cursor) {
    const c = decodeCursor(input.cursor)
    if (!c || typeof c.b !== 'number') return err(badCursor())
    before = c.b
  }
  const until = input.until?.trim() || null
  const untilMs = until === null ? null : Date.parse(until)
  if (untilMs !== null && (!Number.isFinite(untilMs) || !/^\d{4}-\d{2}-\d{2}T/.test(until ?? ''))) {
    return err(appError('invalid_input', 'Until is an ISO-8601 time such as 2026-03-02T14:00:00Z.'))
  }
  if (untilMs !== null && (parseSince(since, Date.now()) ?? 0) >= untilMs) {
    return err(
      appError('invalid_input', 'The time range is reversed: since is not before until.', { hint: 'Give a since earlier than until.' }),
    )
  }
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.trunc(input.limit ?? 100)))
  const filterPattern = toFilterPattern(input.filter)
  const group = await logGroupName(stream.data)
  if (!group.ok) return group
  if (isNotCreated(group.data)) return ok(group.data)
  const name = group.data
  const key = `logs:${stream.data}:${since}:${until ?? ''}:${input.filter ?? ''}:${input.cursor ?? ''}:${limit}`
  const page = fresh(
    await cached(key, ttl.logs, () => {
      const now = Date.now()
      const end = Math.min(before ?? now + 1, untilMs === null ? now + 1 : untilMs + 1)
      return loadPage(name, parseSince(since, now) ?? now, end, filterPattern, limit)
    }),
  )
  return absentGroup(page, name)
}

const OPERATION_ID = /^[A-Za-z0-9-]{1,64}$/
const MAX_DEPLOYMENT_LOG_CALLS = 10

/**
 * The log the runtime writes for one operation (App Runner: stream `deployment/<operationId>` in the
 * service log group), oldest first, redacted. Errors: invalid_input, not_found, aws_*.
 */
export async function getDeploymentLog(operationId: string): Promise<Result<LogEvent[]>> {
  if (!OPERATION_ID.test(operationId)) return err(appError('invalid_input', 'An operation id is a UUID such as 0f1e2d3c-….'))
  const found = await logGroupName('service')
  if (!found.ok) return found
  if (isNotCreated(found.data))
    return err(appError('not_found', `${found.data.resource} does not exist, so operation ${operationId} has no log.`))
  const group = { data: found.data }
  const load = async (): Promise<Result<LogEvent[]>> => {
    const events: FilteredLogEvent[] = []
    let nextToken: string | undefined
    let calls = 0
    try {
      do {
        const out = await logsClient().send(
          new FilterLogEventsCommand({ logGroupName: group.data, logStreamNames: [runtime.deploymentLogStream(operationId)], nextToken }),
        )
        events.push(...(out.events ?? []))
        nextToken = out.nextToken
        calls += 1
      } while (nextToken && calls < MAX_DEPLOYMENT_LOG_CALLS)
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'logs:FilterLogEvents', resource: `deployment log ${operationId}` }))
    }
    return mapAll(events, toLogEvent)
  }
  return plain(await cached(`logs:deployment:${operationId}`, ttl.logs, load))
}
