/**
 * Amazon EventBridge Scheduler (restJson1: `POST/GET/PUT/DELETE /schedules/{Name}`, `GET /schedules`,
 * `/schedule-groups/{Name}`). Beyond the model's constraints, the service checks what the model cannot
 * say: the expression (`at`, `rate`, `cron`), the time zone, the start and end dates, the flexible time
 * window, the target's ARN and a universal target's JSON input; and that groups and schedules exist, or
 * do not yet. Schedules fire as the world's clock passes them (emulator/world/scheduler.ts).
 */
import { isRecord, num, obj, str, timeMs } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import { isTimeZone, parseScheduleExpression } from '../world/schedule-expression'
import { DEFAULT_GROUP, groupArn, scheduleArn } from '../world/scheduler'
import type { ScheduleState, SchedulerState } from '../world/shapes'

const validation = (message: string) => new AwsError('ValidationException', message)
const notFound = (message: string) => new AwsError('ResourceNotFoundException', message, 404)
const conflict = (message: string) => new AwsError('ConflictException', message, 409)
const invalidToken = () => validation('The NextToken is not valid.')
const s = (ms: number) => ms / 1000

/** How far in the past a StartDate may be. */
const START_DATE_SLACK_MS = 5 * 60_000
const UNIVERSAL_TARGET = /^arn:aws:scheduler:::aws-sdk:[a-z0-9-]+:[a-z][A-Za-z0-9]*$/
const ARN = /^arn:aws(-[a-z]+)?:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/

/** The scheduler of the request's account and region; an empty account has only its `default` group, and nothing in it. */
function schedulerOf(ctx: HandlerContext): SchedulerState | null {
  return ctx.world?.scheduler ?? null
}

function requireGroup(ctx: HandlerContext, name: string): SchedulerState {
  const scheduler = schedulerOf(ctx)
  if (!scheduler?.groups[name]) throw notFound(`Schedule group ${name} does not exist.`)
  return scheduler
}

function findSchedule(ctx: HandlerContext, input: Input): { scheduler: SchedulerState; schedule: ScheduleState } {
  const group = str(input.GroupName) ?? DEFAULT_GROUP
  const name = str(input.Name) ?? ''
  const scheduler = requireGroup(ctx, group)
  const schedule = scheduler.schedules.find((x) => x.groupName === group && x.name === name)
  if (!schedule) throw notFound(`Schedule ${name} does not exist.`)
  return { scheduler, schedule }
}

type Definition = Omit<ScheduleState, 'name' | 'groupName' | 'arn' | 'createdAt' | 'updatedAt' | 'firedThrough' | 'anchor'>

/** The schedule a CreateSchedule/UpdateSchedule request describes, checked as the service checks it. */
function definition(input: Input, now: number): Definition {
  const expression = str(input.ScheduleExpression) ?? ''
  if (!parseScheduleExpression(expression)) throw validation(`Invalid Schedule Expression ${expression}.`)
  const timezone = str(input.ScheduleExpressionTimezone)
  if (timezone !== undefined && !isTimeZone(timezone)) throw validation(`Invalid ScheduleExpressionTimezone ${timezone}.`)
  const startDate = timeMs(input.StartDate)
  const endDate = timeMs(input.EndDate)
  if (startDate !== undefined && startDate < now - START_DATE_SLACK_MS)
    throw validation('The StartDate you specify cannot be earlier than 5 minutes prior to the current time.')
  if (endDate !== undefined && endDate <= now) throw validation('The EndDate you specify cannot be earlier than the current time.')
  if (startDate !== undefined && endDate !== undefined && endDate <= startDate)
    throw validation('The EndDate you specify must be after the StartDate.')
  const window = obj(input.FlexibleTimeWindow) ?? {}
  const mode = str(window.Mode) === 'FLEXIBLE' ? 'FLEXIBLE' : 'OFF'
  const maximumWindowInMinutes = num(window.MaximumWindowInMinutes)
  if (mode === 'FLEXIBLE' && maximumWindowInMinutes === undefined)
    throw validation('MaximumWindowInMinutes must be provided when FlexibleTimeWindow Mode is FLEXIBLE.')
  if (mode === 'OFF' && maximumWindowInMinutes !== undefined)
    throw validation('MaximumWindowInMinutes must not be provided when FlexibleTimeWindow Mode is OFF.')
  const target = obj(input.Target) ?? {}
  const arn = str(target.Arn) ?? ''
  if (!ARN.test(arn)) throw validation('Provided Arn is not in correct format.')
  const targetInput = str(target.Input)
  if (arn.startsWith('arn:aws:scheduler:::')) {
    if (!UNIVERSAL_TARGET.test(arn)) throw validation(`Invalid universal target ARN ${arn}.`)
    let parsed: unknown = {}
    try {
      parsed = targetInput === undefined ? {} : JSON.parse(targetInput)
    } catch {
      throw validation('The Input of a universal target must be a JSON object.')
    }
    if (!isRecord(parsed)) throw validation('The Input of a universal target must be a JSON object.')
  }
  const retry = obj(target.RetryPolicy)
  const dlq = obj(target.DeadLetterConfig)
  return {
    description: str(input.Description),
    expression,
    timezone,
    startDate,
    endDate,
    state: str(input.State) === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    flexibleWindow: { mode, ...(maximumWindowInMinutes !== undefined ? { maximumWindowInMinutes } : {}) },
    actionAfterCompletion: str(input.ActionAfterCompletion) === 'DELETE' ? 'DELETE' : 'NONE',
    kmsKeyArn: str(input.KmsKeyArn),
    target: {
      arn,
      roleArn: str(target.RoleArn) ?? '',
      input: targetInput,
      retryPolicy: retry
        ? { maximumEventAgeInSeconds: num(retry.MaximumEventAgeInSeconds), maximumRetryAttempts: num(retry.MaximumRetryAttempts) }
        : undefined,
      deadLetterArn: dlq ? str(dlq.Arn) : undefined,
    },
  }
}

