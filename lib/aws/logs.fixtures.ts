/** SDK-shaped CloudWatch Logs answers for logs.test.ts (never imported by app code). */
import type { FilteredLogEvent, FilterLogEventsCommandInput, FilterLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs'

import { DATABASE_URL } from './apprunner.fixtures'

export const jsonLine = JSON.stringify({
  level: 'error',
  msg: 'db connect failed',
  url: DATABASE_URL,
  password: 'hunter2',
  nested: { token: 'abc123' },
})

/** `count` events, one per minute, the newest one minute before `now`. */
export function logStore(now: number, count: number, stream = 'instance/1'): FilteredLogEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const timestamp = now - (count - i) * 60_000
    return {
      logStreamName: stream,
      timestamp,
      ingestionTime: timestamp + 5,
      eventId: `e${String(i).padStart(5, '0')}`,
      message: `line ${i}`,
    }
  })
}

/**
 * A fake FilterLogEvents over a store: events in [startTime, endTime), oldest first, `limit` per
 * call, with nextToken = the index to continue from (as AWS, the token is opaque to the caller).
 */
export function filterLogEvents(store: FilteredLogEvent[]) {
  return (input: FilterLogEventsCommandInput): Partial<FilterLogEventsCommandOutput> => {
    const inWindow = store.filter((e) => (e.timestamp ?? 0) >= (input.startTime ?? 0) && (e.timestamp ?? 0) < (input.endTime ?? Infinity))
    const from = input.nextToken ? Number(input.nextToken) : 0
    const limit = input.limit ?? 10_000
    const events = inWindow.slice(from, from + limit)
    return { events, nextToken: from + limit < inWindow.length ? String(from + limit) : undefined, searchedLogStreams: [] }
  }
}
