import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import { ALARM_NAMES, DB_INSTANCE, SERVICE_ID, SERVICE_NAME } from '../world/constants'
import { caught, clientConfig, control, start } from './helpers'

const appDims = [
  { Name: 'ServiceName', Value: SERVICE_NAME },
  { Name: 'ServiceID', Value: SERVICE_ID },
]
const rdsDims = [{ Name: 'DBInstanceIdentifier', Value: DB_INSTANCE }]
const query = (
  Id: string,
  MetricName: string,
  Stat: string,
  Period: number,
  Namespace = 'AWS/AppRunner',
  Dimensions = Namespace === 'AWS/RDS' ? rdsDims : appDims,
): MetricDataQuery => ({
  Id,
  MetricStat: { Metric: { Namespace, MetricName, Dimensions }, Period, Stat },
})

describe('CloudWatch contract', () => {
  let emu: Emulator
  let cw: CloudWatchClient
  beforeAll(async () => {
    emu = await start()
    cw = new CloudWatchClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    cw.destroy()
    await emu.close()
  })

  const window = (hours: number) => {
    const EndTime = new Date()
    return { StartTime: new Date(EndTime.getTime() - hours * 3600_000), EndTime }
  }

  it('GetMetricData returns dated series, newest first, for App Runner and RDS', async () => {
    const out = await cw.send(
      new GetMetricDataCommand({
        ...window(3),
        MetricDataQueries: [
          query('req', 'Requests', 'Sum', 300),
          query('cpu', 'CPUUtilization', 'Average', 60, 'AWS/RDS'),
          { ...query('lat', 'RequestLatency', 'Average', 300), Label: 'Latency' },
        ],
      }),
    )
    const [req, cpu, lat] = out.MetricDataResults!
    expect(req).toMatchObject({ Id: 'req', Label: 'Requests', StatusCode: 'Complete' })
    expect(lat!.Label).toBe('Latency')
    expect(req!.Timestamps!.length).toBeGreaterThanOrEqual(35)
    expect(req!.Timestamps![0]).toBeInstanceOf(Date)
    expect(req!.Values).toHaveLength(req!.Timestamps!.length)
    const times = req!.Timestamps!.map((d) => d.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(times.every((t) => t % 300_000 === 0)).toBe(true)
    expect(cpu!.Timestamps!.length).toBeGreaterThanOrEqual(170)
    expect(cpu!.Values!.every((v) => v > 0 && v <= 100)).toBe(true)
  })

  it('GetMetricData honours ScanBy TimestampAscending and scales Sum with the period', async () => {
    const w = window(2)
    const minute = await cw.send(
      new GetMetricDataCommand({ ...w, ScanBy: 'TimestampAscending', MetricDataQueries: [query('m', 'Requests', 'Sum', 60)] }),
    )
    const times = minute.MetricDataResults![0]!.Timestamps!.map((d) => d.getTime())
    expect(times).toEqual([...times].sort((a, b) => a - b))
    const start = Math.ceil(w.StartTime.getTime() / 3600_000) * 3600_000
    const hourWindow = { StartTime: new Date(start), EndTime: new Date(start + 3600_000) }
    const perMinute = await cw.send(new GetMetricDataCommand({ ...hourWindow, MetricDataQueries: [query('m', 'Requests', 'Sum', 60)] }))
    const perHour = await cw.send(new GetMetricDataCommand({ ...hourWindow, MetricDataQueries: [query('h', 'Requests', 'Sum', 3600)] }))
    const total = perMinute.MetricDataResults![0]!.Values!.reduce((a, b) => a + b, 0)
    expect(perHour.MetricDataResults![0]!.Values![0]).toBeCloseTo(total, 3)
  })

  it('matches only the exact dimension set and answers unknown metrics with an empty series', async () => {
    const out = await cw.send(
      new GetMetricDataCommand({
        ...window(1),
        MetricDataQueries: [
          query('partial', 'Requests', 'Sum', 60, 'AWS/AppRunner', [appDims[0]!]),
          query('wrong', 'RequestCount', 'Sum', 60),
          { Id: 'unit', MetricStat: { ...query('u', 'Requests', 'Sum', 60).MetricStat!, Unit: 'Seconds' } },
        ],
      }),
    )
    expect(out.MetricDataResults).toHaveLength(3)
    for (const r of out.MetricDataResults!) {
      expect(r.StatusCode).toBe('Complete')
      expect(r.Timestamps).toEqual([])
      expect(r.Values).toEqual([])
    }
  })

  it('GetMetricData with more than 500 queries is InvalidParameterValueException', async () => {
    const queries = Array.from({ length: 501 }, (_, i) => query(`q${i}`, 'Requests', 'Sum', 60))
    const e = await caught(() => cw.send(new GetMetricDataCommand({ ...window(1), MetricDataQueries: queries })))
    expect(e.name).toBe('InvalidParameterValueException')
    expect(e.$metadata?.httpStatusCode).toBe(400)
  })

  it('GetMetricData names every query with an unknown statistic, in one ValidationError (the SDK: ValidationException)', async () => {
    const e = await caught(() =>
      cw.send(
        new GetMetricDataCommand({
          ...window(1),
          MetricDataQueries: [query('a', 'Requests', 'Sum', 60), query('b', 'Requests', 'Median', 60), query('c', 'Requests', 'p101x', 60)],
        }),
      ),
    )
    expect(e.name).toBe('ValidationException')
    expect((e as Error & { Code?: string }).Code).toBe('ValidationError')
    expect(e.message).toBe(
      'The value Median for parameter MetricDataQueries.member.2.MetricStat.Stat is not a valid statistic.\nThe value p101x for parameter MetricDataQueries.member.3.MetricStat.Stat is not a valid statistic.',
    )
  })

  it('a metricQuery fault refuses one query of a GetMetricData answer, and only that one', async () => {
    expect((await control(emu.url, 'POST', '/_emulator/faults', { metricQuery: 'rds*', error: 'Forbidden' })).status).toBe(200)
    const out = await cw.send(
      new GetMetricDataCommand({
        ...window(1),
        MetricDataQueries: [query('req', 'Requests', 'Sum', 60), query('rdsCpu', 'Requests', 'Sum', 60)],
      }),
    )
    const [ok, refused] = out.MetricDataResults ?? []
    expect(ok).toMatchObject({ Id: 'req', StatusCode: 'Complete' })
    expect(ok?.Values?.length).toBeGreaterThan(0)
    expect(refused).toMatchObject({ Id: 'rdsCpu', StatusCode: 'Forbidden', Values: [], Messages: [{ Code: 'Forbidden' }] })
    await control(emu.url, 'DELETE', '/_emulator/faults')
    expect((await control(emu.url, 'POST', '/_emulator/faults', { metricQuery: 'x', error: 'ThrottlingException' })).status).toBe(400)
  })

  it('GetMetricData rejects an id that does not start with a lowercase letter', async () => {
    const e = await caught(() =>
      cw.send(new GetMetricDataCommand({ ...window(1), MetricDataQueries: [query('Bad', 'Requests', 'Sum', 60)] })),
    )
    expect(e.name).toBe('InvalidParameterValueException')
  })

  it('GetMetricData truncates at MaxDatapoints with PartialData and a NextToken', async () => {
    const w = window(1)
    const first = await cw.send(
      new GetMetricDataCommand({ ...w, MaxDatapoints: 10, MetricDataQueries: [query('m', 'Requests', 'Sum', 60)] }),
    )
    expect(first.MetricDataResults![0]!.StatusCode).toBe('PartialData')
    expect(first.MetricDataResults![0]!.Values).toHaveLength(10)
    expect(first.NextToken).toBeTruthy()
    const second = await cw.send(
      new GetMetricDataCommand({
        ...w,
        MaxDatapoints: 100,
        NextToken: first.NextToken,
        MetricDataQueries: [query('m', 'Requests', 'Sum', 60)],
      }),
    )
    expect(second.MetricDataResults![0]!.StatusCode).toBe('Complete')
    expect(second.MetricDataResults![0]!.Values!.length).toBeGreaterThan(40)
    expect(second.NextToken).toBeUndefined()
  })

  it('DescribeAlarms lists the four alarms with state, threshold and dimensions', async () => {
    const out = await cw.send(new DescribeAlarmsCommand({}))
    const alarms = out.MetricAlarms!
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(Object.values(ALARM_NAMES).sort())
    const fivexx = alarms.find((a) => a.AlarmName === ALARM_NAMES.fiveXx)!
    expect(fivexx).toMatchObject({
      StateValue: 'ALARM',
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      Statistic: 'Sum',
      Period: 300,
      Namespace: 'AWS/AppRunner',
      MetricName: '5xxStatusResponses',
    })
    expect(fivexx.Dimensions).toEqual(appDims)
    expect(fivexx.StateReason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoints \[12\.0 /)
    expect(fivexx.StateUpdatedTimestamp).toBeInstanceOf(Date)
    expect(JSON.parse(fivexx.StateReasonData!)).toMatchObject({ version: '1.0' })
    const cpu = alarms.find((a) => a.AlarmName === ALARM_NAMES.rdsCpu)!
    expect(cpu).toMatchObject({ StateValue: 'OK', Threshold: 80, Dimensions: rdsDims })
    const storage = alarms.find((a) => a.AlarmName === ALARM_NAMES.rdsStorage)!
    expect(storage.Threshold).toBe(4 * 1024 ** 3)
  })

  it('DescribeAlarms filters by names, prefix and state, and pages with MaxRecords', async () => {
    const byName = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [ALARM_NAMES.rdsCpu] }))
    expect(byName.MetricAlarms!.map((a) => a.AlarmName)).toEqual([ALARM_NAMES.rdsCpu])
    const byPrefix = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'appfactory-rds-' }))
    expect(byPrefix.MetricAlarms).toHaveLength(2)
    const inAlarm = await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }))
    expect(inAlarm.MetricAlarms!.map((a) => a.AlarmName)).toEqual([ALARM_NAMES.fiveXx])
    const page1 = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 3 }))
    expect(page1.MetricAlarms).toHaveLength(3)
    const page2 = await cw.send(new DescribeAlarmsCommand({ MaxRecords: 3, NextToken: page1.NextToken }))
    expect(page2.MetricAlarms).toHaveLength(1)
    expect(page2.NextToken).toBeUndefined()
    const composite = await cw.send(new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm'] }))
    expect(composite.MetricAlarms).toEqual([])
  })

  it('DescribeAlarmHistory returns state changes newest first', async () => {
    const out = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: ALARM_NAMES.fiveXx, HistoryItemType: 'StateUpdate' }))
    const items = out.AlarmHistoryItems!
    expect(items.length).toBeGreaterThanOrEqual(3)
    expect(items[0]).toMatchObject({
      AlarmName: ALARM_NAMES.fiveXx,
      HistoryItemType: 'StateUpdate',
      HistorySummary: 'Alarm updated from OK to ALARM',
    })
    expect(items[0]!.Timestamp).toBeInstanceOf(Date)
    const times = items.map((i) => i.Timestamp!.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(JSON.parse(items[0]!.HistoryData!)).toMatchObject({
      oldState: { stateValue: 'OK', stateReason: expect.stringContaining('was not greater than the threshold') },
      newState: { stateValue: 'ALARM', stateReason: expect.stringMatching(/^Threshold Crossed: 1 out of the last 1 datapoints/) },
    })
    const limited = await cw.send(new DescribeAlarmHistoryCommand({ MaxRecords: 2 }))
    expect(limited.AlarmHistoryItems).toHaveLength(2)
    expect(limited.NextToken).toBeTruthy()
  })

  it('SetAlarmState holds the state until the next evaluation, with the reason in the history, then the actual state returns', async () => {
    await control(emu.url, 'POST', '/_emulator/reset', {})
    const name = ALARM_NAMES.rdsCpu
    const reason = 'Forced by the contract test'
    await cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: 'ALARM', StateReason: reason, StateReasonData: '{"by":"test"}' }))
    const now = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))
    expect(now.MetricAlarms![0]).toMatchObject({ StateValue: 'ALARM', StateReason: reason })
    const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: name, HistoryItemType: 'StateUpdate', MaxRecords: 1 }))
    expect(history.AlarmHistoryItems![0]).toMatchObject({ HistorySummary: 'Alarm updated from OK to ALARM' })
    expect(JSON.parse(history.AlarmHistoryItems![0]!.HistoryData!)).toMatchObject({
      oldState: { stateValue: 'OK' },
      newState: { stateValue: 'ALARM', stateReason: reason, stateReasonData: { by: 'test' } },
    })
    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 61_000 })
    const later = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))
    expect(later.MetricAlarms![0]).toMatchObject({
      StateValue: 'OK',
      StateReason: expect.stringContaining('not greater than the threshold (80.0)'),
    })
    const after = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: name, HistoryItemType: 'StateUpdate', MaxRecords: 1 }))
    expect(after.AlarmHistoryItems![0]).toMatchObject({ HistorySummary: 'Alarm updated from ALARM to OK' })

    const unknown = await caught(() =>
      cw.send(new SetAlarmStateCommand({ AlarmName: 'no-such-alarm', StateValue: 'OK', StateReason: 'x' })),
    )
    expect(unknown).toMatchObject({ name: 'ResourceNotFound', $metadata: { httpStatusCode: 404 } })
    const badData = await caught(() =>
      cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: 'OK', StateReason: 'x', StateReasonData: '{no' })),
    )
    expect(badData).toMatchObject({ name: 'InvalidFormatFault', $metadata: { httpStatusCode: 400 } })
    await control(emu.url, 'POST', '/_emulator/reset', {})
  })

  it('reflects the world: a stopped DB has no recent RDS datapoints and its alarms lack data', async () => {
    await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'db-stopped' })
    try {
      const out = await cw.send(
        new GetMetricDataCommand({
          ...window(3),
          MetricDataQueries: [query('cpu', 'CPUUtilization', 'Average', 300, 'AWS/RDS'), query('e', '5xxStatusResponses', 'Sum', 300)],
        }),
      )
      expect(out.MetricDataResults![0]!.Values).toEqual([])
      const fivexx = out.MetricDataResults![1]!.Values!
      expect(Math.max(...fivexx)).toBeGreaterThan(20)
      const alarms = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'appfactory-rds-' }))
      expect(alarms.MetricAlarms!.every((a) => a.StateValue === 'INSUFFICIENT_DATA')).toBe(true)
      const hc = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [ALARM_NAMES.healthCheck] }))
      expect(hc.MetricAlarms![0]!.StateValue).toBe('ALARM')
    } finally {
      await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'healthy' })
    }
  })
})
