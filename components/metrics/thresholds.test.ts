import { describe, expect, it } from 'vitest'

import type { Alarm, MetricSeries } from '@/lib/domain/metrics'

import { alarmUnit, describeCondition, thresholdsFor } from './thresholds'

const alarm = (over: Partial<Alarm>): Alarm => ({
  name: 'a',
  arn: null,
  description: null,
  state: 'OK',
  reason: null,
  since: null,
  namespace: 'AWS/RDS',
  metricName: 'CPUUtilization',
  statistic: 'Average',
  dimensions: [],
  threshold: 80,
  comparison: 'GreaterThanThreshold',
  periodSeconds: 300,
  evaluationPeriods: 2,
  ...over,
})

const series = (over: Partial<MetricSeries>): MetricSeries => ({
  id: 'rds.cpu',
  source: 'database',
  label: 'CPU',
  namespace: 'AWS/RDS',
  metricName: 'CPUUtilization',
  stat: 'Average',
  unit: 'Percent',
  points: [],
  ...over,
})

describe('thresholdsFor', () => {
  it('matches namespace and metric name only', () => {
    const alarms = [
      alarm({ name: 'rds-cpu', state: 'ALARM' }),
      alarm({ name: 'apprunner-cpu', namespace: 'AWS/AppRunner' }),
      alarm({ name: 'rds-storage', metricName: 'FreeStorageSpace', threshold: 2e9 }),
      alarm({ name: 'no-threshold', threshold: null }),
    ]
    expect(thresholdsFor(series({}), alarms)).toEqual([{ value: 80, label: 'rds-cpu', state: 'ALARM', comparison: 'GreaterThanThreshold' }])
    expect(thresholdsFor(series({ metricName: 'FreeStorageSpace' }), alarms).map((t) => t.label)).toEqual(['rds-storage'])
    expect(thresholdsFor(series({ metricName: 'DatabaseConnections' }), alarms)).toEqual([])
  })
})

describe('alarmUnit', () => {
  it('prefers a loaded series, then known metrics, then Count', () => {
    expect(alarmUnit(alarm({}), [series({ unit: 'None' })])).toBe('None')
    expect(alarmUnit(alarm({ metricName: 'FreeStorageSpace' }))).toBe('Bytes')
    expect(alarmUnit(alarm({ namespace: 'AWS/AppRunner', metricName: '5xxStatusResponses' }))).toBe('Count')
  })
})

describe('describeCondition', () => {
  it('spells the comparison', () => {
    expect(describeCondition(alarm({}), '80%')).toBe('Average CPUUtilization > 80%')
    expect(describeCondition(alarm({ comparison: 'LessThanThreshold', statistic: null, metricName: 'FreeStorageSpace' }), '2 GiB')).toBe(
      'FreeStorageSpace < 2 GiB',
    )
    expect(describeCondition(alarm({ threshold: null }), '')).toBeNull()
  })
})
