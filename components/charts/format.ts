/** Pure formatting for metric values and chart summaries (client-safe, no React). */

import { formatBytes } from '@/lib/format'

export { formatBytes }

type Point = { t: string; v: number }

const KiB = 1024

/** Creating an Intl formatter costs far more than using one: each is made once (sparklines format dozens of values per render). */
const numberFormats = new Map<number, Intl.NumberFormat>()
function trim(n: number, digits: number): string {
  let f = numberFormats.get(digits)
  if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })))
  return f.format(n)
}

function digitsFor(n: number): number {
  const a = Math.abs(n)
  if (a === 0 || a >= 100) return 0
  if (a >= 10) return 1
  return 2
}

/** Formats a duration given in milliseconds (`850 ms`, `1.25 s`, `0.42 ms`). */
export function formatMs(ms: number): string {
  const a = Math.abs(ms)
  if (a >= 1000) return `${trim(ms / 1000, 2)} s`
  return `${trim(ms, digitsFor(ms))} ms`
}

/** Formats a count (`1,234`, `0.5`). */
export function formatCount(n: number): string {
  return trim(n, Number.isInteger(n) ? 0 : digitsFor(n))
}

/**
 * Formats a value in its CloudWatch unit (StandardUnit names: `Percent`, `Milliseconds`, `Seconds`,
 * `Bytes`, `Count`, `Count/Second`, …). Unknown units fall back to a plain number with the unit name.
 */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—'
  switch (unit) {
    case 'Percent':
      return `${trim(value, Math.abs(value) >= 10 ? 1 : 2)}%`
    case 'Milliseconds':
      return formatMs(value)
    case 'Microseconds':
      return formatMs(value / 1000)
    case 'Seconds':
      return formatMs(value * 1000)
    case 'Bytes':
      return formatBytes(value)
    case 'Kilobytes':
      return formatBytes(value * KiB)
    case 'Megabytes':
      return formatBytes(value * KiB ** 2)
    case 'Gigabytes':
      return formatBytes(value * KiB ** 3)
    case 'Bytes/Second':
      return `${formatBytes(value)}/s`
    case 'Count':
    case 'None':
    case '':
      return formatCount(value)
    case 'Count/Second':
      return `${formatCount(value)}/s`
    default:
      return `${formatCount(value)} ${unit}`
  }
}

export type SeriesSummary = { latest: number; min: number; max: number; count: number }

/** Latest, minimum and maximum of a series; null when it has no points. */
export function summarize(points: readonly Point[]): SeriesSummary | null {
  const last = points.at(-1)
  if (!last) return null
  let min = Infinity
  let max = -Infinity
  for (const p of points) {
    if (p.v < min) min = p.v
    if (p.v > max) max = p.v
  }
  return { latest: last.v, min, max, count: points.length }
}

/** The accessible name of a chart: what it shows and its latest/min/max, plus any thresholds. */
export function describeChart(
  label: string,
  unit: string,
  points: readonly Point[],
  thresholds: readonly { value: number; label: string }[] = [],
): string {
  const s = summarize(points)
  const body = s
    ? `latest ${formatValue(s.latest, unit)}, min ${formatValue(s.min, unit)}, max ${formatValue(s.max, unit)} over ${s.count} points`
    : 'no data in this range'
  const th = thresholds.map((t) => `${t.label} threshold ${formatValue(t.value, unit)}`).join('; ')
  return `${label}: ${body}${th ? `. ${th}` : ''}.`
}

const tickFormats = new Map<string, Intl.DateTimeFormat>()

/** Axis time label in `timeZone` (the viewer's, in the chart): time of day, with the weekday for multi-day spans. */
export function formatTick(iso: string, spanSeconds: number, timeZone = 'UTC'): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const withDay = spanSeconds > 86400
  const key = `${timeZone}|${withDay}`
  let f = tickFormats.get(key)
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
    if (withDay) opts.weekday = 'short'
    tickFormats.set(key, (f = new Intl.DateTimeFormat('en-GB', opts)))
  }
  return f.format(d)
}
