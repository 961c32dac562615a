import {
  AppRunnerClient,
  DescribeAutoScalingConfigurationCommand,
  DescribeServiceCommand,
  ListServicesCommand,
} from '@aws-sdk/client-apprunner'
import { CloudWatchClient, DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'
import type { MetricRange } from '@/lib/domain/metrics'

import { autoScaling, describedService, SERVICE_ID, SERVICE_NAME, serviceSummaries } from './apprunner.fixtures'
import { getAlarmHistory, getMetrics, listAlarms } from './cloudwatch'
import { alarms, history } from './cloudwatch.fixtures'
import { queryId, seriesDefsFor, toAlarm } from './cloudwatch.mappers'
import { runtime } from './runtime'

const seriesDefs = seriesDefsFor(runtime.metrics)
import { accessDenied, awsError, malformed, throttled, timeout } from './sdk-errors.fixtures'

const cw = mockClient(CloudWatchClient)
const ar = mockClient(AppRunnerClient)

beforeEach(() => {
  cw.reset()
  ar.reset()
  resetCacheForTests()
  ar.on(ListServicesCommand).resolves({ ServiceSummaryList: serviceSummaries })
  ar.on(DescribeServiceCommand).resolves({ Service: describedService() })
  ar.on(DescribeAutoScalingConfigurationCommand).resolves({ AutoScalingConfiguration: autoScaling })
})
afterEach(() => vi.useRealTimers())

/** The GetMetricData input of the call that asked for `seriesId`. */
const callFor = (seriesId: string) =>
  cw.commandCalls(GetMetricDataCommand).find((c) => c.args[0].input.MetricDataQueries?.some((q) => q.Id === queryId(seriesId)))?.args[0]
    .input

describe('getMetrics', () => {
  it('asks for each source in its own GetMetricData call with the right dimensions, aligned times and period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:07:30Z'))
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: queryId('service.requests'),
          Timestamps: [new Date('2026-03-02T10:00:00Z'), new Date('2026-03-02T09:55:00Z')],
          Values: [12, 7],
          StatusCode: 'Complete',
        },
      ],
    })
    const r = await getMetrics('24h')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.data).toMatchObject({
      range: '24h',
      periodSeconds: 300,
      start: '2026-03-01T10:05:00.000Z',
      end: '2026-03-02T10:05:00.000Z',
      stale: false,
    })
    expect(r.data.series.map((s) => s.id)).toEqual(seriesDefs.map((d) => d.id))
    const requests = r.data.series.find((s) => s.id === 'service.requests')
    expect(requests).toEqual({
      id: 'service.requests',
      source: 'service',
      label: 'Requests',
      namespace: 'AWS/AppRunner',
      metricName: 'Requests',
      stat: 'Sum',
      unit: 'Count',
      points: [
        { t: '2026-03-02T09:55:00.000Z', v: 7 },
        { t: '2026-03-02T10:00:00.000Z', v: 12 },
      ],
    })
    expect(r.data.series.find((s) => s.id === 'rds.cpu')).toMatchObject({ points: [] })
    expect(r.data.series.find((s) => s.id === 'rds.cpu')?.error).toBeUndefined()

    const calls = cw.commandCalls(GetMetricDataCommand)
    expect(calls).toHaveLength(2)
    const service = callFor('service.requests')
    const database = callFor('rds.cpu')
    expect(service?.MetricDataQueries?.map((q) => q.Id)).toEqual(seriesDefs.filter((d) => d.source === 'service').map((d) => queryId(d.id)))
    expect(database?.MetricDataQueries?.map((q) => q.Id)).toEqual(
      seriesDefs.filter((d) => d.source === 'database').map((d) => queryId(d.id)),
    )
    for (const input of [service, database]) {
      expect(input?.StartTime).toEqual(new Date('2026-03-01T10:05:00Z'))
      expect(input?.EndTime).toEqual(new Date('2026-03-02T10:05:00Z'))
      expect(input?.ScanBy).toBe('TimestampAscending')
      for (const q of input?.MetricDataQueries ?? []) expect(q.Id).toMatch(/^[a-z][A-Za-z0-9_]*$/)
    }
    expect(service?.MetricDataQueries?.find((q) => q.Id === queryId('service.latencyP99'))?.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/AppRunner',
        MetricName: 'RequestLatency',
        Dimensions: [
          { Name: 'ServiceName', Value: SERVICE_NAME },
          { Name: 'ServiceID', Value: SERVICE_ID },
        ],
      },
      Period: 300,
      Stat: 'p99',
    })
    expect(database?.MetricDataQueries?.find((q) => q.Id === queryId('rds.writeIops'))?.MetricStat?.Metric).toEqual({
      Namespace: 'AWS/RDS',
      MetricName: 'WriteIOPS',
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'appfactory-db' }],
    })
  })

  it('follows NextToken and merges the pages of a series', async () => {
    const id = queryId('rds.cpu')
    cw.on(GetMetricDataCommand).callsFake((input: { NextToken?: string; MetricDataQueries?: { Id?: string }[] }) => {
      if (!input.MetricDataQueries?.some((q) => q.Id === id)) return { MetricDataResults: [] }
      return input.NextToken === 'n2'
        ? { MetricDataResults: [{ Id: id, Timestamps: [new Date('2026-03-02T09:00:00Z')], Values: [3], StatusCode: 'Complete' }] }
        : {
            MetricDataResults: [{ Id: id, Timestamps: [new Date('2026-03-02T10:00:00Z')], Values: [5], StatusCode: 'PartialData' }],
            NextToken: 'n2',
          }
    })
    const r = await getMetrics('7d')
    expect(r.ok && r.data.series.find((s) => s.id === 'rds.cpu')?.points.map((p) => p.v)).toEqual([3, 5])
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(3)
  })

  it('caches each source per range for 30 s', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] })
    await Promise.all([getMetrics('1h'), getMetrics('1h'), getMetrics('1h')])
    await getMetrics('3h')
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(4)
  })

  it('rejects an unknown range', async () => {
    expect(await getMetrics('2h' as MetricRange)).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(cw.calls()).toHaveLength(0)
  })

  it('reads the database series when the service cannot be resolved; only the service series carry the error', async () => {
    ar.on(ListServicesCommand).rejects(throttled())
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: queryId('rds.cpu'), Timestamps: [new Date()], Values: [4.5], StatusCode: 'Complete' }],
    })
    const r = await getMetrics('1h')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.data.series.find((s) => s.id === 'rds.cpu')).toMatchObject({ points: [{ v: 4.5 }] })
    expect(r.data.series.filter((s) => s.source === 'database').every((s) => s.error === undefined)).toBe(true)
    const service = r.data.series.filter((s) => s.source === 'service')
    expect(service.length).toBeGreaterThan(0)
    for (const s of service) expect(s).toMatchObject({ points: [], error: { code: 'aws_throttled' } })
    expect(r.data.sources.service).toMatchObject({ fetchedAt: null, error: { code: 'aws_throttled' } })
    expect(r.data.sources.database.error).toBeUndefined()
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(1)
    expect(callFor('rds.cpu')).toBeDefined()
  })

  it('a query CloudWatch refuses fails its own series only, with its status, message and request id', async () => {
    cw.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries?: { Id?: string }[] }) => ({
      $metadata: { requestId: 'req-gmd' },
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) =>
        q.Id === queryId('rds.freeStorage')
          ? {
              Id: q.Id,
              Timestamps: [],
              Values: [],
              StatusCode: 'InternalError',
              Messages: [{ Code: 'InternalError', Value: 'Try again.' }],
            }
          : q.Id === queryId('service.latencyP99')
            ? { Id: q.Id, StatusCode: 'Forbidden', Messages: [{ Code: 'Forbidden', Value: 'No access to this metric.' }] }
            : { Id: q.Id, Timestamps: [new Date()], Values: [1], StatusCode: 'Complete' },
      ),
    }))
    const r = await getMetrics('1h')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const failed = r.data.series.filter((s) => s.error)
    expect(failed.map((s) => s.id).sort()).toEqual(['rds.freeStorage', 'service.latencyP99'])
    expect(failed.find((s) => s.id === 'rds.freeStorage')).toMatchObject({
      points: [],
      error: { code: 'aws_error', awsCode: 'InternalError', requestId: 'req-gmd', retryable: true },
    })
    expect(failed.find((s) => s.id === 'rds.freeStorage')?.error?.message).toBe(
      'CloudWatch refused the query for Free storage (AWS/RDS FreeStorageSpace, Minimum) with InternalError: Try again.',
    )
    expect(failed.find((s) => s.id === 'service.latencyP99')?.error).toMatchObject({
      code: 'aws_denied',
      awsCode: 'Forbidden',
      iamAction: 'cloudwatch:GetMetricData',
    })
    expect(r.data.series.filter((s) => !s.error).every((s) => s.points.length === 1)).toBe(true)
  })

  it('needs no DescribeService before GetMetricData: the service id comes from ListServices', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] })
    expect(await getMetrics('1h')).toMatchObject({ ok: true })
    expect(ar.commandCalls(DescribeServiceCommand)).toHaveLength(0)
  })

  it.each([
    ['throttling', awsError('Throttling', 'Rate exceeded'), 'aws_throttled'],
    ['access denied', accessDenied('cloudwatch:GetMetricData'), 'aws_denied'],
    ['timeout', timeout(), 'aws_timeout'],
    ['malformed', malformed(), 'aws_error'],
  ])('fails as a whole only when no source can be read: %s is %s', async (_label, error, code) => {
    cw.on(GetMetricDataCommand).rejects(error)
    const r = await getMetrics('1h')
    expect(r).toMatchObject({ ok: false, error: { code } })
    if (!r.ok && code === 'aws_denied') expect(r.error.iamAction).toBe('cloudwatch:GetMetricData')
  })
})

