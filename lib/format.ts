/** Pure display formatters shared by server and client components (no locale-dependent output except where noted). */

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const
/** Creating an Intl.NumberFormat costs far more than using one: one per fraction length, made once. */
const byteNumbers = [0, 1, 2].map((digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }))

/** 123456789 → "118 MiB", 18.64 GiB → "18.6 GiB": binary multiples, labelled as such; null → "—". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return '—'
  let v = bytes
  let i = 0
  while (Math.abs(v) >= 1024 && i < byteUnits.length - 1) {
    v /= 1024
    i++
  }
  const digits = i === 0 || Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2
  return `${byteNumbers[digits]?.format(v) ?? String(v)} ${byteUnits[i]}`
}

/** 95_000 → "1m 35s"; 3_723_000 → "1h 2m"; under a second → "<1s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) return '—'
  const s = Math.floor(ms / 1000)
  if (s < 1) return '<1s'
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`
  const h = Math.floor(m / 60)
  if (h < 48) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`
  const d = Math.floor(h / 24)
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`
}

/** Milliseconds between two ISO times, or null when either is missing or invalid. */
export function durationMs(startIso: string | null | undefined, endIso: string | null | undefined): number | null {
  if (!startIso || !endIso) return null
  const a = Date.parse(startIso)
  const b = Date.parse(endIso)
  return Number.isFinite(a) && Number.isFinite(b) && b >= a ? b - a : null
}

/** "just now", "5 min ago", "3 h ago", "2 d ago" (or "in 5 min" for future times). */
export function formatRelative(iso: string | null | undefined, now: number): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return '—'
  const diff = now - t
  const abs = Math.abs(diff)
  const s = Math.round(abs / 1000)
  let text: string
  if (s < 10) return 'just now'
  else if (s < 60) text = `${s} s`
  else if (s < 3600) text = `${Math.round(s / 60)} min`
  else if (s < 86_400 * 2) text = `${Math.round(s / 3600)} h`
  else if (s < 86_400 * 60) text = `${Math.round(s / 86_400)} d`
  else if (s < 86_400 * 730) text = `${Math.round(s / (86_400 * 30))} mo`
  else text = `${Math.round(s / (86_400 * 365))} y`
  return diff >= 0 ? `${text} ago` : `in ${text}`
}

/** ISO → "2026-03-01 14:03:12 UTC" (fixed UTC form: identical on server and client). */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return '—'
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * ISO → "2026-03-01 15:03:12 CET": the same layout as `formatUtc`, in the time zone given (the
 * viewer's, in the browser). The zone's short name comes from the runtime's time zone data.
 */
export function formatInZone(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return '—'
  let format = zoneFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
    zoneFormats.set(timeZone, format)
  }
  const part = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]))
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second} ${part.timeZoneName}`
}

/** 12.3456 → "$12.35". */
export const formatUsd = (n: number): string => `$${n.toFixed(2)}`

/** A metric value with at most 3 significant decimals and a compact suffix: 1234 → "1.23k". */
export function formatCompact(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '—'
  const abs = Math.abs(n)
  if (abs >= 1e9) return `${trim(n / 1e9)}G`
  if (abs >= 1e6) return `${trim(n / 1e6)}M`
  if (abs >= 1e3) return `${trim(n / 1e3)}k`
  return trim(n)
}

function trim(n: number): string {
  const abs = Math.abs(n)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2
  return String(Number(n.toFixed(digits)))
}
