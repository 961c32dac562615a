import { describe, expect, it } from 'vitest'

import { durationMs, formatBytes, formatCompact, formatDuration, formatInZone, formatRelative, formatUtc } from '@/lib/format'

const now = Date.parse('2026-03-01T12:00:00Z')

describe('format', () => {
  it.each([
    [0, '0 B'],
    [1023, '1,023 B'],
    [1536, '1.5 KiB'],
    [123_456_789, '118 MiB'],
    [5 * 1024 ** 3, '5 GiB'],
    [null, '—'],
    [-1, '—'],
  ])('formatBytes(%s) = %s', (n, want) => expect(formatBytes(n)).toBe(want))

  it.each([
    [500, '<1s'],
    [42_000, '42s'],
    [95_000, '1m 35s'],
    [120_000, '2m'],
    [3_723_000, '1h 2m'],
    [3 * 86_400_000 + 3_600_000, '3d 1h'],
    [null, '—'],
  ])('formatDuration(%s) = %s', (ms, want) => expect(formatDuration(ms)).toBe(want))

  it('durationMs needs both ends in order', () => {
    expect(durationMs('2026-03-01T12:00:00Z', '2026-03-01T12:01:30Z')).toBe(90_000)
    expect(durationMs('2026-03-01T12:00:00Z', null)).toBeNull()
    expect(durationMs('2026-03-01T12:00:00Z', '2026-03-01T11:00:00Z')).toBeNull()
    expect(durationMs('nope', '2026-03-01T11:00:00Z')).toBeNull()
  })

  it.each([
    ['2026-03-01T11:59:55Z', 'just now'],
    ['2026-03-01T11:59:30Z', '30 s ago'],
    ['2026-03-01T11:55:00Z', '5 min ago'],
    ['2026-03-01T09:00:00Z', '3 h ago'],
    ['2026-02-20T12:00:00Z', '9 d ago'],
    ['2026-03-01T12:05:00Z', 'in 5 min'],
    [null, '—'],
    ['garbage', '—'],
  ])('formatRelative(%s) = %s', (iso, want) => expect(formatRelative(iso, now)).toBe(want))

  it('formatUtc is the same everywhere', () => {
    expect(formatUtc('2026-03-01T12:03:04.567Z')).toBe('2026-03-01 12:03:04 UTC')
    expect(formatUtc(undefined)).toBe('—')
  })

  it.each([
    ['Europe/Amsterdam', '2026-03-01 13:03:04 CET'],
    ['Europe/London', '2026-07-01 13:03:04 BST'],
    ['UTC', '2026-03-01 12:03:04 UTC'],
    ['America/New_York', '2026-03-01 07:03:04 GMT-5'],
  ])('formatInZone(%s) shows the time in that zone, with its name', (zone, want) => {
    const iso = want.includes('BST') ? '2026-07-01T12:03:04.567Z' : '2026-03-01T12:03:04.567Z'
    expect(formatInZone(iso, zone)).toBe(want)
  })

  it('formatInZone keeps "—" for missing or invalid times', () => {
    expect(formatInZone(null, 'UTC')).toBe('—')
    expect(formatInZone('garbage', 'UTC')).toBe('—')
  })

  it.each([
    [0, '0'],
    [0.1234, '0.12'],
    [12.345, '12.3'],
    [1234, '1.23k'],
    [2_500_000, '2.5M'],
    [null, '—'],
  ])('formatCompact(%s) = %s', (n, want) => expect(formatCompact(n)).toBe(want))
})
