import 'server-only'

import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import {
  CreateScheduleCommand,
  CreateScheduleGroupCommand,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  UpdateScheduleCommand,
  type GetScheduleCommandOutput,
  type ScheduleSummary,
} from '@aws-sdk/client-scheduler'

import { cached, invalidate } from '@/lib/cache'
import { config } from '@/lib/config'
import { appError } from '@/lib/domain/errors'
import type { ScheduleRecord } from '@/lib/domain/schedules'
import { err, ok, type Result } from '@/lib/result'

import { cloudWatchClient, schedulerClient } from './clients'
import { toAppError } from './errors'
import type { ScheduleTarget } from './runtime'
import { fresh, iso, mapWith, num, required, type Freshness } from './support'

/*
 * EventBridge Scheduler: the portal's schedules live in one schedule group of its own
 * (PORTAL_SCHEDULE_GROUP, created on first use), so they run while the portal is down and the
 * portal's IAM policy can be limited to that group. ListSchedules returns summaries only, so each
 * schedule is read with GetSchedule (a handful per environment). Invocations and failures come from
 * CloudWatch (`AWS/Scheduler`, per `ScheduleGroup`): the service keeps no run history of its own.
 */

const group = () => config().scheduleGroup
const resource = () => `schedule group ${group()}`
/** ListSchedules pages hold up to 100; 5 pages is far beyond what one environment needs. */
const MAX_PAGES = 5
const SCHEDULES_TTL = 15_000
const RUNS_TTL = 30_000

/** The database operations a schedule can target: RDS StopDBInstance / StartDBInstance with `{"DbInstanceIdentifier": …}` (the casing universal targets use). */
export function databaseTargets(identifier: string): { stop: ScheduleTarget; start: ScheduleTarget } {
  return {
    stop: {
      arn: 'arn:aws:scheduler:::aws-sdk:rds:stopDBInstance',
      input: { DbInstanceIdentifier: identifier },
      iamAction: 'rds:StopDBInstance',
    },
    start: {
      arn: 'arn:aws:scheduler:::aws-sdk:rds:startDBInstance',
      input: { DbInstanceIdentifier: identifier },
      iamAction: 'rds:StartDBInstance',
    },
  }
}

/** Maps a GetSchedule answer (exported for tests). */
export function toScheduleRecord(out: GetScheduleCommandOutput): Result<ScheduleRecord> {
  return mapWith(() => ({
    name: required(out.Name, 'Name'),
    expression: required(out.ScheduleExpression, 'ScheduleExpression'),
    timezone: out.ScheduleExpressionTimezone ?? null,
    startDate: iso(out.StartDate),
    endDate: iso(out.EndDate),
    state: out.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    description: out.Description ?? null,
    actionAfterCompletion: out.ActionAfterCompletion === 'DELETE' ? 'DELETE' : 'NONE',
    target: {
      arn: required(out.Target?.Arn, 'Target.Arn'),
      roleArn: required(out.Target?.RoleArn, 'Target.RoleArn'),
      input: out.Target?.Input ?? null,
      maximumRetryAttempts: num(out.Target?.RetryPolicy?.MaximumRetryAttempts),
    },
    createdAt: iso(out.CreationDate),
    updatedAt: iso(out.LastModificationDate),
  }))
}

const isNamed = (e: unknown, name: string) => typeof e === 'object' && e !== null && 'name' in e && e.name === name

async function loadSchedules(): Promise<Result<{ records: ScheduleRecord[] }>> {
  const summaries: ScheduleSummary[] = []
  try {
    let NextToken: string | undefined
    let pages = 0
    do {
      const out = await schedulerClient().send(new ListSchedulesCommand({ GroupName: group(), MaxResults: 100, NextToken }))
      summaries.push(...(out.Schedules ?? []))
      NextToken = out.NextToken
      pages += 1
    } while (NextToken && pages < MAX_PAGES)
  } catch (e: unknown) {
    // The group is created with the first schedule: until then there are simply none.
    if (isNamed(e, 'ResourceNotFoundException')) return ok({ records: [] })
    return err(toAppError(e, { action: 'scheduler:ListSchedules', resource: resource() }))
  }
  const records: ScheduleRecord[] = []
  const answers = await Promise.all(
    summaries
      .filter((s) => s.Name)
      .map(async (s) => {
        try {
          return ok(await schedulerClient().send(new GetScheduleCommand({ Name: s.Name, GroupName: group() })))
        } catch (e: unknown) {
          // Deleted between the list and the read (a one-time schedule that just completed): skip it.
          if (isNamed(e, 'ResourceNotFoundException')) return ok(null)
          return err(toAppError(e, { action: 'scheduler:GetSchedule', resource: `schedule ${s.Name ?? ''}` }))
        }
      }),
  )
  for (const a of answers) {
    if (!a.ok) return a
    if (!a.data) continue
    const r = toScheduleRecord(a.data)
    if (!r.ok) return r
    records.push(r.data)
  }
  return ok({ records: records.sort((a, b) => a.name.localeCompare(b.name)) })
}

