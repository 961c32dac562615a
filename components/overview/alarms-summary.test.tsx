import { describe, expect, it } from 'vitest'

import { sortAlarms } from '@/components/overview/alarms-summary'
import type { Alarm } from '@/lib/domain/metrics'

const alarm = (name: string, state: Alarm['state'], since: string | null): Alarm => ({
  name,
  state,
  since,
  arn: null,
  description: null,
  reason: null,
  namespace: null,
  metricName: null,
  statistic: null,
  dimensions: [],
  threshold: null,
  comparison: null,
  periodSeconds: null,
  evaluationPeriods: null,
})

describe('sortAlarms', () => {
  it('puts ALARM first, then INSUFFICIENT_DATA, then OK, longest-standing first', () => {
    const sorted = sortAlarms([
      alarm('ok', 'OK', '2026-01-01T00:00:00Z'),
      alarm('late-alarm', 'ALARM', '2026-03-02T00:00:00Z'),
      alarm('nodata', 'INSUFFICIENT_DATA', null),
      alarm('early-alarm', 'ALARM', '2026-03-01T00:00:00Z'),
    ])
    expect(sorted.map((a) => a.name)).toEqual(['early-alarm', 'late-alarm', 'nodata', 'ok'])
  })
})
