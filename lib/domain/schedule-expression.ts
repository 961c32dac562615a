import { Cron } from 'croner'

/*
 * EventBridge Scheduler's schedule expressions, as the portal reads them to validate what people type and
 * to say when a schedule runs next (the service itself never says): `at(yyyy-mm-ddThh:mm:ss)`,
 * `rate(value minutes|hours|days)` (plural units only, as the service requires; a day is 24 hours) and
 * `cron(minutes hours day-of-month month day-of-week year)` (day-of-week 1–7 = SUN–SAT, `?` in exactly one
 * of the two day fields, `L`, `W`, `#`), each in the schedule's time zone.
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
 *
 * Daylight-saving time as the service handles it: a local time that does not exist (the hour skipped in
 * spring) is not run, a local time that occurs twice (the hour repeated in autumn) runs once, the first
 * time. croner matches the cron fields on the wall clock; the wall-clock-to-instant rule is here.
 * Client-safe and pure (no I/O): the schedules form validates with it as well as the server.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A parsed expression. Wall-clock times are the local date and time encoded as if they were UTC (epoch ms). */
export type ParsedExpression =
  | { kind: 'at'; wall: number }
  | { kind: 'rate'; everyMs: number; value: number; unit: 'minutes' | 'hours' | 'days' }
  | { kind: 'cron'; cron: Cron; fields: string[] }

type FieldSpec = { min: number; max: number; names?: readonly string[]; dom?: boolean; dow?: boolean }

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const
/** Day-of-week names; EventBridge numbers them 1 (SUN) to 7 (SAT). */
export const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const

const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31, dom: true },
  { min: 1, max: 12, names: MONTHS },
  { min: 1, max: 7, names: WEEKDAYS, dow: true },
  { min: 1970, max: 2199 },
]
const FIELD_NAMES = ['minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year']

/** A field value: a number in range or (months, weekdays) a name. */
export function fieldValue(text: string, i: number): number | undefined {
  const spec = FIELDS[i]
  if (!spec) return undefined
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
  if (named >= 0) return named + spec.min
  if (!/^\d{1,4}$/.test(text)) return undefined
  const n = Number(text)
  return n >= spec.min && n <= spec.max ? n : undefined
}

function validRange(item: string, i: number): boolean {
  const m = /^([^-]+)-([^-]+)$/.exec(item)
  if (!m) return false
  const a = fieldValue(m[1] ?? '', i)
  const b = fieldValue(m[2] ?? '', i)
  return a !== undefined && b !== undefined && a <= b
}

function validItem(item: string, i: number): boolean {
  const spec = FIELDS[i]!
  if (item === '*') return true
  const step = /^(.+)\/(\d{1,4})$/.exec(item)
  if (step) {
    const n = Number(step[2])
    const base = step[1] ?? ''
    return n >= 1 && n <= spec.max && (base === '*' || validRange(base, i) || fieldValue(base, i) !== undefined)
  }
  if (spec.dom && item === 'L') return true
  if (spec.dom && /^\d{1,2}W$/.test(item)) return fieldValue(item.slice(0, -1), i) !== undefined
  if (spec.dow) {
    const last = /^(.+)L$/.exec(item)
    if (last) return fieldValue(last[1] ?? '', i) !== undefined
    const nth = /^(.+)#([1-5])$/.exec(item)
    if (nth) return fieldValue(nth[1] ?? '', i) !== undefined
  }
  return validRange(item, i) || fieldValue(item, i) !== undefined
}

/** Why a cron body is not valid, or null when it is. */
function cronProblem(fields: string[]): string | null {
  if (fields.length !== 6)
    return `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year); this one has ${fields.length}`
  const [dom = '', dow = ''] = [fields[2], fields[4]]
  if ((dom === '?') === (dow === '?')) return 'exactly one of day-of-month and day-of-week must be ?'
  for (const [i, field] of fields.entries()) {
    if (field === '?') {
      if (i !== 2 && i !== 4) return `? is allowed only in day-of-month and day-of-week, not in ${FIELD_NAMES[i]}`
      continue
    }
    if (!field.split(',').every((item) => item !== '' && validItem(item, i))) return `the ${FIELD_NAMES[i]} field "${field}" is not valid`
  }
  return null
}