/**
 * Every schedule in the portal's group, read in full. An absent group is no schedules.
 * Errors: aws_denied (the portal's policy lacks scheduler:ListSchedules/GetSchedule on its group), aws_*.
 */
export async function listSchedules(): Promise<Result<{ records: ScheduleRecord[]; group: string } & Freshness>> {
  const r = fresh(await cached('scheduler:schedules', SCHEDULES_TTL, loadSchedules))
  return r.ok ? ok({ ...r.data, group: group() }) : r
}

/** What the portal writes for one schedule (CreateSchedule / UpdateSchedule). */
export type ScheduleWrite = {
  name: string
  expression: string
  timezone: string
  startDate: string | null
  endDate: string | null
  state: 'ENABLED' | 'DISABLED'
  description: string
  actionAfterCompletion: 'NONE' | 'DELETE'
  target: ScheduleTarget
  /** 0 for "keep stopped" (a failed stop is simply tried again next hour). */
  maximumRetryAttempts: number
}

function toInput(w: ScheduleWrite) {
  return {
    Name: w.name,
    GroupName: group(),
    ScheduleExpression: w.expression,
    ScheduleExpressionTimezone: w.timezone,
    StartDate: w.startDate ? new Date(w.startDate) : undefined,
    EndDate: w.endDate ? new Date(w.endDate) : undefined,
    State: w.state,
    Description: w.description,
    ActionAfterCompletion: w.actionAfterCompletion,
    FlexibleTimeWindow: { Mode: 'OFF' as const },
    Target: {
      Arn: w.target.arn,
      RoleArn: config().schedulerRoleArn,
      Input: JSON.stringify(w.target.input),
      // A missed run is worth little after 15 minutes (the next sleep or wake is hours away).
      RetryPolicy: { MaximumRetryAttempts: w.maximumRetryAttempts, MaximumEventAgeInSeconds: 900 },
    },
  }
}

function writeError(e: unknown, action: string, name: string) {
  if (isNamed(e, 'ConflictException'))
    return appError('conflict', `A schedule named ${name} already exists in ${resource()}.`, {
      hint: 'Change or delete the existing schedule, or give this one another name.',
      awsCode: 'ConflictException',
    })
  if (isNamed(e, 'ValidationException')) {
    const message = e instanceof Error ? e.message : 'the schedule was refused'
    return appError('invalid_input', `EventBridge Scheduler refused schedule ${name}: ${message}`, {
      hint: 'Correct the expression, time zone or dates and try again.',
      awsCode: 'ValidationException',
    })
  }
  return toAppError(e, { action, resource: `schedule ${name}` })
}

/** Creates the portal's schedule group; one that already exists is fine. */
async function ensureGroup(): Promise<Result<void>> {
  try {
    await schedulerClient().send(new CreateScheduleGroupCommand({ Name: group() }))
  } catch (e: unknown) {
    if (!isNamed(e, 'ConflictException')) return err(toAppError(e, { action: 'scheduler:CreateScheduleGroup', resource: resource() }))
  }
  return ok(undefined)
}

/**
 * Creates one schedule (and the group on first use). Errors: conflict (the name exists),
 * invalid_input (the service refused the definition), aws_denied (scheduler:CreateSchedule or
 * iam:PassRole for the scheduler role missing from the portal's policy), aws_*.
 */
