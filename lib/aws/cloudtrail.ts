import 'server-only'

import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail'

import { cached } from '@/lib/cache'
import { config } from '@/lib/config'
import { err, ok, type Result } from '@/lib/result'

import { toTrailEvent, type TrailEvent } from './cloudtrail.mappers'
import { cloudTrailClient } from './clients'
import { toAppError } from './errors'
import { plain, ttl } from './support'

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

/**
 * The account's management events of the given names (CloudTrail keeps 90 days), newest first.
 * One attribute per LookupEvents call is all CloudTrail filters by, so each name is its own lookup;
 * they run one after another (CloudTrail allows 2 lookups a second per account). Cached.
 * Errors: aws_denied (cloudtrail:LookupEvents), aws_*.
 */
export async function lookupEventsByName(eventNames: readonly string[]): Promise<Result<TrailEvent[]>> {
  const names = [...new Set(eventNames)].sort()
  return plain(
    await cached(`cloudtrail:events:${names.join(',')}`, ttl.trail, async () => {
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
