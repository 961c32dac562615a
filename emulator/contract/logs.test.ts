import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import { ACCOUNT_ID, APPLICATION_LOG_GROUP, DB_ENDPOINT, DB_MASTER_PASSWORD, SERVICE_LOG_GROUP } from '../world/constants'
import { APPLICATION_STREAMS } from '../world/log-traffic'
import { caught, clientConfig, start } from './helpers'

describe('CloudWatch Logs contract', () => {
  let emu: Emulator
  let logs: CloudWatchLogsClient
  beforeAll(async () => {
    emu = await start()
    logs = new CloudWatchLogsClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    logs.destroy()
    await emu.close()
  })

  it('DescribeLogGroups lists both App Runner groups with ms times and ARNs', async () => {
    const out = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/apprunner/' }))
    const groups = out.logGroups!
    expect(groups.map((g) => g.logGroupName)).toEqual([APPLICATION_LOG_GROUP, SERVICE_LOG_GROUP])
    expect(groups[0]!.arn).toBe(`arn:aws:logs:eu-central-1:${ACCOUNT_ID}:log-group:${APPLICATION_LOG_GROUP}:*`)
    expect(groups[0]!.creationTime).toBeGreaterThan(1_600_000_000_000)
    expect(groups[0]!.storedBytes).toBeGreaterThan(0)
    const page = await logs.send(new DescribeLogGroupsCommand({ limit: 1 }))
    expect(page.logGroups).toHaveLength(1)
    const rest = await logs.send(new DescribeLogGroupsCommand({ limit: 1, nextToken: page.nextToken }))
    expect(rest.logGroups![0]!.logGroupName).toBe(SERVICE_LOG_GROUP)
    expect((await caught(() => logs.send(new DescribeLogGroupsCommand({ limit: 51 })))).name).toBe('InvalidParameterException')
  })

  it('DescribeLogStreams orders by name or last event time', async () => {
    const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupName: APPLICATION_LOG_GROUP }))
    expect(byName.logStreams!.map((s) => s.logStreamName)).toEqual([...APPLICATION_STREAMS].sort())
    const s = byName.logStreams![0]!
    expect(s.lastEventTimestamp).toBeGreaterThan(s.firstEventTimestamp!)
    const recent = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: SERVICE_LOG_GROUP, orderBy: 'LastEventTime', descending: true, limit: 2 }),
    )
    expect(recent.logStreams).toHaveLength(2)
    expect(recent.logStreams![0]!.lastEventTimestamp).toBeGreaterThanOrEqual(recent.logStreams![1]!.lastEventTimestamp!)
    expect(recent.nextToken).toBeTruthy()
    const bad = await caught(() =>
      logs.send(
        new DescribeLogStreamsCommand({ logGroupName: SERVICE_LOG_GROUP, orderBy: 'LastEventTime', logStreamNamePrefix: 'deployment/' }),
      ),
    )
    expect(bad.name).toBe('InvalidParameterException')
  })

  it('FilterLogEvents returns events oldest first within the window, across streams', async () => {
    const now = Date.now()
    const out = await logs.send(
      new FilterLogEventsCommand({ logGroupName: APPLICATION_LOG_GROUP, startTime: now - 3600_000, endTime: now, limit: 50 }),
    )
    const events = out.events!
    expect(events.length).toBe(50)
    const times = events.map((e) => e.timestamp!)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(times.every((t) => t >= now - 3600_000 && t <= now)).toBe(true)
    expect(new Set(events.map((e) => e.logStreamName)).size).toBe(2)
    expect(events[0]).toMatchObject({ eventId: expect.stringMatching(/^\d{56}$/), ingestionTime: expect.any(Number) })
    expect(out.nextToken).toBeTruthy()
  })

  it('FilterLogEvents pages stably with nextToken until the window is exhausted', async () => {
    const now = Date.now()
    const input = { logGroupName: APPLICATION_LOG_GROUP, startTime: now - 6 * 3600_000, endTime: now }
    const all = await logs.send(new FilterLogEventsCommand(input))
    const seen: string[] = []
    let token: string | undefined
    do {
      const page = await logs.send(new FilterLogEventsCommand({ ...input, limit: 97, nextToken: token }))
      seen.push(...page.events!.map((e) => e.eventId!))
      token = page.nextToken
    } while (token)
    expect(seen).toEqual(all.events!.map((e) => e.eventId))
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('FilterLogEvents applies JSON and term filter patterns', async () => {
    const errors = await logs.send(
      new FilterLogEventsCommand({ logGroupName: APPLICATION_LOG_GROUP, filterPattern: '{ $.res.statusCode >= 500 }' }),
    )
    expect(errors.events!.length).toBeGreaterThanOrEqual(12)
    expect(errors.events!.every((e) => (JSON.parse(e.message!) as { res: { statusCode: number } }).res.statusCode >= 500)).toBe(true)
    const level = await logs.send(
      new FilterLogEventsCommand({ logGroupName: APPLICATION_LOG_GROUP, filterPattern: '{ $.level = "error" }' }),
    )
    expect(level.events!.length).toBeGreaterThanOrEqual(errors.events!.length)
    const conn = await logs.send(
      new FilterLogEventsCommand({ logGroupIdentifier: APPLICATION_LOG_GROUP, filterPattern: '"connection failed" -statusCode' }),
    )
    expect(conn.events!.length).toBeGreaterThanOrEqual(1)
    expect(conn.events![0]!.message).toContain(DB_ENDPOINT)
    expect(conn.events![0]!.message).not.toContain(DB_MASTER_PASSWORD)
    const deploy = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: SERVICE_LOG_GROUP,
        logStreamNamePrefix: 'deployment/',
        filterPattern: '?"Health check failed" ?"Failed to pull"',
      }),
    )
    expect(deploy.events!.length).toBeGreaterThanOrEqual(1)
  })

  it('FilterLogEvents caps a page at 1 MB', async () => {
    const big = await start()
    try {
      const w = big.world()
      const line = 'x'.repeat(10_000)
      w.logs.append(
        APPLICATION_LOG_GROUP,
        'instance/big',
        Array.from({ length: 200 }, (_, i) => ({ timestamp: Date.now() - 1000 + i, message: `${line}${i}` })),
      )
      const client = new CloudWatchLogsClient(clientConfig(big.url))
      const out = await client.send(new FilterLogEventsCommand({ logGroupName: APPLICATION_LOG_GROUP, logStreamNames: ['instance/big'] }))
      expect(out.events!.length).toBeLessThan(200)
      expect(out.events!.length).toBeGreaterThan(90)
      expect(out.nextToken).toBeTruthy()
      client.destroy()
    } finally {
      await big.close()
    }
  })

  it('models the errors: unknown group, both stream selectors, bad pattern', async () => {
    const missing = await caught(() => logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/apprunner/nope' })))
    expect(missing.name).toBe('ResourceNotFoundException')
    expect(missing.message).toBe('The specified log group does not exist.')
    const both = await caught(() =>
      logs.send(new FilterLogEventsCommand({ logGroupName: APPLICATION_LOG_GROUP, logStreamNames: ['a'], logStreamNamePrefix: 'a' })),
    )
    expect(both.name).toBe('InvalidParameterException')
    const bad = await caught(() =>
      logs.send(new FilterLogEventsCommand({ logGroupName: APPLICATION_LOG_GROUP, filterPattern: '{ $.level = ' })),
    )
    expect(bad.name).toBe('InvalidParameterException')
    const noStream = await caught(() => logs.send(new GetLogEventsCommand({ logGroupName: SERVICE_LOG_GROUP, logStreamName: 'nope' })))
    expect(noStream.name).toBe('ResourceNotFoundException')
    const noGroup = await caught(() => logs.send(new DescribeLogStreamsCommand({ logGroupName: 'nope' })))
    expect(noGroup.name).toBe('ResourceNotFoundException')
  })

  it('GetLogEvents pages from the head and returns the same token at the end', async () => {
    const w = emu.world()
    const op = w.service.operations[0]!
    const input = { logGroupName: SERVICE_LOG_GROUP, logStreamName: `deployment/${op.id}`, startFromHead: true, limit: 3 }
    const first = await logs.send(new GetLogEventsCommand(input))
    expect(first.events).toHaveLength(3)
    expect(first.events![0]!.message).toMatch(/^\[AppRunner\] /)
    expect(first.nextForwardToken).toMatch(/^f\//)
    expect(first.nextBackwardToken).toMatch(/^b\//)
    const messages = first.events!.map((e) => e.message)
    let token = first.nextForwardToken
    for (let i = 0; i < 20; i++) {
      const page = await logs.send(new GetLogEventsCommand({ ...input, nextToken: token }))
      if (page.events!.length === 0) {
        expect(page.nextForwardToken).toBe(token)
        break
      }
      messages.push(...page.events!.map((e) => e.message))
      token = page.nextForwardToken
    }
    const total = w.logs.getGroup(SERVICE_LOG_GROUP)!.streams.get(`deployment/${op.id}`)!.events.length
    expect(messages).toHaveLength(total)
    const pages: number[] = []
    for await (const page of paginateGetLogEvents({ client: logs, pageSize: 4, stopOnSameToken: true }, { ...input, limit: undefined }))
      pages.push(page.events!.length)
    expect(pages.reduce((a, b) => a + b, 0)).toBe(total)
  })

  it('GetLogEvents without startFromHead returns the newest events and pages backwards', async () => {
    const stream = APPLICATION_STREAMS[0]!
    const newest = await logs.send(new GetLogEventsCommand({ logGroupName: APPLICATION_LOG_GROUP, logStreamName: stream, limit: 5 }))
    const events = emu.world().logs.getGroup(APPLICATION_LOG_GROUP)!.streams.get(stream)!.events
    expect(newest.events!.map((e) => e.timestamp)).toEqual(events.slice(-5).map((e) => e.timestamp))
    const older = await logs.send(
      new GetLogEventsCommand({
        logGroupName: APPLICATION_LOG_GROUP,
        logStreamName: stream,
        limit: 5,
        nextToken: newest.nextBackwardToken,
      }),
    )
    expect(older.events!.map((e) => e.timestamp)).toEqual(events.slice(-10, -5).map((e) => e.timestamp))
    const again = await logs.send(
      new GetLogEventsCommand({ logGroupName: APPLICATION_LOG_GROUP, logStreamName: stream, nextToken: newest.nextForwardToken }),
    )
    // The application log grows with the clock, so the forward page holds only newer events, if any.
    const last = newest.events![newest.events!.length - 1]!.timestamp!
    expect(again.events!.every((e) => e.timestamp! >= last)).toBe(true)
    if (again.events!.length === 0) expect(again.nextForwardToken).toBe(newest.nextForwardToken)
  })
})
