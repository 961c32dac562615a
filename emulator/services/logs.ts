/**
 * CloudWatch Logs (signing name `logs`): JSON 1.1, camelCase members, times in epoch milliseconds.
 * DescribeLogGroups, DescribeLogStreams, FilterLogEvents, GetLogEvents.
 */
import { bool, isRecord, num, str, strings } from '../core/input'
import { decodeOffset, decodeToken, encodeToken } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import { compileFilterPattern, FilterPatternError, type EventMatcher } from '../world/filter-pattern'
import {
  EVENT_ID_LENGTH,
  groupStoredBytes,
  lowerBound,
  lowerBoundId,
  upperBoundId,
  type LogGroupState,
  type LogStreamState,
} from '../world/log-store'
import { syncApplicationLogs } from '../world/log-traffic'
import type { LogEventState } from '../world/shapes'

const invalid = (message: string) => new AwsError('InvalidParameterException', message, 400)
const invalidToken = () => invalid('The specified nextToken is invalid.')
const groupNotFound = () => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.', 400)
const streamNotFound = () => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.', 400)

/** Each returned event counts its UTF-8 message plus 26 bytes towards the 1 MB page limit. */
const PAGE_BYTES = 1_048_576
const eventBytes = (e: LogEventState) => Buffer.byteLength(e.message) + 26

const groupArn = (ctx: HandlerContext, name: string) => `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`

/** `logGroupName` or `logGroupIdentifier` (a name or an ARN, with or without `:*`), exactly one. */
function resolveGroup(input: Input, ctx: HandlerContext): LogGroupState {
  const name = str(input.logGroupName)
  const identifier = str(input.logGroupIdentifier)
  if (name !== undefined && identifier !== undefined) throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.')
  let groupName = name
  if (identifier !== undefined) {
    const m = identifier.match(/^arn:aws[\w-]*:logs:[^:]*:\d{12}:log-group:(.+?)(:\*)?$/)
    groupName = m ? m[1] : identifier
  }
  if (groupName === undefined) throw invalid('Either logGroupName or logGroupIdentifier must be specified.')
  const group = ctx.world?.logs.getGroup(groupName)
  if (!group) throw groupNotFound()
  return group
}

// ------------------------------------------------------------------ DescribeLogGroups / DescribeLogStreams

const isAfter = (v: unknown): v is { after: string } => isRecord(v) && typeof v.after === 'string'

const describeLogGroups: Handler = (input, ctx) => {
  const prefix = str(input.logGroupNamePrefix)
  const pattern = str(input.logGroupNamePattern)
  const identifiers = strings(input.logGroupIdentifiers)
  if (prefix !== undefined && pattern !== undefined)
    throw invalid('LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.')
  if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined)) {
    throw invalid('LogGroupIdentifiers is mutually exclusive with LogGroupNamePrefix and LogGroupNamePattern.')
  }
  const limit = num(input.limit) ?? 50
  const after = decodeToken(input.nextToken, isAfter, invalidToken)?.after
  const names = identifiers?.map((i) => i.replace(/^arn:aws[\w-]*:logs:[^:]*:\d{12}:log-group:/, '').replace(/:\*$/, ''))
  const groups = (ctx.world?.logs.listGroups() ?? []).filter(
    (g) =>
      (prefix === undefined || g.name.startsWith(prefix)) &&
      (pattern === undefined || g.name.includes(pattern)) &&
      (names === undefined || names.includes(g.name)) &&
      (after === undefined || g.name > after),
  )
  const page = groups.slice(0, limit)
  return {
    logGroups: page.map((g) => ({
      logGroupName: g.name,
      creationTime: g.createdAt,
      ...(g.retentionInDays !== undefined ? { retentionInDays: g.retentionInDays } : {}),
      metricFilterCount: 0,
      arn: `${groupArn(ctx, g.name)}:*`,
      logGroupArn: groupArn(ctx, g.name),
      storedBytes: groupStoredBytes(g),
      logGroupClass: 'STANDARD',
    })),
    ...(groups.length > limit ? { nextToken: encodeToken({ after: page[page.length - 1]!.name }) } : {}),
  }
}

const lastEventTime = (s: LogStreamState) => s.events[s.events.length - 1]?.timestamp

const describeLogStreams: Handler = (input, ctx) => {
  const group = resolveGroup(input, ctx)
  const prefix = str(input.logStreamNamePrefix)
  const orderBy = str(input.orderBy) ?? 'LogStreamName'
  if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.')
  const descending = bool(input.descending) === true
  const limit = num(input.limit) ?? 50
  const start = decodeOffset(input.nextToken, invalidToken)
  const streams = [...group.streams.values()].filter((s) => prefix === undefined || s.name.startsWith(prefix))
  streams.sort((a, b) => {
    const d =
      orderBy === 'LogStreamName' ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : (lastEventTime(a) ?? 0) - (lastEventTime(b) ?? 0)
    return descending ? -d : d
  })
  const page = streams.slice(start, start + limit)
  return {
    logStreams: page.map((s) => {
      const first = s.events[0]
      const last = s.events[s.events.length - 1]
      return {
        logStreamName: s.name,
        creationTime: s.createdAt,
        ...(first ? { firstEventTimestamp: first.timestamp } : {}),
        ...(last ? { lastEventTimestamp: last.timestamp, lastIngestionTime: last.ingestionTime } : {}),
        uploadSequenceToken: '49039859613988222229870544366396524163298766423957176210',
        arn: `${groupArn(ctx, group.name)}:log-stream:${s.name}`,
        storedBytes: 0,
      }
    }),
    ...(start + limit < streams.length ? { nextToken: encodeToken({ o: start + limit }) } : {}),
  }
}

// ------------------------------------------------------------------ FilterLogEvents

