/**
 * EventBridge Scheduler's schedule expressions, as the service reads and evaluates them:
 * `at(yyyy-mm-ddThh:mm:ss)`, `rate(value minutes|hours|days)` (plural units only; a day is 24 hours) and
 * `cron(minutes hours day-of-month month day-of-week year)` (day-of-week 1–7 = SUN–SAT, `?` in one of the
 * two day fields, `L`, `W`, `#`), each in the schedule's `ScheduleExpressionTimezone` (UTC by default).
 *
 * Daylight-saving time, as the service handles it: a local time that does not exist (the hour skipped in
 * spring) is not invoked, and a local time that occurs twice (the hour repeated in autumn) is invoked once,
 * at its first occurrence. The matching of cron fields is croner's; the wall-clock-to-instant rule is here.
 */
import { Cron } from 'croner'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A parsed expression. Wall-clock times are the local date and time encoded as if they were UTC (epoch ms). */
export type ScheduleExpression = { kind: 'at'; wall: number } | { kind: 'rate'; everyMs: number } | { kind: 'cron'; cron: Cron }

type FieldSpec = { min: number; max: number; names?: string[]; dom?: boolean; dow?: boolean }

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

/** The six cron fields in order, with their ranges (EventBridge: years 1970–2199). */
const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31, dom: true },
  { min: 1, max: 12, names: MONTHS },
  { min: 1, max: 7, names: WEEKDAYS, dow: true },
  { min: 1970, max: 2199 },
]

function value(text: string, spec: FieldSpec): number | undefined {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
  if (named >= 0) return named + spec.min
  if (!/^\d{1,4}$/.test(text)) return undefined
  const n = Number(text)
  return n >= spec.min && n <= spec.max ? n : undefined
}

function validItem(item: string, spec: FieldSpec): boolean {
  if (item === '*') return true
  const step = /^(.+)\/(\d{1,4})$/.exec(item)
  if (step) {
    const n = Number(step[2])
    const base = step[1] ?? ''
    return n >= 1 && n <= spec.max && (base === '*' || validRange(base, spec) || value(base, spec) !== undefined)
  }
  if (spec.dom && (item === 'L' || /^\d{1,2}W$/.test(item))) return item === 'L' || value(item.slice(0, -1), spec) !== undefined
  if (spec.dow) {
    const last = /^(.+)L$/.exec(item)
    if (last) return value(last[1] ?? '', spec) !== undefined
    const nth = /^(.+)#([1-5])$/.exec(item)
    if (nth) return value(nth[1] ?? '', spec) !== undefined
  }
  return validRange(item, spec) || value(item, spec) !== undefined
}

function validRange(item: string, spec: FieldSpec): boolean {
  const m = /^([^-]+)-([^-]+)$/.exec(item)
  if (!m) return false
  const a = value(m[1] ?? '', spec)
  const b = value(m[2] ?? '', spec)
  return a !== undefined && b !== undefined && a <= b
}

function parseCron(body: string): Cron | undefined {
  const fields = body.trim().split(/\s+/)
  if (fields.length !== 6) return undefined
  const [dom = '', dow = ''] = [fields[2], fields[4]]
  // One of the day fields must be `?`, and only those two may be.
  if ((dom === '?') === (dow === '?')) return undefined
  for (const [i, field] of fields.entries()) {
    const spec = FIELDS[i]!
    if (field === '?') {
      if (!spec.dom && !spec.dow) return undefined
      continue
    }
    if (!field.split(',').every((item) => item !== '' && validItem(item, spec))) return undefined
  }
  try {
    return new Cron(`0 ${fields.join(' ')}`, { timezone: 'UTC', alternativeWeekdays: true, mode: '7-part', sloppyRanges: true })
  } catch {
    return undefined
  }
}

/** Parses an expression, or undefined when the service would refuse it (`Invalid Schedule Expression …`). */
export function parseScheduleExpression(text: string): ScheduleExpression | undefined {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(text)
  if (at) {
    const [y, mo, d, h, mi, s] = at.slice(1).map(Number) as [number, number, number, number, number, number]
    const wall = Date.UTC(y, mo - 1, d, h, mi, s)
    const back = new Date(wall)
    const valid = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60
    return valid ? { kind: 'at', wall } : undefined
  }
  const rate = /^rate\((\d{1,9}) (minutes|hours|days)\)$/.exec(text)
  if (rate) {
    const n = Number(rate[1])
    const unit = rate[2] === 'minutes' ? MINUTE : rate[2] === 'hours' ? HOUR : DAY
    return n >= 1 ? { kind: 'rate', everyMs: n * unit } : undefined
  }
  const cron = /^cron\((.*)\)$/.exec(text)
  if (cron) {
    const parsed = parseCron(cron[1] ?? '')
    return parsed ? { kind: 'cron', cron: parsed } : undefined
  }
  return undefined
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

/** Whether `tz` names a time zone of the IANA database (what ScheduleExpressionTimezone accepts). */
export function isTimeZone(tz: string): boolean {
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
 * The first invocation strictly after `after` (epoch ms), or undefined when there is none.
 * `anchor` is when a rate schedule starts counting (its StartDate, else when it was created or last changed).
 */
export function nextFireAfter(e: ScheduleExpression, tz: string, after: number, anchor: number): number | undefined {
  switch (e.kind) {
    case 'at': {
      const t = instantOf(e.wall, tz)
      return t !== undefined && t > after ? t : undefined
    }
    case 'rate': {
      if (anchor > after) return anchor
      return anchor + (Math.floor((after - anchor) / e.everyMs) + 1) * e.everyMs
    }
    case 'cron': {
      // Walk the wall-clock matches from a little before `after` (a repeated hour shows earlier wall times again).
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
