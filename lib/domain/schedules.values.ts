/* The zod-free half of lib/domain/schedules (the browser needs it before zod has loaded): the actions, and schedules in words ("weekdays at 20:00", "every hour", "once on 2026-12-05 at 22:00"). */

export const scheduleActions = ['sleep', 'wake', 'stop-database', 'start-database'] as const
export type ScheduleAction = (typeof scheduleActions)[number]

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

/** A day-of-week value: 1 (SUN) to 7 (SAT), by number or name. */
function weekday(text: string): number | undefined {
  const named = NAMES.indexOf(text.toUpperCase())
  if (named >= 0) return named + 1
  return /^[1-7]$/.test(text) ? Number(text) : undefined
}

/** The weekdays a day-of-week field names (1 = Sunday … 7 = Saturday), or null for what it cannot list. */
function days(field: string): number[] | null {
  if (field === '*' || field === '?') return [1, 2, 3, 4, 5, 6, 7]
  const out = new Set<number>()
  for (const item of field.split(',')) {
    const m = /^([^-]+)-([^-]+)$/.exec(item)
    const a = weekday(m ? (m[1] ?? '') : item)
    const b = m ? weekday(m[2] ?? '') : a
    if (a === undefined || b === undefined) return null
    for (let d = a; d <= b; d++) out.add(d)
  }
  return [...out].sort()
}

function dayWords(field: string): string | null {
  const d = days(field)
  if (!d) return null
  const key = d.join(',')
  if (key === '1,2,3,4,5,6,7') return 'every day'
  if (key === '2,3,4,5,6') return 'weekdays'
  if (key === '1,7') return 'weekends'
  return d.map((x) => DAY_NAMES[x - 1] ?? '').join(', ')
}

const pad = (s: string) => s.padStart(2, '0')

/** An expression in words ("weekdays at 20:00"), or the expression itself when it says more than words would. */
export function describeExpression(expression: string): string {
  const at = /^at\((\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):\d{2}\)$/.exec(expression)
  if (at) return `once on ${at[1]} at ${at[2]}:${at[3]}`
  const rate = /^rate\((\d+) (minutes|hours|days)\)$/.exec(expression)
  if (rate) {
    const n = Number(rate[1])
    const unit = (rate[2] ?? '').replace(/s$/, '')
    return n === 1 ? `every ${unit}` : `every ${n} ${rate[2]}`
  }
  const cron = /^cron\((\d{1,2}) (\d{1,2}) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression)
  if (cron) {
    const [, mi = '', h = '', dom = '', mon = '', dow = '', year = ''] = cron
    const time = `${pad(h)}:${pad(mi)}`
    const when = dom === '?' ? dayWords(dow) : dom === '*' ? 'every day' : /^\d{1,2}$/.test(dom) ? `on day ${dom} of the month` : null
    if (when && mon === '*' && year === '*') return `${when} at ${time}`
  }
  return expression
}

/** What an action does, in words. */
export const actionWords: Record<ScheduleAction, string> = {
  sleep: 'Sleep (pause the service, stop the database)',
  wake: 'Wake (start the database, then resume the service)',
  'stop-database': 'Stop the database',
  'start-database': 'Start the database',
}

/** Short labels of the actions. */
export const actionLabels: Record<ScheduleAction, string> = {
  sleep: 'Sleep',
  wake: 'Wake',
  'stop-database': 'Stop database',
  'start-database': 'Start database',
}
