import type { Timeline, TimelineEvent, TimelineKind } from '@/lib/domain/timeline'
import { timelineKinds } from '@/lib/domain/timeline.values'
import type { AppError } from '@/lib/domain/errors'
import type { Result } from '@/lib/result'

import type { SourceRead, TimelineSource } from './source'

/*
 * Joining what the sources found into one list. Pure: the same reads always give the same timeline.
 */

/** What one source answered. */
export type SourceOutcome = { source: Pick<TimelineSource, 'id' | 'label'>; result: Result<SourceRead> }

const kindRank = new Map<TimelineKind, number>(timelineKinds.map((k, i) => [k, i]))

/**
 * Newest first. Changes at the same instant keep one fixed order — by kind (deployment, database,
 * alarm, image, schedule, action), then by id — so a list never reshuffles between refreshes.
 */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  const ta = Date.parse(a.at)
  const tb = Date.parse(b.at)
  if (ta !== tb) return tb - ta
  const ka = kindRank.get(a.kind) ?? 99
  const kb = kindRank.get(b.kind) ?? 99
  if (ka !== kb) return ka - kb
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The timeline of a window: every event of the sources that answered, inside [from, to] and of the
 * kinds asked for, newest first, without duplicates (same id); each source that failed in `missing`
 * (so an empty list never looks like "nothing changed" when a source could not be read); each part
 * of the window a source did not reach in `more`.
 */
export function mergeTimeline(
  outcomes: readonly SourceOutcome[],
  window: { from: number; to: number; kinds: readonly TimelineKind[] },
  fetchedAt: string,
): Timeline {
  const kinds = new Set(window.kinds)
  const seen = new Set<string>()
  const events: TimelineEvent[] = []
  const missing: Timeline['missing'] = []
  const more: Timeline['more'] = []
  for (const { source, result } of outcomes) {
    if (!result.ok) {
      missing.push({ source: source.id, label: source.label, error: result.error })
      continue
    }
    for (const e of result.data.events) {
      const t = Date.parse(e.at)
      if (!Number.isFinite(t) || t < window.from || t > window.to || !kinds.has(e.kind) || seen.has(e.id)) continue
      seen.add(e.id)
      events.push(e)
    }
    for (const part of result.data.missing ?? []) missing.push({ source: part.source, label: part.label, error: part.error })
    const unread = result.data.unread
    if (unread) {
      const from = Math.max(unread.from, window.from)
      const to = Math.min(unread.to, window.to)
      if (from < to) more.push({ source: source.id, label: source.label, from: iso(from), to: iso(to) })
    }
  }
  return { since: iso(window.from), until: iso(window.to), events: events.sort(compareEvents), missing, more, fetchedAt }
}

/** A source that threw (a bug) as a failed read: the timeline names it missing instead of failing. */
export const thrownRead = (): AppError => ({
  code: 'aws_error',
  message: 'This source failed unexpectedly while being read.',
  hint: 'The other sources are shown; see the server log.',
})
