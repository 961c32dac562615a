import { describe, expect, it } from 'vitest'

import { parseKinds, parseTimelineQuery, readWindowFor } from './window'

const T = Date.parse('2026-03-02T14:00:30Z')
const HOUR = 3_600_000

describe('parseTimelineQuery', () => {
  it('defaults to the last hour of every kind', () => {
    const q = parseTimelineQuery({}, T)
    expect(q.ok && { from: q.data.from, to: q.data.to, kinds: q.data.kinds.length }).toEqual({ from: T - HOUR, to: T, kinds: 6 })
  })

  it('takes a duration back from now, or ISO times with a zone', () => {
    const rel = parseTimelineQuery({ since: '7d' }, T)
    expect(rel.ok && rel.data.from).toBe(T - 7 * 24 * HOUR)
    const abs = parseTimelineQuery({ since: '2026-03-02T12:00:00Z', until: '2026-03-02T14:00:00+01:00' }, T)
    expect(abs.ok && [abs.data.from, abs.data.to]).toEqual([Date.parse('2026-03-02T12:00:00Z'), Date.parse('2026-03-02T13:00:00Z')])
  })

  it.each([
    [{ since: 'yesterday' }, /since: "yesterday" is not a time/],
    [{ since: '2026-03-02T12:00:00' }, /since: .* is not a time/],
    [{ since: '1h', until: '2h' }, /until: "2h" is not a time/],
    [{ since: '2026-03-02T13:00:00Z', until: '2026-03-02T12:00:00Z' }, /reversed/],
    [{ since: '2026-03-02T12:00:00Z', until: '2026-03-02T12:00:00Z' }, /reversed/],
    [{ since: '15d' }, /15 days long; the timeline reads at most 14 days/],
    [{ kinds: 'deployment,weather' }, /kinds: "weather" is not a kind of change/],
  ])('refuses %j', (input, message) => {
    const q = parseTimelineQuery(input, T)
    expect(q.ok).toBe(false)
    if (!q.ok) {
      expect(q.error.code).toBe('invalid_input')
      expect(q.error.message).toMatch(message)
      expect(q.error.hint).toBeTruthy()
    }
  })

  it('accepts exactly 14 days', () => {
    expect(parseTimelineQuery({ since: '14d' }, T).ok).toBe(true)
  })
})

describe('parseKinds', () => {
  it('keeps the kinds asked for in their fixed order', () => {
    const k = parseKinds(' alarm, deployment ')
    expect(k.ok && k.data).toEqual(['deployment', 'alarm'])
  })
})

describe('readWindowFor', () => {
  it('reads windows that end now as the smallest live span covering them, so viewers share one read', () => {
    expect(readWindowFor(T - HOUR, T, T).key).toBe('live:1h')
    expect(readWindowFor(T - 50 * 60_000, T, T).key).toBe('live:1h')
    expect(readWindowFor(T - 3 * HOUR, T - 10_000, T).key).toBe('live:6h')
    expect(readWindowFor(T - 7 * 24 * HOUR, T, T).key).toBe('live:7d')
    const w = readWindowFor(T - HOUR, T, T)
    expect(w.bounds(T + 5000)).toEqual({ from: T + 5000 - HOUR, to: T + 5000 })
  })

  it('reads a past window by its whole minutes', () => {
    const from = Date.parse('2026-03-02T10:00:20Z')
    const to = Date.parse('2026-03-02T11:00:20Z')
    const w = readWindowFor(from, to, T)
    expect(w.key).toBe(`at:${Date.parse('2026-03-02T10:00:00Z')}:${Date.parse('2026-03-02T11:01:00Z')}`)
    expect(w.bounds(T)).toEqual({ from: Date.parse('2026-03-02T10:00:00Z'), to: Date.parse('2026-03-02T11:01:00Z') })
  })
})
