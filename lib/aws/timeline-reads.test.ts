import { CloudWatchClient, DescribeAlarmHistoryCommand } from '@aws-sdk/client-cloudwatch'
import { DescribeEventsCommand, RDSClient } from '@aws-sdk/client-rds'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'

import { listAlarmStateChanges } from './cloudwatch'
import { toAlarmStateChange } from './cloudwatch.mappers'
import { listDatabaseEvents, listDatabaseEventsIn } from './rds'
import { throttled } from './sdk-errors.fixtures'
import type { ReadWindow } from './support'

/* The windowed reads behind the timeline: alarm state changes and RDS events, bounded and cached per window. */

const cw = mockClient(CloudWatchClient)
const rds = mockClient(RDSClient)
const FROM = Date.parse('2026-03-02T13:00:00Z')
const TO = Date.parse('2026-03-02T14:00:00Z')
const window: ReadWindow = { key: 'at:test', bounds: () => ({ from: FROM, to: TO }) }

beforeEach(() => {
  cw.reset()
  rds.reset()
  resetCacheForTests()
})

const stateUpdate = (time: string, from: string, to: string, reason: string) => ({
  AlarmName: 'appfactory-5xx',
  Timestamp: new Date(time),
  HistoryItemType: 'StateUpdate' as const,
  HistorySummary: `Alarm updated from ${from} to ${to}`,
  HistoryData: JSON.stringify({ version: '1.0', oldState: { stateValue: from }, newState: { stateValue: to, stateReason: reason } }),
})

describe('listAlarmStateChanges', () => {
  it('asks for StateUpdate items of every alarm in the window, newest first, and maps old → new and the reason', async () => {
    cw.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        stateUpdate('2026-03-02T13:40:00Z', 'OK', 'ALARM', 'Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0).'),
      ],
    })
    const r = await listAlarmStateChanges(window)
    expect(r).toEqual({
      ok: true,
      data: {
        changes: [
          {
            alarmName: 'appfactory-5xx',
            time: '2026-03-02T13:40:00.000Z',
            from: 'OK',
            to: 'ALARM',
            reason: 'Threshold Crossed: 1 datapoint [12.0] was greater than the threshold (5.0).',
          },
        ],
        unread: null,
      },
    })
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)[0]?.args[0].input).toEqual({
      HistoryItemType: 'StateUpdate',
      StartDate: new Date(FROM),
      EndDate: new Date(TO),
      ScanBy: 'TimestampDescending',
      MaxRecords: 100,
      NextToken: undefined,
    })
  })

  it('reads at most five pages and says which older part of the window it did not reach', async () => {
    cw.on(DescribeAlarmHistoryCommand).callsFake((input: { NextToken?: string }) => {
      const page = Number(input.NextToken ?? '0')
      return {
        AlarmHistoryItems: [stateUpdate(new Date(TO - (page + 1) * 60_000).toISOString(), 'OK', 'ALARM', 'r')],
        NextToken: String(page + 1),
      }
    })
    const r = await listAlarmStateChanges(window)
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)).toHaveLength(5)
    expect(r.ok && r.data.unread).toEqual({ from: FROM, to: TO - 5 * 60_000 })
  })

  it('is read once per window however many viewers ask at once', async () => {
    cw.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] })
    await Promise.all(Array.from({ length: 100 }, () => listAlarmStateChanges(window)))
    await listAlarmStateChanges(window)
    expect(cw.commandCalls(DescribeAlarmHistoryCommand)).toHaveLength(1)
  })

  it('reports a failure as an AppError', async () => {
    cw.on(DescribeAlarmHistoryCommand).rejects(throttled())
    const r = await listAlarmStateChanges(window)
    expect(!r.ok && r.error.code).toBe('aws_throttled')
  })
})

describe('toAlarmStateChange', () => {
  it('falls back to the summary when HistoryData is not JSON', () => {
    const r = toAlarmStateChange({ ...stateUpdate('2026-03-02T13:40:00Z', 'ALARM', 'OK', 'x'), HistoryData: 'not json' })
    expect(r.ok && r.data).toMatchObject({ from: 'ALARM', to: 'OK', reason: null })
  })
})

describe('listDatabaseEventsIn', () => {
  it('asks for the instance events in the window and returns them newest first', async () => {
    rds.on(DescribeEventsCommand).resolves({
      Events: [
        {
          Message: 'DB instance shutdown',
          Date: new Date('2026-03-02T13:10:00Z'),
          EventCategories: ['notification'],
          SourceIdentifier: 'appfactory-db',
        },
        {
          Message: 'DB instance stopped',
          Date: new Date('2026-03-02T13:15:00Z'),
          EventCategories: ['notification'],
          SourceIdentifier: 'appfactory-db',
        },
      ],
    })
    const r = await listDatabaseEventsIn(window)
    expect(r.ok && r.data.events.map((e) => e.message)).toEqual(['DB instance stopped', 'DB instance shutdown'])
    expect(r.ok && r.data.unread).toBeNull()
    expect(rds.commandCalls(DescribeEventsCommand)[0]?.args[0].input).toMatchObject({
      SourceType: 'db-instance',
      SourceIdentifier: 'appfactory-db',
      StartTime: new Date(FROM),
      EndTime: new Date(TO),
      MaxRecords: 100,
    })
  })

  it('reads at most five pages and says which newer part it did not reach', async () => {
    rds.on(DescribeEventsCommand).callsFake((input: { Marker?: string }) => {
      const page = Number(input.Marker ?? '0')
      return {
        Events: [{ Message: 'Backup', Date: new Date(FROM + (page + 1) * 60_000), EventCategories: ['backup'] }],
        Marker: String(page + 1),
      }
    })
    const r = await listDatabaseEventsIn(window)
    expect(rds.commandCalls(DescribeEventsCommand)).toHaveLength(5)
    expect(r.ok && r.data.unread).toEqual({ from: FROM + 5 * 60_000, to: TO })
  })

  it('serves a window that ends now from the 14 days the cost card reads: one DescribeEvents for both, filtered to the window', async () => {
    const now = Date.now()
    const event = (hoursAgo: number, Message: string) => ({
      Message,
      Date: new Date(now - hoursAgo * 3_600_000),
      EventCategories: ['notification'],
    })
    rds.on(DescribeEventsCommand).resolves({ Events: [event(240, 'DB instance stopped'), event(2, 'DB instance started')] })
    const lastWeek: ReadWindow = { key: 'live:7d', bounds: (t) => ({ from: t - 7 * 24 * 3_600_000, to: t }) }
    const [fortnight, week] = await Promise.all([listDatabaseEvents({ hours: 14 * 24 }), listDatabaseEventsIn(lastWeek)])
    expect(fortnight.ok && fortnight.data.map((e) => e.message)).toEqual(['DB instance started', 'DB instance stopped'])
    expect(week.ok && week.data.events.map((e) => e.message)).toEqual(['DB instance started'])
    expect(rds.commandCalls(DescribeEventsCommand)).toHaveLength(1)
    expect(rds.commandCalls(DescribeEventsCommand)[0]?.args[0].input.StartTime?.getTime()).toBeLessThanOrEqual(
      now - 14 * 24 * 3_600_000 + 60_000,
    )
  })
})