const createSchedule: Handler = (input, ctx) => {
  const group = str(input.GroupName) ?? DEFAULT_GROUP
  const name = str(input.Name) ?? ''
  const scheduler = requireGroup(ctx, group)
  if (scheduler.schedules.some((x) => x.groupName === group && x.name === name)) throw conflict(`Schedule ${name} already exists.`)
  const def = definition(input, ctx.now)
  const arn = scheduleArn(group, name)
  // A rate schedule without a StartDate invokes at once, so the invocations start just before now.
  scheduler.schedules.push({
    ...def,
    name,
    groupName: group,
    arn,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    firedThrough: ctx.now - 1,
    anchor: ctx.now,
  })
  return { ScheduleArn: arn }
}

const updateSchedule: Handler = (input, ctx) => {
  const { schedule } = findSchedule(ctx, input)
  const def = definition(input, ctx.now)
  // UpdateSchedule replaces the whole definition: what the request leaves out is gone.
  Object.assign(schedule, def)
  schedule.updatedAt = ctx.now
  // A changed schedule counts from now: invocations it missed while disabled are not made up.
  schedule.firedThrough = Math.max(schedule.firedThrough, ctx.now - 1)
  schedule.anchor = ctx.now
  return { ScheduleArn: schedule.arn }
}

const getSchedule: Handler = (input, ctx) => {
  const { schedule: x } = findSchedule(ctx, input)
  const t = x.target
  return {
    ActionAfterCompletion: x.actionAfterCompletion,
    Arn: x.arn,
    CreationDate: s(x.createdAt),
    Description: x.description,
    EndDate: x.endDate !== undefined ? s(x.endDate) : undefined,
    FlexibleTimeWindow: { Mode: x.flexibleWindow.mode, MaximumWindowInMinutes: x.flexibleWindow.maximumWindowInMinutes },
    GroupName: x.groupName,
    KmsKeyArn: x.kmsKeyArn,
    LastModificationDate: s(x.updatedAt),
    Name: x.name,
    ScheduleExpression: x.expression,
    ScheduleExpressionTimezone: x.timezone,
    StartDate: x.startDate !== undefined ? s(x.startDate) : undefined,
    State: x.state,
    Target: {
      Arn: t.arn,
      RoleArn: t.roleArn,
      Input: t.input,
      RetryPolicy: t.retryPolicy
        ? { MaximumEventAgeInSeconds: t.retryPolicy.maximumEventAgeInSeconds, MaximumRetryAttempts: t.retryPolicy.maximumRetryAttempts }
        : undefined,
      DeadLetterConfig: t.deadLetterArn ? { Arn: t.deadLetterArn } : undefined,
    },
  }
}

