import 'server-only'

import type { Timeline } from '@/lib/domain/timeline'
import { logger } from '@/lib/logger'
import { err, ok, type Result } from '@/lib/result'

import { mergeTimeline, thrownRead, type SourceOutcome } from './merge'
import type { TimelineSource } from './source'
import { timelineSources } from './sources'
import { parseTimelineQuery, type TimelineQuery } from './window'

/** Reads every source that reports one of the query's kinds, in parallel; one that throws is a failed read (logged). */
export async function readSources(query: TimelineQuery, sources: readonly TimelineSource[]): Promise<SourceOutcome[]> {
  const wanted = sources.filter((s) => s.kinds.some((k) => query.kinds.includes(k)))
  return Promise.all(
    wanted.map(async (source): Promise<SourceOutcome> => {
      try {
        return { source, result: await source.read({ from: query.from, to: query.to, read: query.read }) }
      } catch (e: unknown) {
        logger().error({ err: e, source: source.id }, 'timeline: a source failed')
        return { source, result: err(thrownRead()) }
      }
    }),
  )
}

/** The timeline of a parsed window: each source read once per window (cached), merged newest first. */
export async function getTimelineFor(query: TimelineQuery, sources: readonly TimelineSource[] = timelineSources): Promise<Timeline> {
  const outcomes = await readSources(query, sources)
  return mergeTimeline(outcomes, query, new Date().toISOString())
}

/**
 * The timeline for `since`, `until` and `kinds` as a request gives them (see parseTimelineQuery):
 * `invalid_input` for a malformed, reversed or too long window; otherwise the changes of every source
 * that could be read and the ones that could not (`missing`) — never a failure because one source failed.
 */
export async function getTimeline(input: {
  since?: string | null
  until?: string | null
  kinds?: string | null
}): Promise<Result<Timeline>> {
  const query = parseTimelineQuery(input, Date.now())
  if (!query.ok) return query
  return ok(await getTimelineFor(query.data))
}
