import { describe, expect, it } from 'vitest'

import { describeChart, formatBytes, formatTick, formatValue, summarize } from './format'

describe('formatValue', () => {
  it.each([
    [42.456, 'Percent', '42.5%'],
    [3.14159, 'Percent', '3.14%'],
    [0, 'Percent', '0%'],
    [850, 'Milliseconds', '850 ms'],
    [1250, 'Milliseconds', '1.25 s'],
    [0.4236, 'Milliseconds', '0.42 ms'],
    [0.0021, 'Seconds', '2.1 ms'],
    [2.5, 'Seconds', '2.5 s'],
    [20 * 1024 ** 3, 'Bytes', '20 GiB'],
    [18.64 * 1024 ** 3, 'Bytes', '18.6 GiB'],
    [512, 'Bytes', '512 B'],
    [1536, 'Bytes', '1.5 KiB'],
    [1234, 'Count', '1,234'],
    [0.5, 'Count', '0.5'],
    [12.25, 'Count/Second', '12.3/s'],
    [7, 'None', '7'],
    [3, 'Furlongs', '3 Furlongs'],
    [Number.NaN, 'Percent', '—'],
  ])('%s %s → %s', (v, unit, expected) => {
    expect(formatValue(v, unit)).toBe(expected)
  })

  it('scales bytes to TiB at most', () => {
    expect(formatBytes(3 * 1024 ** 5)).toBe('3,072 TiB')
  })
})

describe('summarize', () => {
  it('is null without points', () => {
    expect(summarize([])).toBeNull()
  })
  it('takes the last point as latest', () => {
    expect(
      summarize([
        { t: 'a', v: 5 },
        { t: 'b', v: 1 },
        { t: 'c', v: 3 },
      ]),
    ).toEqual({ latest: 3, min: 1, max: 5, count: 3 })
  })
})

describe('describeChart', () => {
  it('summarises latest, min, max and thresholds', () => {
    const label = describeChart(
      'RDS CPU',
      'Percent',
      [
        { t: 'a', v: 10 },
        { t: 'b', v: 90 },
        { t: 'c', v: 42 },
      ],
      [{ value: 80, label: 'appfactory-rds-cpu-high' }],
    )
    expect(label).toBe('RDS CPU: latest 42%, min 10%, max 90% over 3 points. appfactory-rds-cpu-high threshold 80%.')
  })
  it('says when there is no data', () => {
    expect(describeChart('Requests', 'Count', [])).toBe('Requests: no data in this range.')
  })
})

describe('formatTick', () => {
  it('shows UTC time of day, with the weekday beyond a day', () => {
    expect(formatTick('2026-03-02T14:05:00Z', 3600)).toBe('14:05')
    expect(formatTick('2026-03-02T00:00:00Z', 7 * 86400)).toBe('Mon 00:00')
  })
  it('shows the time of day in the zone given (the viewer zone)', () => {
    expect(formatTick('2026-03-02T14:05:00Z', 3600, 'Europe/Amsterdam')).toBe('15:05')
    expect(formatTick('2026-03-02T23:30:00Z', 7 * 86400, 'Europe/Amsterdam')).toBe('Tue 00:30')
  })
})
