/**
 * EventBridge Scheduler in the world: its schedule groups and schedules, and the invocations it makes as
 * the world's clock passes them (`nextScheduleStep`, one more source of time-ordered steps for
 * `advanceWorld`). A schedule fires at each time its expression gives, in its time zone, from its
 * StartDate (recurring schedules only) and before its EndDate, while it is ENABLED; a one-time schedule
 * fires once. Once a schedule has nothing left to invoke, `ActionAfterCompletion: DELETE` deletes it.
 * Invocations are recorded in `scheduler.runs`, which the AWS/Scheduler metrics count.
 */
import type { Step } from './clock'
import { ACCOUNT_ID, REGION } from './constants'
import { nextFireAfter, parseScheduleExpression, type ScheduleExpression } from './schedule-expression'
import type { ScheduleRunState, ScheduleState, SchedulerState, World } from './shapes'

const DAY = 86_400_000
export const DEFAULT_GROUP = 'default'
/** Invocations kept (oldest dropped first): weeks of an hourly schedule. */
const RUNS_CAP = 5_000

export const groupArn = (name: string) => `arn:aws:scheduler:${REGION}:${ACCOUNT_ID}:schedule-group/${name}`
export const scheduleArn = (group: string, name: string) => `arn:aws:scheduler:${REGION}:${ACCOUNT_ID}:schedule/${group}/${name}`

/** A fresh account's scheduler: the `default` group that every account has, and nothing else. */
export function createScheduler(now: number): SchedulerState {
  const createdAt = now - 200 * DAY
  return {
    groups: { [DEFAULT_GROUP]: { name: DEFAULT_GROUP, arn: groupArn(DEFAULT_GROUP), createdAt, updatedAt: createdAt } },
    schedules: [],
    runs: [],
  }
}

const parsed = new Map<string, ScheduleExpression | undefined>()

/** The parsed expression of a stored schedule (stored expressions were valid when accepted). */
export function expressionOf(s: Pick<ScheduleState, 'expression'>): ScheduleExpression | undefined {
  if (!parsed.has(s.expression)) parsed.set(s.expression, parseScheduleExpression(s.expression))
  return parsed.get(s.expression)
}

/** The next invocation of a schedule after what it has already made, or undefined when it has none left. */
export function nextInvocation(s: ScheduleState): number | undefined {
  const e = expressionOf(s)
  if (!e || s.state !== 'ENABLED') return undefined
  const tz = s.timezone ?? 'UTC'
  // StartDate and EndDate bound recurring schedules only; a one-time schedule ignores them.
  if (e.kind === 'at') return nextFireAfter(e, tz, s.firedThrough, s.anchor)
  const anchor = s.startDate ?? s.anchor
  const after = s.startDate !== undefined ? Math.max(s.firedThrough, s.startDate - 1) : s.firedThrough
  const t = nextFireAfter(e, tz, after, anchor)
  return t !== undefined && (s.endDate === undefined || t < s.endDate) ? t : undefined
}

/** When a schedule has completed (made its last invocation), or undefined while it has more to make. */
function completedAt(s: ScheduleState): number | undefined {
  const e = expressionOf(s)
  if (!e || s.state !== 'ENABLED' || nextInvocation(s) !== undefined) return undefined
  if (e.kind === 'at') return s.firedThrough >= s.anchor ? s.firedThrough : undefined
  return s.endDate
}

/** What invoking a target came to: success, or the error the target (or the role) answered. */
export type InvocationOutcome = { ok: true } | { ok: false; code: string; message: string }

/** Makes one invocation of a schedule's target at `at` (the caller records nothing; `nextScheduleStep` does). */
export type Invoker = (world: World, schedule: ScheduleState, at: number) => InvocationOutcome

function recordRun(world: World, s: ScheduleState, at: number, outcome: InvocationOutcome): void {
  const run: ScheduleRunState = { at, groupName: s.groupName, scheduleName: s.name, targetArn: s.target.arn, ok: outcome.ok }
  if (!outcome.ok) {
    run.errorCode = outcome.code
    run.errorMessage = outcome.message
  }
  const runs = world.scheduler.runs
  runs.push(run)
  if (runs.length > RUNS_CAP) runs.splice(0, runs.length - RUNS_CAP)
}

const remove = (world: World, s: ScheduleState) => {
  world.scheduler.schedules = world.scheduler.schedules.filter((x) => x !== s)
}

/** The earliest due scheduler step: an invocation, or the deletion of a completed schedule with `ActionAfterCompletion: DELETE`. */
export function nextScheduleStep(world: World, invoke: Invoker): Step | undefined {
  let best: Step | undefined
  for (const s of world.scheduler.schedules) {
    const fire = nextInvocation(s)
    if (fire !== undefined) {
      if (!best || fire < best.at)
        best = {
          at: fire,
          apply: () => {
            s.firedThrough = fire
            recordRun(world, s, fire, invoke(world, s, fire))
            // A one-time schedule completes with its invocation; a recurring one at its EndDate (below).
            if (s.actionAfterCompletion === 'DELETE' && expressionOf(s)?.kind === 'at') remove(world, s)
          },
        }
      continue
    }
    const done = s.actionAfterCompletion === 'DELETE' ? completedAt(s) : undefined
    if (done !== undefined && (!best || done < best.at)) best = { at: done, apply: () => remove(world, s) }
  }
  return best
}
