import 'server-only'

import { randomUUID } from 'node:crypto'

import { completeAudit } from '@/lib/audit/audit'
import * as rds from '@/lib/aws/rds'
import { runtime } from '@/lib/aws/runtime'
import type { EnvironmentJob, JobStep } from '@/lib/domain/actions'
import type { Actor } from '@/lib/domain/auth'
import { appError, type AppError } from '@/lib/domain/errors'
import { isOperationActive } from '@/lib/domain/service'
import { acquireLocks } from '@/lib/locks'
import { logger } from '@/lib/logger'
import { processState } from '@/lib/process-state'
import { type RequestMeta, requestMeta } from '@/lib/request-meta'
import { err, ok, type Result } from '@/lib/result'

import { jobDefaults, type JobOptions, sleepSteps, type StepDef, type StepOutcome, wakeSteps } from './environment-steps'
import { authorize, fresh, locks, safeRecord, targets } from './support'

export type { JobOptions } from './environment-steps'

/**
 * Environment sleep / wake: multi-step jobs that continue in the server process after the 202.
 * Sleep: pause the service, then stop RDS. Wake: start RDS, wait until available, resume the service,
 * check health (the steps: environment-steps.ts). Each step is audited; the first failing step ends
 * the job, and the job then says what runs and what does not.
 */

// ---------------------------------------------------------------- job registry

type JobRecord = { job: EnvironmentJob; done: Promise<void> }

// Process-wide, so the route that starts a job and the route that reports it see one registry.
const jobs = (): Map<string, JobRecord> => processState('environment-jobs', () => new Map<string, JobRecord>())
const MAX_JOBS = 50

const now = () => new Date().toISOString()

/** "App Runner service PAUSED · database appfactory-db stopped", read fresh. */
async function describeEnvironment(): Promise<string> {
  const [svc, db] = await Promise.all([fresh(runtime.getService), fresh(rds.getDatabase)])
  const s = svc.ok ? `${runtime.label} service ${svc.data.status}` : `${runtime.label} service unknown (${svc.error.message})`
  const d = db.ok ? `database ${db.data.identifier} ${db.data.status}` : `database unknown (${db.error.message})`
  return `Now: ${s} · ${d}.`
}

async function runJob(
  job: EnvironmentJob,
  defs: readonly StepDef[],
  actor: Actor,
  meta: RequestMeta,
  auditId: number | null,
  o: Required<JobOptions>,
  release: () => Promise<void>,
) {
  let failure: AppError | null = null
  try {
    for (const [i, def] of defs.entries()) {
      const step = job.steps[i]
      if (!step) continue
      if (failure) {
        step.status = 'skipped'
        step.detail = 'Not run: an earlier step failed.'
        continue
      }
      step.status = 'running'
      step.startedAt = now()
      let r: Result<StepOutcome>
      try {
        r = await def.run(o)
      } catch (e: unknown) {
        logger().error({ err: e, kind: job.kind, step: def.id }, 'environment step threw')
        r = err(appError('aws_error', `Step "${def.label}" failed unexpectedly; see the server log.`))
      }
      step.endedAt = now()
      if (r.ok) {
        step.status = r.data.skipped ? 'skipped' : 'succeeded'
        step.detail = r.data.detail
      } else {
        step.status = 'failed'
        step.detail = r.error.message
        failure = r.error
      }
      await safeRecord({
        ...meta,
        actor,
        action: `environment.${job.kind}.${def.id}`,
        target: targets.environment(),
        params: { jobId: job.id },
        result: r.ok ? 'ok' : 'error',
        error: r.ok ? null : r.error,
        requestId: r.ok ? r.data.requestId : r.error.requestId,
        startedAt: step.startedAt,
        endedAt: step.endedAt,
      })
    }
    job.summary = await describeEnvironment()
  } finally {
    await release()
    job.status = failure ? 'failed' : 'succeeded'
    job.error = failure
    job.endedAt = now()
    if (auditId !== null) {
      try {
        await completeAudit(auditId, { result: failure ? 'error' : 'ok', error: failure, endedAt: job.endedAt })
      } catch (e: unknown) {
        logger().error({ err: e, auditId }, 'audit: could not complete entry')
      }
    }
  }
}