describe('alarms', () => {
  it('maps alarms, firing first, with absent fields as null', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: alarms })
    const r = await listAlarms()
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.data.alarms.map((a) => [a.name, a.state])).toEqual([
      ['appfactory-apprunner-5xx-errors', 'ALARM'],
      ['appfactory-rds-storage-low', 'INSUFFICIENT_DATA'],
      ['appfactory-rds-cpu-high', 'OK'],
    ])
    expect(r.data.alarms[2]).toEqual({
      name: 'appfactory-rds-cpu-high',
      arn: 'arn:aws:cloudwatch:eu-central-1:082609687527:alarm:appfactory-rds-cpu-high',
      description: 'RDS CPU > 80%',
      state: 'OK',
      reason: 'Threshold Crossed: 1 datapoint [12.0] was not greater than the threshold (80.0).',
      since: '2026-03-01T09:00:00.000Z',
      namespace: 'AWS/RDS',
      metricName: 'CPUUtilization',
      statistic: 'Average',
      dimensions: [{ name: 'DBInstanceIdentifier', value: 'appfactory-db' }],
      threshold: 80,
      comparison: 'GreaterThanThreshold',
      periodSeconds: 300,
      evaluationPeriods: 2,
    })
    expect(r.data.alarms[0]).toMatchObject({ statistic: 'p99', since: '2026-03-02T10:00:00.000Z', dimensions: [], threshold: null })
    expect(r.data.alarms[1]).toMatchObject({ arn: null, reason: null, since: null, periodSeconds: null })
    expect(cw.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toEqual({ MaxRecords: 100, NextToken: undefined })
  })

  it('narrows an unknown state to INSUFFICIENT_DATA and requires a name', () => {
    expect(toAlarm({ AlarmName: 'x', StateValue: 'SOMETHING' as 'OK' })).toMatchObject({ ok: true, data: { state: 'INSUFFICIENT_DATA' } })
    expect(toAlarm({ StateValue: 'OK' })).toMatchObject({
      ok: false,
      error: { code: 'aws_error', message: 'AWS answered without AlarmName.' },
    })
  })

  it('reads every page', async () => {
    cw.on(DescribeAlarmsCommand, { NextToken: undefined })
      .resolves({ MetricAlarms: [alarms[0]!], NextToken: 'a2' })
      .on(DescribeAlarmsCommand, { NextToken: 'a2' })
      .resolves({ MetricAlarms: [alarms[1]!] })
    expect(await listAlarms()).toMatchObject({ ok: true, data: { alarms: [{}, {}] } })
  })

  it('maps AccessDenied on DescribeAlarms', async () => {
    cw.on(DescribeAlarmsCommand).rejects(accessDenied('cloudwatch:DescribeAlarms'))
    expect(await listAlarms()).toMatchObject({
      ok: false,
      error: { code: 'aws_denied', message: expect.stringContaining('cloudwatch:DescribeAlarms') },
    })
  })

  it('getAlarmHistory maps the newest history items', async () => {
    cw.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: history })
    expect(await getAlarmHistory('appfactory-rds-cpu-high')).toEqual({
      ok: true,
      data: [
        {
          alarmName: 'appfactory-rds-cpu-high',
          time: '2026-03-01T09:00:00.000Z',
          type: 'StateUpdate',
          summary: 'Alarm updated from ALARM to OK',
        },
      ],
    })
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)[0]?.args[0].input).toEqual({
      AlarmName: 'appfactory-rds-cpu-high',
      MaxRecords: 100,
      ScanBy: 'TimestampDescending',
    })
    expect(await getAlarmHistory('')).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