type FilterToken = { g: string; after: string }
const isFilterToken = (v: unknown): v is FilterToken => isRecord(v) && typeof v.g === 'string' && typeof v.after === 'string'

const filterLogEvents: Handler = (input, ctx) => {
  const group = resolveGroup(input, ctx)
  const names = strings(input.logStreamNames)
  const prefix = str(input.logStreamNamePrefix)
  if (names !== undefined && prefix !== undefined)
    throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.')
  const startTime = num(input.startTime)
  const endTime = num(input.endTime)
  if (startTime !== undefined && endTime !== undefined && endTime < startTime)
    throw invalid('The endTime must be greater than or equal to the startTime.')
  const limit = num(input.limit) ?? 10_000
  const pattern = str(input.filterPattern)
  let matches: EventMatcher
  try {
    matches = compileFilterPattern(pattern)
  } catch (e) {
    if (e instanceof FilterPatternError) throw invalid(`Invalid filter pattern: ${e.message}`)
    throw e
  }
  const token = decodeToken(input.nextToken, isFilterToken, invalidToken)
  if (token && token.g !== group.name) throw invalid('The specified nextToken is invalid.')

  const streams = [...group.streams.values()].filter(
    (s) => (names === undefined || names.includes(s.name)) && (prefix === undefined || s.name.startsWith(prefix)),
  )
  // One cursor per stream over [startTime, endTime] (both inclusive), after the token's event id; merged by event id.
  const cursors = streams.map((s) => {
    let i = startTime === undefined ? 0 : lowerBound(s.events, startTime)
    if (token) i = Math.max(i, upperBoundId(s.events, token.after))
    const end = endTime === undefined ? s.events.length : lowerBound(s.events, endTime + 1)
    return { s, i, end }
  })
  const events: Record<string, unknown>[] = []
  let bytes = 0
  let lastId: string | undefined
  let more = false
  for (;;) {
    let best: (typeof cursors)[number] | undefined
    for (const c of cursors) {
      if (c.i < c.end && (!best || c.s.events[c.i]!.eventId < best.s.events[best.i]!.eventId)) best = c
    }
    if (!best) break
    const e = best.s.events[best.i]!
    if (matches(e.message)) {
      if (events.length >= limit || bytes + eventBytes(e) > PAGE_BYTES) {
        more = true
        break
      }
      events.push({
        logStreamName: best.s.name,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId: e.eventId,
      })
      bytes += eventBytes(e)
    }
    lastId = e.eventId
    best.i++
  }
  return {
    events,
    searchedLogStreams: [],
    ...(more && lastId !== undefined ? { nextToken: encodeToken({ g: group.name, after: lastId } satisfies FilterToken) } : {}),
  }
}

// ------------------------------------------------------------------ GetLogEvents

const LOWEST = '0'.repeat(EVENT_ID_LENGTH)
const HIGHEST = '9'.repeat(EVENT_ID_LENGTH)

const TOKEN_RE = new RegExp(`^([fb])/(\\d{${EVENT_ID_LENGTH}})/s$`)

/**
 * Tokens are `f/<event id>/s` (events after it) and `b/<event id>/s` (events before it); an empty page
 * returns the token that was sent, which is how callers detect the end of the stream.
 */
const getLogEvents: Handler = (input, ctx) => {
  const group = resolveGroup(input, ctx)
  const stream = group.streams.get(str(input.logStreamName) ?? '')
  if (!stream) throw streamNotFound()
  const limit = num(input.limit) ?? 10_000
  const startTime = num(input.startTime)
  const endTime = num(input.endTime)
  const tokenText = str(input.nextToken)
  let direction: 'f' | 'b' = input.startFromHead === true ? 'f' : 'b'
  let key = direction === 'f' ? LOWEST : HIGHEST
  if (tokenText !== undefined) {
    const m = tokenText.match(TOKEN_RE)
    if (!m) throw invalid('The specified nextToken is invalid.')
    direction = m[1] === 'f' ? 'f' : 'b'
    key = m[2]!
  }
  const ev = stream.events
  const lo = startTime === undefined ? 0 : lowerBound(ev, startTime)
  const hi = endTime === undefined ? ev.length : lowerBound(ev, endTime)
  let from: number
  let to: number
  let bytes = 0
  if (direction === 'f') {
    from = Math.max(lo, upperBoundId(ev, key))
    to = from
    while (to < hi && to - from < limit && bytes + eventBytes(ev[to]!) <= PAGE_BYTES) bytes += eventBytes(ev[to++]!)
  } else {
    to = Math.min(hi, lowerBoundId(ev, key))
    from = to
    while (from > lo && to - from < limit && bytes + eventBytes(ev[from - 1]!) <= PAGE_BYTES) bytes += eventBytes(ev[--from]!)
  }
  const page = from < to ? ev.slice(from, to) : []
  const same = `${direction}/${key}/s`
  return {
    events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: page.length > 0 ? `f/${page[page.length - 1]!.eventId}/s` : direction === 'f' ? same : `f/${key}/s`,
    nextBackwardToken: page.length > 0 ? `b/${page[0]!.eventId}/s` : direction === 'b' ? same : `b/${key}/s`,
  }
}

/** The application log grows with the world clock; bring it up to date before answering. */
const live =
  (handler: Handler): Handler =>
  (input, ctx) => {
    if (ctx.world) syncApplicationLogs(ctx.world, ctx.now)
    return handler(input, ctx)
  }

export const logsService: ServiceDefinition = {
  name: 'logs',
  validation: { form: 'coral', code: 'InvalidParameterException' },
  handlers: {
    DescribeLogGroups: live(describeLogGroups),
    DescribeLogStreams: live(describeLogStreams),
    FilterLogEvents: live(filterLogEvents),
    GetLogEvents: live(getLogEvents),
  },
}