async function startJob(
  kind: 'sleep' | 'wake',
  defs: readonly StepDef[],
  actor: Actor,
  options: JobOptions,
): Promise<Result<EnvironmentJob>> {
  const startedAt = now()
  const o = { ...jobDefaults, ...options }
  // Where the request came from, for every entry of this job (its steps run after the response).
  const meta = await requestMeta()
  const reject = async (error: AppError): Promise<Result<EnvironmentJob>> => {
    await safeRecord({
      ...meta,
      actor,
      action: `environment.${kind}`,
      target: targets.environment(),
      params: {},
      result: 'error',
      error,
      startedAt,
      endedAt: now(),
    })
    return err(error)
  }
  const allowed = authorize(actor, 'operator')
  if (!allowed.ok) return reject(allowed.error)
  return (async () => {
    const held = await acquireLocks([locks.environment, locks.service, locks.database], `environment ${kind}`)
    if (!held.ok) return reject(held.error)
    const release = held.data
    // Refuse up front while the runtime is busy, rather than failing at the first step.
    const ops = await fresh(runtime.listOperations)
    const active = ops.ok ? ops.data.operations.find((op) => isOperationActive(op.status)) : undefined
    if (!ops.ok || active) {
      await release()
      return reject(
        !ops.ok
          ? ops.error
          : appError(
              'conflict',
              `${runtime.label} operation ${active?.id} (${active?.type}) is ${active?.status}; the environment can ${kind} when it ends.`,
              {
                hint: 'Wait for it to finish, then retry.',
              },
            ),
      )
    }
    const id = randomUUID()
    const steps: JobStep[] = defs.map((d) => ({
      id: d.id,
      label: d.label,
      status: 'pending',
      detail: null,
      startedAt: null,
      endedAt: null,
    }))
    const job: EnvironmentJob = {
      id,
      kind,
      status: 'running',
      steps,
      actorId: actor.id,
      startedAt,
      endedAt: null,
      summary: null,
      error: null,
    }
    const auditId = await safeRecord({
      ...meta,
      actor,
      action: `environment.${kind}`,
      target: targets.environment(),
      params: { jobId: id, steps: defs.map((d) => d.id) },
      result: 'pending',
      startedAt,
    })
    const done = runJob(job, defs, actor, meta, auditId, o, release).catch((e: unknown) =>
      logger().error({ err: e, kind, jobId: id }, 'environment job crashed'),
    )
    const map = jobs()
    map.set(id, { job, done })
    for (const old of map.keys()) if (map.size > MAX_JOBS && old !== id) map.delete(old)
    return ok(structuredClone(job))
  })()
}

/** Pauses the service, then stops RDS, in the background. Role: operator. Returns the job with its steps (202). Errors: forbidden, conflict. */
export const sleepEnvironment = (actor: Actor, options: JobOptions = {}) => startJob('sleep', sleepSteps, actor, options)

/** Starts RDS, waits until available, resumes the service, checks health — in the background. Role: operator. */
export const wakeEnvironment = (actor: Actor, options: JobOptions = {}) => startJob('wake', wakeSteps, actor, options)

/** A job's current state (a copy). Errors: not_found (unknown id, or the server restarted since). */
export function getEnvironmentJob(id: string): Result<EnvironmentJob> {
  const rec = jobs().get(id)
  return rec
    ? ok(structuredClone(rec.job))
    : err(
        appError('not_found', `No environment job ${id}.`, {
          hint: 'Jobs live in the server process; it may have restarted. See the audit log.',
        }),
      )
}

/** The most recent job (so a reloaded page can follow a running sleep/wake), or null. */
export function latestEnvironmentJob(): EnvironmentJob | null {
  const all = [...jobs().values()]
  const last = all.at(-1)
  return last ? structuredClone(last.job) : null
}

/** Resolves when the job has ended (tests; never awaited by routes). */
export async function environmentJobDone(id: string): Promise<void> {
  await jobs().get(id)?.done
}
