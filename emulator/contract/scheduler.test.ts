import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch'
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds'
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  DeleteScheduleGroupCommand,
  GetScheduleCommand,
  GetScheduleGroupCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import { ACCOUNT_ID, APPRUNNER_ACCESS_ROLE_ARN, DB_INSTANCE, SCHEDULER_ROLE, SCHEDULER_ROLE_ARN, SERVICE_ARN } from '../world/constants'
import { caught, clientConfig, control } from './helpers'
import { start } from './helpers'
import { stopDbTarget } from './requests'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const GROUP = 'appfactory-portal'

/** `at(…)` of a time in UTC, to the second. */
const atUtc = (ms: number) => `at(${new Date(ms).toISOString().slice(0, 19)})`

describe('EventBridge Scheduler contract (restJson1)', () => {
  let emu: Emulator
  let scheduler: SchedulerClient
  let rds: RDSClient
  let cloudwatch: CloudWatchClient
  let trail: CloudTrailClient
  beforeAll(async () => {
    emu = await start()
    scheduler = new SchedulerClient(clientConfig(emu.url))
    rds = new RDSClient(clientConfig(emu.url))
    cloudwatch = new CloudWatchClient(clientConfig(emu.url))
    trail = new CloudTrailClient(clientConfig(emu.url))
  })
  beforeEach(async () => {
    await control(emu.url, 'POST', '/_emulator/reset', {})
  })
  afterAll(async () => {
    for (const c of [scheduler, rds, cloudwatch, trail]) c.destroy()
    await emu.close()
  })

  const worldNow = async () => ((await control(emu.url, 'GET', '/_emulator/state')).body as { now: number }).now
  const advance = (ms: number) => control(emu.url, 'POST', '/_emulator/clock', { advanceMs: ms })
  const dbStatus = async () =>
    (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DB_INSTANCE }))).DBInstances?.[0]?.DBInstanceStatus
  const schedule = (over: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
    Name: 'sleep-weeknights.db',
    GroupName: GROUP,
    ScheduleExpression: 'cron(0 20 ? * MON-FRI *)',
    ScheduleExpressionTimezone: 'Europe/Amsterdam',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Description: '{"by":"alice@example.com","reason":"nights off"}',
    Target: stopDbTarget(),
    ...over,
  })
  const withGroup = () => scheduler.send(new CreateScheduleGroupCommand({ Name: GROUP }))
  const metricSum = async (metricName: string, from: number, to: number) => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(from),
        EndTime: new Date(to),
        MetricDataQueries: [
          {
            Id: 'm',
            MetricStat: {
              Metric: { Namespace: 'AWS/Scheduler', MetricName: metricName, Dimensions: [{ Name: 'ScheduleGroup', Value: GROUP }] },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    )
    const r = out.MetricDataResults?.[0]
    return { total: (r?.Values ?? []).reduce((a, b) => a + b, 0), times: (r?.Timestamps ?? []).map((t) => t.getTime()) }
  }

  it('schedule groups: create, get, list, a clash is ConflictException, the default group cannot go', async () => {
    const created = await withGroup()
    expect(created.ScheduleGroupArn).toBe(`arn:aws:scheduler:eu-central-1:${ACCOUNT_ID}:schedule-group/${GROUP}`)
    const got = await scheduler.send(new GetScheduleGroupCommand({ Name: GROUP }))
    expect(got).toMatchObject({ Name: GROUP, State: 'ACTIVE' })
    expect(got.CreationDate).toBeInstanceOf(Date)
    const groups = await scheduler.send(new ListScheduleGroupsCommand({}))
    expect(groups.ScheduleGroups?.map((g) => g.Name)).toEqual(['appfactory-portal', 'default'])
    const clash = await caught(() => withGroup())
    expect(clash.name).toBe('ConflictException')
    expect(clash.$metadata?.httpStatusCode).toBe(409)
    expect((await caught(() => scheduler.send(new DeleteScheduleGroupCommand({ Name: 'default' })))).name).toBe('ValidationException')
    expect((await caught(() => scheduler.send(new GetScheduleGroupCommand({ Name: 'nope' })))).name).toBe('ResourceNotFoundException')
  })

  it('schedules: create, get every field back, list by group and prefix, update replaces, delete', async () => {
    await withGroup()
    const endDate = new Date((await worldNow()) + 30 * DAY)
    const out = await scheduler.send(new CreateScheduleCommand(schedule({ EndDate: endDate, State: 'DISABLED' })))
    expect(out.ScheduleArn).toBe(`arn:aws:scheduler:eu-central-1:${ACCOUNT_ID}:schedule/${GROUP}/sleep-weeknights.db`)
    const got = await scheduler.send(new GetScheduleCommand({ Name: 'sleep-weeknights.db', GroupName: GROUP }))
    expect(got).toMatchObject({
      Name: 'sleep-weeknights.db',
      GroupName: GROUP,
      State: 'DISABLED',
      ScheduleExpression: 'cron(0 20 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Amsterdam',
      ActionAfterCompletion: 'NONE',
      Description: '{"by":"alice@example.com","reason":"nights off"}',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:rds:stopDBInstance',
        RoleArn: SCHEDULER_ROLE_ARN,
        Input: `{"DbInstanceIdentifier":"${DB_INSTANCE}"}`,
      },
    })
    expect(Math.round(got.EndDate!.getTime() / 1000)).toBe(Math.round(endDate.getTime() / 1000))
    // The default group has nothing; the portal's group has the one schedule; prefixes and states filter.
    expect((await scheduler.send(new ListSchedulesCommand({ GroupName: 'default' }))).Schedules).toEqual([])
    const listed = await scheduler.send(new ListSchedulesCommand({ GroupName: GROUP, NamePrefix: 'sleep' }))
    expect(listed.Schedules?.map((x) => [x.Name, x.State, x.Target?.Arn])).toEqual([
      ['sleep-weeknights.db', 'DISABLED', 'arn:aws:scheduler:::aws-sdk:rds:stopDBInstance'],
    ])
    expect((await scheduler.send(new ListSchedulesCommand({ State: 'ENABLED' }))).Schedules).toEqual([])
    // UpdateSchedule replaces the definition: the description and end date it leaves out are gone.
    await scheduler.send(
      new UpdateScheduleCommand({
        Name: 'sleep-weeknights.db',
        GroupName: GROUP,
        ScheduleExpression: 'rate(2 hours)',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: stopDbTarget(),
      }),
    )
    const updated = await scheduler.send(new GetScheduleCommand({ Name: 'sleep-weeknights.db', GroupName: GROUP }))
    expect(updated).toMatchObject({ State: 'ENABLED', ScheduleExpression: 'rate(2 hours)' })
    expect(updated.Description).toBeUndefined()
    expect(updated.EndDate).toBeUndefined()
    await scheduler.send(new DeleteScheduleCommand({ Name: 'sleep-weeknights.db', GroupName: GROUP }))
    const gone = await caught(() => scheduler.send(new GetScheduleCommand({ Name: 'sleep-weeknights.db', GroupName: GROUP })))
    expect(gone.name).toBe('ResourceNotFoundException')
    expect(gone.$metadata?.httpStatusCode).toBe(404)
  })

  it('a schedule in a group that does not exist is refused, and a second one of the same name clashes', async () => {
    const missing = await caught(() => scheduler.send(new CreateScheduleCommand(schedule())))
    expect(missing.name).toBe('ResourceNotFoundException')
    expect(missing.message).toBe(`Schedule group ${GROUP} does not exist.`)
    await withGroup()
    await scheduler.send(new CreateScheduleCommand(schedule()))
    const clash = await caught(() => scheduler.send(new CreateScheduleCommand(schedule())))
    expect(clash.name).toBe('ConflictException')
    expect(clash.message).toBe('Schedule sleep-weeknights.db already exists.')
  })

  it('refuses what the model cannot say: expressions, time zones, dates, windows, target ARNs and inputs', async () => {
    await withGroup()
    const now = await worldNow()
    const bad: [Partial<CreateScheduleCommandInput>, RegExp][] = [
      [{ ScheduleExpression: 'cron(0 20 * * * *)' }, /^Invalid Schedule Expression cron\(0 20 \* \* \* \*\)\.$/],
      [{ ScheduleExpression: 'cron(0 25 ? * MON-FRI *)' }, /Invalid Schedule Expression/],
      [{ ScheduleExpression: 'cron(0 20 ? * MON-FRI)' }, /Invalid Schedule Expression/],
      [{ ScheduleExpression: 'rate(1 hour)' }, /Invalid Schedule Expression rate\(1 hour\)/],
      [{ ScheduleExpression: 'at(2026-02-30T10:00:00)' }, /Invalid Schedule Expression/],
      [{ ScheduleExpressionTimezone: 'Mars/Olympus_Mons' }, /Invalid ScheduleExpressionTimezone Mars\/Olympus_Mons/],
      [{ EndDate: new Date(now - HOUR) }, /EndDate .* cannot be earlier than the current time/],
      [{ StartDate: new Date(now + 2 * DAY), EndDate: new Date(now + DAY) }, /EndDate .* must be after the StartDate/],
      [{ StartDate: new Date(now - HOUR) }, /StartDate .* cannot be earlier than 5 minutes/],
      [{ FlexibleTimeWindow: { Mode: 'FLEXIBLE' } }, /MaximumWindowInMinutes must be provided/],
      [{ Target: { ...stopDbTarget(), Arn: 'not-an-arn' } }, /^Provided Arn is not in correct format\.$/],
      [{ Target: { ...stopDbTarget(), Input: 'DbInstanceIdentifier=appfactory-db' } }, /must be a JSON object/],
    ]
    for (const [over, message] of bad) {
      const e = await caught(() => scheduler.send(new CreateScheduleCommand(schedule(over))))
      expect(e.name, JSON.stringify(over)).toBe('ValidationException')
      expect(e.$metadata?.httpStatusCode).toBe(400)
      expect(e.message).toMatch(message)
    }
    expect((await scheduler.send(new ListSchedulesCommand({}))).Schedules).toEqual([])
  })

  it('a one-time schedule fires as the clock passes it, as the role, and ActionAfterCompletion DELETE removes it', async () => {
    await withGroup()
    const now = await worldNow()
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({
          Name: 'stop-once',
          ScheduleExpression: atUtc(now + 10 * MINUTE),
          ScheduleExpressionTimezone: 'UTC',
          ActionAfterCompletion: 'DELETE',
        }),
      ),
    )
    await advance(9 * MINUTE)
    expect(await dbStatus()).toBe('available')
    await advance(2 * MINUTE)
    expect(['stopping', 'stopped']).toContain(await dbStatus())
    expect((await caught(() => scheduler.send(new GetScheduleCommand({ Name: 'stop-once', GroupName: GROUP })))).name).toBe(
      'ResourceNotFoundException',
    )
    // CloudTrail: the stop was made by the scheduler's session of its execution role.
    const events = await trail.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'StopDBInstance' }] }),
    )
    const record = JSON.parse(events.Events?.[0]?.CloudTrailEvent ?? '{}') as {
      userIdentity?: { arn?: string }
      sourceIPAddress?: string
      errorCode?: string
    }
    expect(record.userIdentity?.arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT_ID}:assumed-role/${SCHEDULER_ROLE}/`))
    expect(record.sourceIPAddress).toBe('scheduler.amazonaws.com')
    expect(record.errorCode).toBeUndefined()
  })

  it('weekdays 20:00 in Amsterdam: five invocations in a week, at 20:00 local time, the later four refused by RDS', async () => {
    await withGroup()
    const from = await worldNow()
    await scheduler.send(new CreateScheduleCommand(schedule()))
    await advance(7 * DAY)
    expect(await dbStatus()).toBe('stopped')
    const attempts = await metricSum('InvocationAttemptCount', from, from + 7 * DAY + MINUTE)
    expect(attempts.total).toBe(5)
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', weekday: 'short' })
    for (const t of attempts.times) expect(local.format(new Date(t))).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 20:00$/)
    // The database was already stopped for the other four: RDS refused them (InvalidDBInstanceState).
    expect((await metricSum('TargetErrorCount', from, from + 7 * DAY + MINUTE)).total).toBe(4)
    const listed = await cloudwatch.send(new ListMetricsCommand({ Namespace: 'AWS/Scheduler' }))
    expect(listed.Metrics?.map((m) => `${m.MetricName}:${m.Dimensions?.map((d) => d.Value).join(',')}`).sort()).toEqual([
      'InvocationAttemptCount:',
      `InvocationAttemptCount:${GROUP}`,
      'TargetErrorCount:',
      `TargetErrorCount:${GROUP}`,
    ])
  })

  it('StartDate and EndDate bound a recurring schedule; at its end ActionAfterCompletion DELETE removes it', async () => {
    await withGroup()
    const now = await worldNow()
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({
          Name: 'hourly',
          ScheduleExpression: 'rate(1 hours)',
          StartDate: new Date(now + 2 * HOUR),
          EndDate: new Date(now + 5 * HOUR + MINUTE),
          ActionAfterCompletion: 'DELETE',
          Target: { ...stopDbTarget(), RetryPolicy: { MaximumRetryAttempts: 0 } },
        }),
      ),
    )
    await advance(HOUR + 50 * MINUTE)
    expect(await dbStatus()).toBe('available')
    await advance(10 * HOUR)
    // Invoked at +2 h, +3 h, +4 h and +5 h; then gone.
    expect((await metricSum('InvocationAttemptCount', now, now + 12 * HOUR)).total).toBe(4)
    expect((await scheduler.send(new ListSchedulesCommand({ GroupName: GROUP }))).Schedules).toEqual([])
  })

  it('a disabled schedule does not fire; enabled again it counts from then', async () => {
    await withGroup()
    const now = await worldNow()
    await scheduler.send(new CreateScheduleCommand(schedule({ Name: 'hourly', ScheduleExpression: 'rate(1 hours)', State: 'DISABLED' })))
    await advance(5 * HOUR)
    expect((await metricSum('InvocationAttemptCount', now, now + 6 * HOUR)).total).toBe(0)
    await scheduler.send(
      new UpdateScheduleCommand({ ...schedule({ Name: 'hourly', ScheduleExpression: 'rate(1 hours)' }), State: 'ENABLED' }),
    )
    await advance(90 * MINUTE)
    expect((await metricSum('InvocationAttemptCount', now, now + 8 * HOUR)).total).toBe(2)
  })

  it('"keep stopped": an hourly stop stops the database again within the hour after its 7-day automatic restart', async () => {
    await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'db-stopped' })
    await withGroup()
    const now = await worldNow()
    const restart = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DB_INSTANCE }))).DBInstances?.[0]
      ?.AutomaticRestartTime
    expect(restart).toBeInstanceOf(Date)
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({
          Name: 'keep-stopped',
          ScheduleExpression: 'rate(1 hours)',
          EndDate: new Date(now + 30 * DAY),
          ActionAfterCompletion: 'DELETE',
          Target: { ...stopDbTarget(), RetryPolicy: { MaximumRetryAttempts: 0 } },
        }),
      ),
    )
    // Just after the automatic restart has finished, the next hourly stop takes it down again.
    await advance(restart!.getTime() - now + HOUR + 10 * MINUTE)
    expect(['stopping', 'stopped']).toContain(await dbStatus())
  })

  it('a role that does not exist, or does not trust the scheduler, or lacks the permission: the invocation fails', async () => {
    await withGroup()
    const now = await worldNow()
    const at = atUtc(now + 5 * MINUTE)
    const roles = [`arn:aws:iam::${ACCOUNT_ID}:role/NoSuchRole`, APPRUNNER_ACCESS_ROLE_ARN]
    for (const [i, roleArn] of roles.entries())
      await scheduler.send(
        new CreateScheduleCommand(
          schedule({ Name: `bad-role-${i}`, ScheduleExpression: at, ScheduleExpressionTimezone: 'UTC', Target: stopDbTarget(roleArn) }),
        ),
      )
    // The role may not pause App Runner services other than AppFactory's.
    const otherService = SERVICE_ARN.replace(/service\/[^/]+/, 'service/other-service')
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({
          Name: 'not-allowed',
          ScheduleExpression: at,
          ScheduleExpressionTimezone: 'UTC',
          Target: {
            Arn: 'arn:aws:scheduler:::aws-sdk:apprunner:pauseService',
            RoleArn: SCHEDULER_ROLE_ARN,
            Input: JSON.stringify({ ServiceArn: otherService }),
          },
        }),
      ),
    )
    await advance(6 * MINUTE)
    expect(await dbStatus()).toBe('available')
    expect((await metricSum('InvocationAttemptCount', now, now + 10 * MINUTE)).total).toBe(3)
    expect((await metricSum('TargetErrorCount', now, now + 10 * MINUTE)).total).toBe(3)
    const state = (await control(emu.url, 'GET', '/_emulator/state')).body as {
      scheduler: { runs: { errorCode?: string; errorMessage?: string }[] }
    }
    expect(state.scheduler.runs.map((r) => r.errorCode)).toEqual(['AccessDenied', 'AccessDenied', 'AccessDeniedException'])
    expect(state.scheduler.runs[2]?.errorMessage).toMatch(
      /is not authorized to perform: apprunner:PauseService on resource: .*other-service/,
    )
  })

  it('scenario scheduler-role-missing-rds: the role may pause App Runner but its database stops are denied', async () => {
    await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'scheduler-role-missing-rds' })
    await withGroup()
    const now = await worldNow()
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({ Name: 'stop-once', ScheduleExpression: atUtc(now + 5 * MINUTE), ScheduleExpressionTimezone: 'UTC' }),
      ),
    )
    await advance(6 * MINUTE)
    expect(await dbStatus()).toBe('available')
    expect((await metricSum('TargetErrorCount', now, now + 10 * MINUTE)).total).toBe(1)
    const events = await trail.send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'StopDBInstance' }] }),
    )
    const record = JSON.parse(events.Events?.[0]?.CloudTrailEvent ?? '{}') as { errorCode?: string; errorMessage?: string }
    expect(record.errorCode).toBe('AccessDenied')
    expect(record.errorMessage).toContain(`assumed-role/${SCHEDULER_ROLE}/`)
  })

  it('the universal target input uses the SDK casing: DBInstanceIdentifier is not DbInstanceIdentifier', async () => {
    await withGroup()
    const now = await worldNow()
    await scheduler.send(
      new CreateScheduleCommand(
        schedule({
          Name: 'wrong-casing',
          ScheduleExpression: atUtc(now + 5 * MINUTE),
          ScheduleExpressionTimezone: 'UTC',
          Target: { ...stopDbTarget(), Input: JSON.stringify({ DBInstanceIdentifier: DB_INSTANCE }) },
        }),
      ),
    )
    await advance(6 * MINUTE)
    expect(await dbStatus()).toBe('available')
    const state = (await control(emu.url, 'GET', '/_emulator/state')).body as { scheduler: { runs: { ok: boolean; errorCode?: string }[] } }
    expect(state.scheduler.runs).toMatchObject([{ ok: false, errorCode: 'MissingParameter' }])
  })
})
