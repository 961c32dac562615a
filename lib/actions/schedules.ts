import 'server-only'

import { runtime } from '@/lib/aws/runtime'
import * as scheduler from '@/lib/aws/scheduler'
import { config } from '@/lib/config'
import type { Actor } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import {
  createScheduleInputSchema,
  overrideInputSchema,
  scheduleNameSchema,
  updateScheduleInputSchema,
  type Schedule,
  type ScheduleRecord,
  type ScheduleResult,
} from '@/lib/domain/schedules'
import { withLock } from '@/lib/locks'
import { err, ok, type Result } from '@/lib/result'
import { decodeDescription } from '@/lib/schedules/description'
import { releaseOverride, planOverride, rewrite } from '@/lib/schedules/overrides'
import { planSchedule, type PlanContext, type PlanInput } from '@/lib/schedules/plan'
import { baseName, toSchedules } from '@/lib/schedules/view'

import { audited, authorize, created, fresh, invalidInput } from './support'

/*
 * Creating, changing, enabling/disabling and deleting the portal's schedules, and overrides — each
 * through the mutation pipeline: schema, role (operator), re-read of the group from AWS (names taken,
 * the schedule still there), the group's lock (one change at a time, across replicas), the writes
 * (a schedule of two parts is created whole or not at all), and an audit entry for every attempt.
 */

const LOCK = 'scheduler'
const target = (name: string) => `scheduler:${config().scheduleGroup}/${name}`

/** Who the schedule's Description names as its creator. */
const actorLabel = (a: Actor) => (a.id === a.name ? a.name : `${a.name} <${a.id}>`)

/** Targets and time for planning: the runtime's pause/resume and the database's stop/start. */
async function planContext(by: string): Promise<Result<PlanContext>> {
  const identity = created(await runtime.getIdentity(), "scheduling the service's sleep and wake")
  if (!identity.ok) return identity
  const service = runtime.scheduleTargets(identity.data)
  const db = scheduler.databaseTargets(config().rdsInstance)
  return ok({
    now: Date.now(),
    wakeDelayMinutes: config().wakeDelayMinutes,
    by,
    targets: { pause: service.pause, resume: service.resume, stop: db.stop, start: db.start },
  })
}

/** The group's records, read afresh from AWS (a guard must not trust a cached list). */
async function freshRecords(): Promise<Result<ScheduleRecord[]>> {
  const list = await fresh(() => scheduler.listSchedules())
  return list.ok ? ok(list.data.records) : list
}

const recordOf = (w: scheduler.ScheduleWrite, now: string, createdAt: string | null = now): ScheduleRecord => ({
  name: w.name,
  expression: w.expression,
  timezone: w.timezone,
  startDate: w.startDate,
  endDate: w.endDate,
  state: w.state,
  description: w.description,
  actionAfterCompletion: w.actionAfterCompletion,
  target: {
    arn: w.target.arn,
    roleArn: config().schedulerRoleArn,
    input: JSON.stringify(w.target.input),
    maximumRetryAttempts: w.maximumRetryAttempts,
  },
  createdAt,
  updatedAt: now,
})

/** The schedule as the portal shows it, from what was just written. */
function viewOf(name: string, records: ScheduleRecord[]): Result<ScheduleResult> {
  const schedule = toSchedules(records, Date.now()).schedules.find((s) => s.name === name)
  return schedule ? ok({ schedule }) : err(appError('aws_error', `Schedule ${name} could not be read back.`))
}

const notFound = (name: string) =>
  appError('not_found', `There is no schedule ${name} in ${config().scheduleGroup}.`, {
    hint: 'Reload the schedules page: it may have been deleted or completed.',
  })

/** Creates every write, undoing the ones made when a later one fails (a half-made wake would never resume the service). */
async function createAll(writes: scheduler.ScheduleWrite[]): Promise<Result<null>> {
  const made: string[] = []
  for (const w of writes) {
    const r = await scheduler.createSchedule(w)
    if (!r.ok) {
      for (const name of made) await scheduler.deleteSchedule(name)
      return r
    }
    made.push(w.name)
  }
  return ok(null)
}

