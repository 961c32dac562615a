import 'server-only'

import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail'

import { answersAtOnce, cached, cachedRevalidating } from '@/lib/cache'
import { config } from '@/lib/config'
import { err, ok, type Result } from '@/lib/result'

import { toTrailEvent, type TrailEvent } from './cloudtrail.mappers'
import { cloudTrailClient } from './clients'
import { toAppError } from './errors'
import { iso, plain, ttl } from './support'

export type { TrailActor, TrailEvent } from './cloudtrail.mappers'

/** LookupEvents answers at most 50 events a call; this many pages per event name is far beyond a service's 90 days. */
const MAX_PAGES = 4
const PAGE_SIZE = 50

async function lookupByName(eventName: string): Promise<Result<TrailEvent[]>> {
  const ciRole = config().githubRole
  const events: TrailEvent[] = []
  let token: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    try {
      const out = await cloudTrailClient().send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }],
          MaxResults: PAGE_SIZE,
          NextToken: token,
        }),
      )
      for (const e of out.Events ?? []) {
        const mapped = toTrailEvent(e, ciRole)
        if (mapped) events.push(mapped)
      }
      token = out.NextToken
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'cloudtrail:LookupEvents', resource: `CloudTrail events ${eventName}` }))
    }
    if (!token) break
  }
  return ok(events)
}

const eventsKey = (eventNames: readonly string[]) => `cloudtrail:events:${[...new Set(eventNames)].sort().join(',')}`

/**
 * The account's management events of the given names (CloudTrail keeps 90 days), newest first.
 * One attribute per LookupEvents call is all CloudTrail filters by, so each name is its own lookup;
 * they run one after another (CloudTrail allows 2 lookups a second per account). Cached, and once
 * read never waited for again: after the TTL the last answer is served while one background lookup
 * refreshes it. CloudTrail delivers an event about 5 minutes after the call, so neither a hard reload
 * nor a wait would show anything newer. Errors: aws_denied (cloudtrail:LookupEvents), aws_*.
 */
export async function lookupEventsByName(eventNames: readonly string[]): Promise<Result<TrailEvent[]>> {
  const names = [...new Set(eventNames)].sort()
  return plain(
    await cachedRevalidating(eventsKey(names), ttl.trail, async () => {
      const all: TrailEvent[] = []
      for (const name of names) {
        const r = await lookupByName(name)
        if (!r.ok) return r
        all.push(...r.data)
      }
      return ok(all.sort((a, b) => b.eventTime.localeCompare(a.eventTime)))
    }),
  )
}

/**
 * Whether `lookupEventsByName(eventNames)` answers at once: with the last good events (refreshed in the
 * background), or with a failure still within its back-off; otherwise it would wait for the lookups.
 */
export const eventsByNameRead = (eventNames: readonly string[]): boolean => answersAtOnce(eventsKey(eventNames))

/**
 * One management event: what was called on the resource, when, and by whom — CloudTrail's user name
 * (an IAM user, or a role session such as `GitHubActions`) and, for a role session, the role's name.
 */
export type TrailRequest = { eventName: string; at: string; username: string | null; roleName: string | null }

/** The role behind an assumed-role identity, from the event record (`sessionContext.sessionIssuer.userName`). */
function roleOf(record: string | undefined): string | null {
  if (!record) return null
  try {
    const parsed: unknown = JSON.parse(record)
    const issuer = (parsed as { userIdentity?: { sessionContext?: { sessionIssuer?: { userName?: unknown } } } }).userIdentity
      ?.sessionContext?.sessionIssuer?.userName
    return typeof issuer === 'string' ? issuer : null
  } catch {
    return null
  }
}

/**
 * The newest call of one of `eventNames` on a resource in CloudTrail's 90 days (LookupEvents by
 * resource name, newest first, one page of 50), or null when there is none.
 * Errors: aws_denied (cloudtrail:LookupEvents), aws_*.
 */
export async function findLatestRequest(eventNames: readonly string[], resourceName: string): Promise<Result<TrailRequest | null>> {
  const load = async (): Promise<Result<TrailRequest | null>> => {
    try {
      const out = await cloudTrailClient().send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: resourceName }], MaxResults: 50 }),
      )
      const hit = (out.Events ?? []).find((e) => e.EventName !== undefined && eventNames.includes(e.EventName))
      const at = iso(hit?.EventTime)
      if (!hit?.EventName || !at) return ok(null)
      return ok({ eventName: hit.EventName, at, username: hit.Username ?? null, roleName: roleOf(hit.CloudTrailEvent) })
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'cloudtrail:LookupEvents', resource: resourceName }))
    }
  }
  // CloudTrail delivers events minutes after the call; a minute of caching loses nothing.
  return plain(await cached(`cloudtrail:latest:${eventNames.join(',')}:${resourceName}`, 60_000, load))
}