/** Parses an expression; `{error}` says what is wrong in words a person can act on. */
export function parseExpression(text: string): ParsedExpression | { error: string } {
  const t = text.trim()
  if (t.startsWith('at(')) {
    const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(t)
    if (!at) return { error: 'a one-time expression is at(yyyy-mm-ddThh:mm:ss), e.g. at(2027-01-04T07:00:00), in the schedule time zone' }
    const [y, mo, d, h, mi, s] = at.slice(1).map(Number) as [number, number, number, number, number, number]
    const wall = Date.UTC(y, mo - 1, d, h, mi, s)
    const back = new Date(wall)
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
      return { error: `${t} is not a date and time that exists` }
    return { kind: 'at', wall }
  }
  if (t.startsWith('rate(')) {
    const rate = /^rate\((\d{1,9}) (minutes|hours|days)\)$/.exec(t)
    if (!rate)
      return { error: 'a rate expression is rate(<number> minutes|hours|days), with the plural unit even for 1, e.g. rate(1 hours)' }
    const value = Number(rate[1])
    const unit = rate[2] as 'minutes' | 'hours' | 'days'
    if (value < 1) return { error: 'a rate must be at least 1' }
    return { kind: 'rate', value, unit, everyMs: value * (unit === 'minutes' ? MINUTE : unit === 'hours' ? HOUR : DAY) }
  }
  const cron = /^cron\((.*)\)$/.exec(t)
  if (cron) {
    const fields = (cron[1] ?? '').trim().split(/\s+/)
    const problem = cronProblem(fields)
    if (problem) return { error: problem }
    try {
      const c = new Cron(`0 ${fields.join(' ')}`, { timezone: 'UTC', alternativeWeekdays: true, mode: '7-part', sloppyRanges: true })
      return { kind: 'cron', cron: c, fields }
    } catch {
      return { error: `${t} is not a cron expression EventBridge Scheduler accepts` }
    }
  }
  return { error: 'an expression is at(…), rate(…) or cron(…)' }
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(tz, f)
  }
  return f
}

/** Whether `tz` names a time zone of the IANA database (`Europe/Amsterdam`, `UTC`). */
export function isTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+/-]{0,49}$/.test(tz)) return false
  try {
    formatter(tz)
    return true
  } catch {
    return false
  }
}

/** The local wall-clock time of an instant in `tz`, encoded as if it were UTC (whole seconds). */
export function wallOf(instant: number, tz: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatter(tz).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
}

/** The first instant at which `tz` shows the wall-clock time `wall`, or undefined when it never does (a daylight-saving gap). */
export function instantOf(wall: number, tz: string): number | undefined {
  let best: number | undefined
  for (const probe of [wall - DAY, wall, wall + DAY]) {
    const t = wall - (wallOf(probe, tz) - Math.floor(probe / 1000) * 1000)
    if (wallOf(t, tz) === wall && (best === undefined || t < best)) best = t
  }
  return best
}

/**
 * The first run strictly after `after` (epoch ms), or undefined when there is none. `anchor` is when a
 * rate schedule starts counting: its start date, else when it was created or last changed.
 */
export function nextRunAfter(e: ParsedExpression, tz: string, after: number, anchor: number): number | undefined {
  switch (e.kind) {
    case 'at': {
      const t = instantOf(e.wall, tz)
      return t !== undefined && t > after ? t : undefined
    }
    case 'rate':
      return anchor > after ? anchor : anchor + (Math.floor((after - anchor) / e.everyMs) + 1) * e.everyMs
    case 'cron': {
      // From a little before `after`: in a repeated hour the wall clock shows earlier times again.
      let wall = wallOf(after, tz) - 3 * HOUR
      for (let i = 0; i < 10_000; i++) {
        const next = e.cron.nextRun(new Date(wall))
        if (!next) return undefined
        wall = next.getTime()
        const t = instantOf(wall, tz)
        if (t !== undefined && t > after) return t
      }
      return undefined
    }
  }
}

/** The runs of a schedule in (from, to], at most `limit`, honouring its start (inclusive) and end (exclusive). */
export function runsBetween(
  e: ParsedExpression,
  tz: string,
  window: { from: number; to: number },
  bounds: { anchor: number; start?: number | null; end?: number | null },
  limit = 1000,
): number[] {
  const out: number[] = []
  const start = e.kind === 'at' ? undefined : (bounds.start ?? undefined)
  const end = e.kind === 'at' ? undefined : (bounds.end ?? undefined)
  let after = start !== undefined ? Math.max(window.from, start - 1) : window.from
  const anchor = start ?? bounds.anchor
  while (out.length < limit) {
    const t = nextRunAfter(e, tz, after, anchor)
    if (t === undefined || t > window.to || (end !== undefined && t >= end)) break
    out.push(t)
    after = t
  }
  return out
}

/** The next run after `now` of a schedule with these bounds, or null. */
export function nextRun(
  e: ParsedExpression,
  tz: string,
  now: number,
  bounds: { anchor: number; start?: number | null; end?: number | null },
): number | null {
  return runsBetween(e, tz, { from: now, to: Number.MAX_SAFE_INTEGER }, bounds, 1)[0] ?? null
}

/** `at(…)` for an instant, in `tz`'s wall-clock time. */
export function atExpression(instant: number, tz: string): string {
  return `at(${new Date(wallOf(instant, tz)).toISOString().slice(0, 19)})`
}