const deleteSchedule: Handler = (input, ctx) => {
  const { scheduler, schedule } = findSchedule(ctx, input)
  scheduler.schedules = scheduler.schedules.filter((x) => x !== schedule)
  return {}
}

const listSchedules: Handler = (input, ctx) => {
  const group = str(input.GroupName)
  const scheduler = group !== undefined ? requireGroup(ctx, group) : schedulerOf(ctx)
  const prefix = str(input.NamePrefix) ?? ''
  const state = str(input.State)
  const all = (scheduler?.schedules ?? [])
    .filter((x) => (group === undefined || x.groupName === group) && x.name.startsWith(prefix) && (!state || x.state === state))
    .sort((a, b) => a.groupName.localeCompare(b.groupName) || a.name.localeCompare(b.name))
  const p = page(all, decodeOffset(input.NextToken, invalidToken), num(input.MaxResults) ?? 100)
  return {
    Schedules: p.items.map((x) => ({
      Arn: x.arn,
      CreationDate: s(x.createdAt),
      GroupName: x.groupName,
      LastModificationDate: s(x.updatedAt),
      Name: x.name,
      State: x.state,
      Target: { Arn: x.target.arn },
    })),
    NextToken: p.next,
  }
}

const createScheduleGroup: Handler = (input, ctx) => {
  const name = str(input.Name) ?? ''
  const scheduler = schedulerOf(ctx)
  if (!scheduler) throw validation('Schedule groups can only be created in the AppFactory account and region of this emulator.')
  if (scheduler.groups[name]) throw conflict(`Schedule group ${name} already exists.`)
  const arn = groupArn(name)
  scheduler.groups[name] = { name, arn, createdAt: ctx.now, updatedAt: ctx.now }
  return { ScheduleGroupArn: arn }
}

const groupOut = (g: SchedulerState['groups'][string]) => ({
  Arn: g.arn,
  CreationDate: s(g.createdAt),
  LastModificationDate: s(g.updatedAt),
  Name: g.name,
  State: 'ACTIVE',
})

const getScheduleGroup: Handler = (input, ctx) => {
  const name = str(input.Name) ?? ''
  const g = requireGroup(ctx, name).groups[name]
  return g ? groupOut(g) : {}
}

const deleteScheduleGroup: Handler = (input, ctx) => {
  const name = str(input.Name) ?? ''
  if (name === DEFAULT_GROUP) throw validation('You cannot delete the default schedule group.')
  const scheduler = requireGroup(ctx, name)
  // Deleting a group deletes its schedules with it.
  scheduler.schedules = scheduler.schedules.filter((x) => x.groupName !== name)
  delete scheduler.groups[name]
  return {}
}

const listScheduleGroups: Handler = (input, ctx) => {
  const prefix = str(input.NamePrefix) ?? ''
  const groups = Object.values(schedulerOf(ctx)?.groups ?? {})
    .filter((g) => g.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name))
  const p = page(groups, decodeOffset(input.NextToken, invalidToken), num(input.MaxResults) ?? 100)
  return { ScheduleGroups: p.items.map(groupOut), NextToken: p.next }
}

const scheduleResource = (input: Input) => [
  { type: 'AWS::Scheduler::Schedule', name: scheduleArn(str(input.GroupName) ?? DEFAULT_GROUP, str(input.Name) ?? '') },
]
const groupResource = (input: Input) => [{ type: 'AWS::Scheduler::ScheduleGroup', name: groupArn(str(input.Name) ?? '') }]

export const schedulerService: ServiceDefinition = {
  name: 'scheduler',
  validation: { form: 'coral', code: 'ValidationException' },
  mutating: {
    CreateSchedule: scheduleResource,
    UpdateSchedule: scheduleResource,
    DeleteSchedule: scheduleResource,
    CreateScheduleGroup: groupResource,
    DeleteScheduleGroup: groupResource,
  },
  handlers: {
    CreateSchedule: createSchedule,
    GetSchedule: getSchedule,
    UpdateSchedule: updateSchedule,
    DeleteSchedule: deleteSchedule,
    ListSchedules: listSchedules,
    CreateScheduleGroup: createScheduleGroup,
    GetScheduleGroup: getScheduleGroup,
    DeleteScheduleGroup: deleteScheduleGroup,
    ListScheduleGroups: listScheduleGroups,
  },
}
