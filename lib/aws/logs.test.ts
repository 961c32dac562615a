import {
  AppRunnerClient,
  DescribeAutoScalingConfigurationCommand,
  DescribeServiceCommand,
  ListServicesCommand,
} from '@aws-sdk/client-apprunner'
import { CloudWatchLogsClient, DescribeLogGroupsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'

import { autoScaling, describedService, SERVICE_ID, SERVICE_NAME, serviceSummaries } from './apprunner.fixtures'
import { getDeploymentLog, listLogEvents, parseSince, toFilterPattern } from './logs'
import { filterLogEvents, jsonLine, logStore } from './logs.fixtures'
import { toLogEvent } from './logs.mappers'
import { awsError, notAwsAnswer, SEED_PASSWORD, throttled } from './sdk-errors.fixtures'

const logs = mockClient(CloudWatchLogsClient)
const ar = mockClient(AppRunnerClient)
const NOW = Date.parse('2026-03-02T12:00:00Z')
const APP_GROUP = `/aws/apprunner/${SERVICE_NAME}/${SERVICE_ID}/application`

beforeEach(() => {
  logs.reset()
  ar.reset()
  resetCacheForTests()
  ar.on(ListServicesCommand).resolves({ ServiceSummaryList: serviceSummaries })
  ar.on(DescribeServiceCommand).resolves({ Service: describedService() })
  ar.on(DescribeAutoScalingConfigurationCommand).resolves({ AutoScalingConfiguration: autoScaling })
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => vi.useRealTimers())

describe('toLogEvent', () => {
  it('redacts the message and parses JSON fields, redacted too', () => {
    const r = toLogEvent({ eventId: 'e1', timestamp: NOW, logStreamName: 'instance/abc', message: jsonLine })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(JSON.stringify(r.data)).not.toContain(SEED_PASSWORD)
    expect(JSON.stringify(r.data)).not.toContain('hunter2')
    expect(JSON.stringify(r.data)).not.toContain('abc123')
    expect(r.data).toMatchObject({ eventId: 'e1', timestamp: '2026-03-02T12:00:00.000Z', stream: 'instance/abc' })
    expect(r.data.fields).toEqual({
      level: 'error',
      msg: 'db connect failed',
      url: 'postgresql://appfactory:****@appfactory-db.c9akciq32xyz.eu-central-1.rds.amazonaws.com:5432/postgres',
      password: '****',
      nested: { token: '****' },
    })
  })

  it('keeps plain text lines as text and requires an event id', () => {
    expect(toLogEvent({ eventId: 'e2', timestamp: NOW, message: '{not json' })).toMatchObject({
      ok: true,
      data: { fields: null, stream: '' },
    })
    expect(toLogEvent({ timestamp: NOW, message: 'x' })).toMatchObject({ ok: false, error: { code: 'aws_error' } })
  })
})

describe('toFilterPattern / parseSince', () => {
  it.each([
    [undefined, undefined],
    ['  ', undefined],
    ['connection refused', '"connection refused"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['{ $.level = "error" }', '{ $.level = "error" }'],
    ['[ip, user, status=5*]', '[ip, user, status=5*]'],
    ['"exact"', '"exact"'],
    ['?ERROR ?WARN', '?ERROR ?WARN'],
    ['%5\\d\\d%', '%5\\d\\d%'],
  ])('%s → %s', (input, expected) => expect(toFilterPattern(input)).toBe(expected))

  it('reads relative and ISO times and refuses anything else', () => {
    expect(parseSince('1h', NOW)).toBe(NOW - 3_600_000)
    expect(parseSince('24h', NOW)).toBe(NOW - 86_400_000)
    expect(parseSince('15m', NOW)).toBe(NOW - 900_000)
    expect(parseSince('7d', NOW)).toBe(NOW - 7 * 86_400_000)
    expect(parseSince('2026-03-02T11:00:00Z', NOW)).toBe(NOW - 3_600_000)
    expect(parseSince('yesterday', NOW)).toBeNull()
    expect(parseSince('1700000000', NOW)).toBeNull()
  })
})

describe('listLogEvents', () => {
  it('returns the newest events first from the service application log group', async () => {
    logs.on(FilterLogEventsCommand).callsFake(filterLogEvents(logStore(NOW, 3)))
    const r = await listLogEvents({ stream: 'application' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.data).toMatchObject({ logGroup: APP_GROUP, nextCursor: null, stale: false })
    expect(r.data.events.map((e) => e.message)).toEqual(['line 2', 'line 1', 'line 0'])
    const input = logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input
    expect(input).toEqual({
      logGroupName: APP_GROUP,
      startTime: NOW + 1 - 5 * 60_000,
      endTime: NOW + 1,
      filterPattern: undefined,
      limit: 10_000,
      nextToken: undefined,
    })
  })

  it('finds the log group by name (DescribeLogGroups with the prefix) when the service cannot be read', async () => {
    ar.on(ListServicesCommand).rejects(notAwsAnswer(500))
    const oldGroup = `/aws/apprunner/${SERVICE_NAME}/0ld5erv1ce/application`
    logs.on(DescribeLogGroupsCommand).resolves({
      logGroups: [
        { logGroupName: oldGroup, creationTime: NOW - 90 * 86_400_000 },
        { logGroupName: APP_GROUP, creationTime: NOW - 86_400_000 },
        { logGroupName: `/aws/apprunner/${SERVICE_NAME}/${SERVICE_ID}/service`, creationTime: NOW - 86_400_000 },
      ],
    })
    logs.on(FilterLogEventsCommand).callsFake(filterLogEvents(logStore(NOW, 2)))
    const r = await listLogEvents({ stream: 'application' })
    expect(r).toMatchObject({ ok: true, data: { logGroup: APP_GROUP } })
    expect(r.ok && r.data.events).toHaveLength(2)
    expect(logs.commandCalls(DescribeLogGroupsCommand)[0]?.args[0].input).toMatchObject({
      logGroupNamePrefix: `/aws/apprunner/${SERVICE_NAME}/`,
    })
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input.logGroupName).toBe(APP_GROUP)
  })

  it('says what is missing when neither the service nor a log group of it can be found', async () => {
    ar.on(ListServicesCommand).rejects(notAwsAnswer(500))
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] })
    const r = await listLogEvents({ stream: 'application' })
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', httpStatus: 500 } })
    expect(!r.ok && r.error.message).toMatch(/No application log group .* not an AWS API answer/)
    expect(logs.commandCalls(FilterLogEventsCommand)).toHaveLength(0)
  })

  it('pages backwards through the whole window without gaps or duplicates', async () => {
    const store = logStore(NOW, 250)
    logs.on(FilterLogEventsCommand).callsFake(filterLogEvents(store))
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const r = await listLogEvents({ stream: 'application', since: '24h', limit: 100, cursor })
      expect(r.ok).toBe(true)
      if (!r.ok) return
      seen.push(...r.data.events.map((e) => e.eventId))
      cursor = r.data.nextCursor
      pages += 1
    } while (cursor && pages < 10)
    expect(pages).toBe(3)
    expect(seen).toEqual(store.map((e) => e.eventId).reverse())
  })

  it('quotes free text as a phrase and redacts messages', async () => {
    logs
      .on(FilterLogEventsCommand)
      .resolves({ events: [{ eventId: 'x', timestamp: NOW - 1000, message: jsonLine, logStreamName: 'instance/1' }] })
    const r = await listLogEvents({ stream: 'service', filter: 'db connect', since: '1h' })
    expect(JSON.stringify(r)).not.toContain(SEED_PASSWORD)
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input).toMatchObject({
      logGroupName: `/aws/apprunner/${SERVICE_NAME}/${SERVICE_ID}/service`,
      filterPattern: '"db connect"',
    })
  })

  it('refuses a bad stream, since or cursor without calling AWS', async () => {
    expect(await listLogEvents({ stream: 'other' as 'service' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await listLogEvents({ stream: 'service', since: 'last week' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await listLogEvents({ stream: 'service', cursor: '!!!' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(logs.calls()).toHaveLength(0)
  })

  it('maps a missing log group to not_found and throttling to aws_throttled', async () => {
    logs
      .on(FilterLogEventsCommand)
      .rejectsOnce(awsError('ResourceNotFoundException', 'The specified log group does not exist.'))
      .rejects(throttled())
    expect(await listLogEvents({ stream: 'application' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await listLogEvents({ stream: 'application', since: '2h' })).toMatchObject({ ok: false, error: { code: 'aws_throttled' } })
  })
})

describe('getDeploymentLog', () => {
  it('reads the deployment stream of the service log group, oldest first', async () => {
    logs.on(FilterLogEventsCommand).resolves({
      events: [
        { eventId: 'd1', timestamp: NOW - 2000, message: '[AppRunner] Deployment started.', logStreamName: 'deployment/op-1' },
        { eventId: 'd2', timestamp: NOW - 1000, message: '[AppRunner] Pulling image', logStreamName: 'deployment/op-1' },
      ],
    })
    const r = await getDeploymentLog('op-1')
    expect(r.ok && r.data.map((e) => e.eventId)).toEqual(['d1', 'd2'])
    expect(logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input).toEqual({
      logGroupName: `/aws/apprunner/${SERVICE_NAME}/${SERVICE_ID}/service`,
      logStreamNames: ['deployment/op-1'],
      nextToken: undefined,
    })
    expect(await getDeploymentLog('../etc')).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })
})