export async function createSchedule(w: ScheduleWrite): Promise<Result<{ arn: string }>> {
  const send = async () => (await schedulerClient().send(new CreateScheduleCommand(toInput(w)))).ScheduleArn ?? ''
  try {
    try {
      return ok({ arn: await send() })
    } catch (e: unknown) {
      if (!isNamed(e, 'ResourceNotFoundException')) throw e
      const made = await ensureGroup()
      if (!made.ok) return made
      return ok({ arn: await send() })
    }
  } catch (e: unknown) {
    return err(writeError(e, 'scheduler:CreateSchedule', w.name))
  } finally {
    invalidate('scheduler:')
  }
}

/** Replaces one schedule's definition. Errors: not_found, invalid_input, aws_*. */
export async function updateSchedule(w: ScheduleWrite): Promise<Result<{ arn: string }>> {
  try {
    const out = await schedulerClient().send(new UpdateScheduleCommand(toInput(w)))
    return ok({ arn: out.ScheduleArn ?? '' })
  } catch (e: unknown) {
    return err(writeError(e, 'scheduler:UpdateSchedule', w.name))
  } finally {
    invalidate('scheduler:')
  }
}

/** Deletes one schedule; one already gone (a completed one-time schedule) is fine. Errors: aws_*. */
export async function deleteSchedule(name: string): Promise<Result<{ existed: boolean }>> {
  try {
    await schedulerClient().send(new DeleteScheduleCommand({ Name: name, GroupName: group() }))
    return ok({ existed: true })
  } catch (e: unknown) {
    if (isNamed(e, 'ResourceNotFoundException')) return ok({ existed: false })
    return err(toAppError(e, { action: 'scheduler:DeleteSchedule', resource: `schedule ${name}` }))
  } finally {
    invalidate('scheduler:')
  }
}

/** Invocations and target errors of the portal's group per minute (only minutes with an invocation). */
export type InvocationMinute = { at: string; attempts: number; errors: number }

/**
 * The scheduler's invocations in the portal's group between two times, per minute, from CloudWatch
 * (`AWS/Scheduler` InvocationAttemptCount and TargetErrorCount, Sum per 60 s). Errors: aws_*.
 */
export async function getInvocations(range: { from: Date; to: Date }): Promise<Result<{ minutes: InvocationMinute[] }>> {
  // Whole five minutes, so one cache entry serves every request in them.
  const from = Math.floor(range.from.getTime() / 300_000) * 300_000
  const to = Math.ceil(range.to.getTime() / 300_000) * 300_000
  const load = async (): Promise<Result<{ minutes: InvocationMinute[] }>> => {
    const metric = (MetricName: string) => ({
      Namespace: 'AWS/Scheduler',
      MetricName,
      Dimensions: [{ Name: 'ScheduleGroup', Value: group() }],
    })
    const byMinute = new Map<number, InvocationMinute>()
    try {
      let NextToken: string | undefined
      let pages = 0
      do {
        const out = await cloudWatchClient().send(
          new GetMetricDataCommand({
            StartTime: new Date(from),
            EndTime: new Date(to),
            NextToken,
            MetricDataQueries: [
              { Id: 'attempts', MetricStat: { Metric: metric('InvocationAttemptCount'), Period: 60, Stat: 'Sum' } },
              { Id: 'errors', MetricStat: { Metric: metric('TargetErrorCount'), Period: 60, Stat: 'Sum' } },
            ],
          }),
        )
        for (const r of out.MetricDataResults ?? []) {
          ;(r.Timestamps ?? []).forEach((t, i) => {
            const at = t.getTime()
            const m = byMinute.get(at) ?? { at: new Date(at).toISOString(), attempts: 0, errors: 0 }
            const v = r.Values?.[i] ?? 0
            if (r.Id === 'attempts') m.attempts += v
            else m.errors += v
            byMinute.set(at, m)
          })
        }
        NextToken = out.NextToken
        pages += 1
      } while (NextToken && pages < MAX_PAGES)
    } catch (e: unknown) {
      return err(toAppError(e, { action: 'cloudwatch:GetMetricData', resource: 'AWS/Scheduler metrics' }))
    }
    return ok({ minutes: [...byMinute.values()].sort((a, b) => (a.at < b.at ? -1 : 1)) })
  }
  const r = await cached(`scheduler:runs:${from}:${to}`, RUNS_TTL, load)
  return r.ok ? ok(r.data) : r
}