/**
 * Creates a schedule (`POST /api/schedules`). Role: operator. Errors: invalid_input naming the field
 * (expression, timezone, until), forbidden, conflict (the name is taken), aws_*.
 */
export function createSchedule(input: unknown, actor: Actor): Promise<Result<ScheduleResult>> {
  // Only validated values reach the audit log: a body that fails validation is recorded as its error.
  const parsed = createScheduleInputSchema.safeParse(input)
  const params: Record<string, unknown> = parsed.success ? { ...parsed.data } : {}
  const named = parsed.success ? (parsed.data.name ?? parsed.data.action) : ''
  return audited(actor, 'schedule.create', target(named), params, async () => {
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    if (!parsed.success) return err(invalidInput(parsed.error.issues, 'Send {"action", "expression", "timezone"?, "until"?, "reason"?}.'))
    const ctx = await planContext(actorLabel(actor))
    if (!ctx.ok) return ctx
    const planned = planSchedule({ ...parsed.data, reason: parsed.data.reason || null }, ctx.data)
    if (!planned.ok) return planned
    params.name = planned.data.name
    params.kind = planned.data.kind
    return withLock(
      LOCK,
      async () => {
        const records = await freshRecords()
        if (!records.ok) return records
        if (records.data.some((r) => baseName(r.name) === planned.data.name))
          return err(
            appError('conflict', `A schedule named ${planned.data.name} already exists.`, {
              hint: 'Change or delete it, or give this one another name ("name").',
            }),
          )
        const made = await createAll(planned.data.writes)
        if (!made.ok) return made
        const now = new Date().toISOString()
        return viewOf(
          planned.data.name,
          planned.data.writes.map((w) => recordOf(w, now)),
        )
      },
      'schedule change',
    )
  })
}

/**
 * Changes a schedule (`PATCH /api/schedules/<name>`): its state, expression (and time zone), end or
 * reason. Runs held back by an override stay held back. Role: operator. Errors: invalid_input,
 * forbidden, not_found, aws_*.
 */
export function updateSchedule(name: string, input: unknown, actor: Actor): Promise<Result<ScheduleResult>> {
  // Only validated values reach the audit log (the name as given is the audit target either way).
  const parsed = updateScheduleInputSchema.safeParse(input)
  const params: Record<string, unknown> = { name, ...(parsed.success ? parsed.data : {}) }
  return audited(actor, 'schedule.update', target(name), params, async () => {
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    if (!scheduleNameSchema.safeParse(name).success) return err(notFound(name))
    if (!parsed.success)
      return err(invalidInput(parsed.error.issues, 'Send any of {"state", "expression", "timezone", "until", "reason"}.'))
    const change = parsed.data
    if (Object.keys(change).length === 0)
      return err(appError('invalid_input', 'Nothing to change: send state, expression, timezone, until or reason.'))
    return withLock(
      LOCK,
      async () => {
        const all = await freshRecords()
        if (!all.ok) return all
        const records = all.data.filter((r) => baseName(r.name) === name)
        const current = toSchedules(records, Date.now()).schedules[0]
        if (!current) return err(notFound(name))
        const meta = records.map((r) => decodeDescription(r.description)).find((m) => m !== null) ?? null
        const now = Date.now()
        const state = change.state === undefined ? undefined : change.state === 'enabled' ? 'ENABLED' : 'DISABLED'
        const replan =
          change.expression !== undefined || change.timezone !== undefined || change.until !== undefined || change.reason !== undefined
        let writes: scheduler.ScheduleWrite[]
        if (!replan) writes = records.map((r) => rewrite(r, { state }, now))
        else {
          const ctx = await planContext(meta?.by ?? actorLabel(actor))
          if (!ctx.ok) return ctx
          const plan: PlanInput = {
            action: current.action,
            expression: change.expression ?? current.expression,
            timezone: change.timezone ?? current.timezone,
            until: change.until !== undefined ? change.until : current.until,
            reason: change.reason !== undefined ? change.reason || null : current.reason,
            name,
            state: state ?? (current.state === 'enabled' ? 'ENABLED' : 'DISABLED'),
            override: meta?.override,
          }
          const planned = planSchedule(plan, ctx.data)
          if (!planned.ok) return planned
          // A part held back by an override keeps its later start.
          writes = planned.data.writes.map((w) => {
            const held = records.find((r) => r.name === w.name)?.startDate
            return held && Date.parse(held) > now && (!w.startDate || held > w.startDate) ? { ...w, startDate: held } : w
          })
        }
        for (const w of writes) {
          const exists = records.some((r) => r.name === w.name)
          // A part deleted in the console is made again.
          const r = exists ? await scheduler.updateSchedule(w) : await scheduler.createSchedule(w)
          if (!r.ok) return r
        }
        const at = new Date().toISOString()
        return viewOf(
          name,
          writes.map((w) => recordOf(w, at, records.find((r) => r.name === w.name)?.createdAt ?? at)),
        )
      },
      'schedule change',
    )
  })
}

