import { appError } from '@/lib/domain/errors'
import { isTimelineKind, maxTimelineWindowMs, timelineKinds, type TimelineKind } from '@/lib/domain/timeline.values'
import type { ReadWindow } from '@/lib/aws/support'
import { err, ok, type Result } from '@/lib/result'

/*
 * The timeline's window: what `since`, `until` and `kinds` mean, and how a window is named in the
 * read cache. Pure (the caller passes `now`).
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const UNIT_MS = { m: MINUTE, h: HOUR, d: DAY } as const

/**
 * Windows that end now are read as one of these spans (the smallest that covers the request), so
 * `1h`, `60m` and a 50-minute custom range ending now share one AWS read per cache TTL.
 */
const LIVE_SPANS = [
  ['1h', HOUR],
  ['6h', 6 * HOUR],
  ['24h', DAY],
  ['7d', 7 * DAY],
  ['14d', 14 * DAY],
] as const

/** A window ending this close to now is "until now" (live): its reads follow now, cached like every read. */
const LIVE_SLACK_MS = MINUTE

/** A parsed timeline request. */
export type TimelineQuery = {
  from: number
  to: number
  kinds: TimelineKind[]
  /** How the sources read this window (the same for every viewer asking for it). */
  read: ReadWindow
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

const timeHint = 'Use an ISO-8601 time with its zone (2026-03-02T14:00:00Z) or, for since, a duration back from now such as 90m, 6h or 7d.'

/** Epoch ms of an ISO-8601 time with a zone, or of `<n>m|h|d` back from `now`; null when it is neither. */
export function parseTime(value: string, now: number, relative: boolean): number | null {
  const v = value.trim()
  const rel = v.match(/^(\d{1,5})([mhd])$/)
  if (rel?.[1] && rel[2]) return relative ? now - Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS] : null
  if (!ISO.test(v)) return null
  const t = Date.parse(v)
  return Number.isFinite(t) ? t : null
}

/** The kinds asked for (`deployment,alarm`); all kinds when empty. */
export function parseKinds(value: string | null | undefined): Result<TimelineKind[]> {
  const names = (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
  if (names.length === 0) return ok([...timelineKinds])
  const unknown = names.filter((k) => !isTimelineKind(k))
  if (unknown.length > 0)
    return err(
      appError('invalid_input', `kinds: ${unknown.map((k) => `"${k}"`).join(', ')} is not a kind of change.`, {
        hint: `kinds is a comma-separated list of ${timelineKinds.join(', ')}.`,
      }),
    )
  return ok(timelineKinds.filter((k) => names.includes(k)))
}

/** How a window is read: "until now" windows by the smallest live span covering them, older ones by their own minutes. */
export function readWindowFor(from: number, to: number, now: number): ReadWindow {
  if (to >= now - LIVE_SLACK_MS) {
    const span = Math.max(to, now) - from
    const [name, ms] = LIVE_SPANS.find(([, s]) => s >= span) ?? LIVE_SPANS[4]
    return { key: `live:${name}`, bounds: (t) => ({ from: t - ms, to: t }) }
  }
  // Whole minutes around the window: viewers asking for the same past range share one read.
  const a = Math.floor(from / MINUTE) * MINUTE
  const b = Math.ceil(to / MINUTE) * MINUTE
  return { key: `at:${a}:${b}`, bounds: () => ({ from: a, to: b }) }
}

/**
 * `since` (ISO-8601, or a duration back from now such as `1h`; default `1h`), `until` (ISO-8601;
 * default now) and `kinds` → the window. `invalid_input` for a malformed time, a reversed range, a
 * window over 14 days, or an unknown kind.
 */
export function parseTimelineQuery(
  input: { since?: string | null; until?: string | null; kinds?: string | null },
  now: number,
): Result<TimelineQuery> {
  const sinceText = input.since?.trim() || '1h'
  const untilText = input.until?.trim() || null
  const from = parseTime(sinceText, now, true)
  if (from === null) return err(appError('invalid_input', `since: "${sinceText.slice(0, 40)}" is not a time.`, { hint: timeHint }))
  const to = untilText === null ? now : parseTime(untilText, now, false)
  if (to === null) return err(appError('invalid_input', `until: "${untilText?.slice(0, 40)}" is not a time.`, { hint: timeHint }))
  if (from >= to)
    return err(
      appError(
        'invalid_input',
        `The window is reversed: since (${new Date(from).toISOString()}) is not before until (${new Date(to).toISOString()}).`,
        {
          hint: 'Give a since earlier than until.',
        },
      ),
    )
  if (to - from > maxTimelineWindowMs)
    return err(
      appError('invalid_input', `The window is ${Math.ceil((to - from) / DAY)} days long; the timeline reads at most 14 days at once.`, {
        hint: 'Choose a shorter window (RDS keeps its events for 14 days).',
      }),
    )
  const kinds = parseKinds(input.kinds)
  if (!kinds.ok) return kinds
  return ok({ from, to, kinds: kinds.data, read: readWindowFor(from, to, now) })
}