/**
 * Deletes a schedule and all its parts (`DELETE /api/schedules/<name>`); deleting an override lets the
 * runs it held back happen again. Role: operator. Errors: forbidden, not_found, aws_*.
 */
export function deleteSchedule(name: string, actor: Actor): Promise<Result<{ deleted: string; released: string[] }>> {
  return audited(actor, 'schedule.delete', target(name), { name }, async () => {
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    if (!scheduleNameSchema.safeParse(name).success) return err(notFound(name))
    return withLock(
      LOCK,
      async () => {
        const all = await freshRecords()
        if (!all.ok) return all
        const records = all.data.filter((r) => baseName(r.name) === name)
        const current: Schedule | undefined = toSchedules(records, Date.now()).schedules[0]
        if (!current) return err(notFound(name))
        for (const r of records) {
          const gone = await scheduler.deleteSchedule(r.name)
          if (!gone.ok) return gone
        }
        const released = current.override
          ? releaseOverride(current.override.mode, Date.parse(current.override.until), all.data, {
              now: Date.now(),
              wakeDelayMinutes: config().wakeDelayMinutes,
            })
          : []
        for (const w of released) {
          const r = await scheduler.updateSchedule(w)
          if (!r.ok) return r
        }
        return ok({ deleted: name, released: [...new Set(released.map((w) => baseName(w.name)))] })
      },
      'schedule change',
    )
  })
}

/**
 * "Stay awake until" / "asleep until" (`POST /api/schedules/overrides`): a one-time sleep (or wake) at
 * the expiry, and the recurring sleeps (or wakes) before it held back. Role: operator. Errors:
 * invalid_input (until), forbidden, conflict (an override with that expiry exists), aws_*.
 */
export function createOverride(input: unknown, actor: Actor): Promise<Result<ScheduleResult & { held: string[] }>> {
  // Only validated values reach the audit log.
  const parsed = overrideInputSchema.safeParse(input)
  const params: Record<string, unknown> = parsed.success ? { ...parsed.data } : {}
  return audited(actor, 'schedule.override', target(parsed.success ? parsed.data.mode : ''), params, async () => {
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    if (!parsed.success) return err(invalidInput(parsed.error.issues, 'Send {"mode": "awake"|"asleep", "until", "timezone"?, "reason"?}.'))
    const ctx = await planContext(actorLabel(actor))
    if (!ctx.ok) return ctx
    return withLock(
      LOCK,
      async () => {
        const records = await freshRecords()
        if (!records.ok) return records
        const plan = planOverride(parsed.data, records.data, ctx.data)
        if (!plan.ok) return plan
        params.name = plan.data.planned.name
        if (records.data.some((r) => baseName(r.name) === plan.data.planned.name))
          return err(appError('conflict', `An override until that time already exists (${plan.data.planned.name}).`))
        const made = await createAll(plan.data.planned.writes)
        if (!made.ok) return made
        for (const w of plan.data.holds) {
          const r = await scheduler.updateSchedule(w)
          if (!r.ok) return r
        }
        const now = new Date().toISOString()
        const view = viewOf(
          plan.data.planned.name,
          plan.data.planned.writes.map((w) => recordOf(w, now)),
        )
        return view.ok ? ok({ ...view.data, held: [...new Set(plan.data.holds.map((w) => baseName(w.name)))] }) : view
      },
      'schedule change',
    )
  })
}
