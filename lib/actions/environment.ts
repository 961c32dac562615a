import 'server-only'

import { randomUUID } from 'node:crypto'

import { completeAudit } from '@/lib/audit/audit'
import { probeHealth } from '@/lib/aws/health'
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

import { authorize, forgetDatabase, forgetService, locks, safeRecord, targets } from './support'

/**
 * Environment sleep / wake: multi-step jobs that continue in the server process after the 202.
 * Sleep: pause App Runner, then stop RDS. Wake: start RDS, wait until available, resume App Runner,
 * check health. Each step is audited; the first failing step ends the job, and the job then says
 * what runs and what does not.
 */

export type JobOptions = {
  /** Pause between status polls (ms). */
  pollMs?: number
  /** Longest wait for one App Runner operation (ms); pause/resume usually take 1–5 minutes. */
  operationTimeoutMs?: number
  /** Longest wait for an RDS transition (ms); AWS says starting can take "minutes to hours". */
  databaseTimeoutMs?: number
  /** Health probe attempts before the wake counts as failed (the app may need a moment after resuming). */
  healthAttempts?: number
}

const defaults: Required<JobOptions> = {
  pollMs: 2000,
  operationTimeoutMs: 20 * 60_000,
  databaseTimeoutMs: 45 * 60_000,
  healthAttempts: 5,
}

type StepOutcome = { detail: string; skipped?: boolean; requestId?: string }
type StepDef = { id: string; label: string; run: (o: Required<JobOptions>) => Promise<Result<StepOutcome>> }

const sleepFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------- waiting

async function waitForOperation(operationId: string, o: Required<JobOptions>): Promise<Result<string>> {
  const deadline = Date.now() + o.operationTimeoutMs
  for (;;) {
    forgetService()
    const ops = await runtime.listOperations()
    if (!ops.ok) return ops
    const op = ops.data.operations.find((x) => x.id === operationId)
    if (op && !isOperationActive(op.status)) return ok(op.status)
    if (Date.now() >= deadline) {
      return err(
        appError(
          'aws_timeout',
          `App Runner operation ${operationId} did not finish within ${Math.round(o.operationTimeoutMs / 60_000)} minutes.`,
          {
            hint: 'It may still finish; watch the deployments page.',
          },
        ),
      )
    }
    await sleepFor(o.pollMs)
  }
}

async function waitForDatabase(target: 'available' | 'stopped', o: Required<JobOptions>): Promise<Result<string>> {
  const deadline = Date.now() + o.databaseTimeoutMs
  for (;;) {
    forgetDatabase()
    const db = await rds.getDatabase()
    if (!db.ok) return db
    if (db.data.status === target) return ok(target)
    const passing = target === 'available' ? ['stopped', 'starting'] : ['available', 'stopping']
    if (!passing.includes(db.data.status) && !['backing-up', 'modifying', 'rebooting', 'maintenance'].includes(db.data.status)) {
      return err(appError('conflict', `Database ${db.data.identifier} went to ${db.data.status} instead of ${target}.`))
    }
    if (Date.now() >= deadline) {
      return err(
        appError(
          'aws_timeout',
          `Database did not become ${target} within ${Math.round(o.databaseTimeoutMs / 60_000)} minutes (it is ${db.data.status}).`,
          {
            hint: 'RDS may still finish; watch the database page.',
          },
        ),
      )
    }
    await sleepFor(o.pollMs)
  }
}

// ---------------------------------------------------------------- steps

const pauseStep: StepDef = {
  id: 'pause-service',
  label: 'Pause the App Runner service',
  run: async (o) => {
    forgetService()
    const svc = await runtime.getService()
    if (!svc.ok) return svc
    if (svc.data.status === 'PAUSED') return ok({ detail: 'Already paused.', skipped: true })
    if (svc.data.status !== 'RUNNING')
      return err(appError('conflict', `App Runner service is ${svc.data.status}; it can be paused only when RUNNING.`))
    const started = await runtime.pause()
    if (!started.ok) return started
    const end = await waitForOperation(started.data.operationId, o)
    if (!end.ok) return end
    if (end.data !== 'SUCCEEDED') return err(appError('aws_error', `Pause operation ${started.data.operationId} ended ${end.data}.`))
    return ok({ detail: `Paused (operation ${started.data.operationId}).` })
  },
}

const stopDbStep: StepDef = {
  id: 'stop-database',
  label: 'Stop the database',
  run: async (o) => {
    forgetDatabase()
    const db = await rds.getDatabase()
    if (!db.ok) return db
    if (db.data.status === 'stopped') return ok({ detail: 'Already stopped.', skipped: true })
    if (db.data.status === 'available') {
      const stopped = await rds.stopDatabase()
      if (!stopped.ok) return stopped
    } else if (db.data.status !== 'stopping') {
      return err(appError('conflict', `Database ${db.data.identifier} is ${db.data.status}; it can be stopped only when available.`))
    }
    const end = await waitForDatabase('stopped', o)
    if (!end.ok) return end
    return ok({ detail: 'Stopped. AWS starts it again by itself after 7 days.' })
  },
}

const startDbStep: StepDef = {
  id: 'start-database',
  label: 'Start the database',
  run: async () => {
    forgetDatabase()
    const db = await rds.getDatabase()
    if (!db.ok) return db
    if (db.data.status === 'available') return ok({ detail: 'Already available.', skipped: true })
    if (db.data.status === 'starting') return ok({ detail: 'Already starting.' })
    if (db.data.status !== 'stopped')
      return err(appError('conflict', `Database ${db.data.identifier} is ${db.data.status}; it can be started only when stopped.`))
    const started = await rds.startDatabase()
    if (!started.ok) return started
    return ok({ detail: `Starting (${started.data.status}).` })
  },
}

const waitDbStep: StepDef = {
  id: 'wait-database',
  label: 'Wait until the database is available',
  run: async (o) => {
    const end = await waitForDatabase('available', o)
    return end.ok ? ok({ detail: 'Available.' }) : end
  },
}

const resumeStep: StepDef = {
  id: 'resume-service',
  label: 'Resume the App Runner service',
  run: async (o) => {
    forgetService()
    const svc = await runtime.getService()
    if (!svc.ok) return svc
    if (svc.data.status === 'RUNNING') return ok({ detail: 'Already running.', skipped: true })
    if (svc.data.status !== 'PAUSED')
      return err(appError('conflict', `App Runner service is ${svc.data.status}; it can be resumed only when PAUSED.`))
    const started = await runtime.resume()
    if (!started.ok) return started
    const end = await waitForOperation(started.data.operationId, o)
    if (!end.ok) return end
    if (end.data !== 'SUCCEEDED') return err(appError('aws_error', `Resume operation ${started.data.operationId} ended ${end.data}.`))
    return ok({ detail: `Running (operation ${started.data.operationId}).` })
  },
}

const healthStep: StepDef = {
  id: 'check-health',
  label: 'Check the health endpoint',
  run: async (o) => {
    forgetService()
    const svc = await runtime.getService()
    if (!svc.ok) return svc
    if (!svc.data.url) return err(appError('not_found', 'App Runner reports no service URL to probe.'))
    let last = await probeHealth(svc.data.url)
    for (let i = 1; i < o.healthAttempts && (last.status === null || last.status >= 300); i++) {
      await sleepFor(o.pollMs)
      last = await probeHealth(svc.data.url)
    }
    if (last.status !== null && last.status < 300) return ok({ detail: `${last.url} answered ${last.status} in ${last.ms} ms.` })
    return err(
      appError(
        'aws_error',
        `${last.url} ${last.status === null ? `did not answer (${last.error ?? 'no response'})` : `answered ${last.status}`}.`,
        {
          hint: 'Open the troubleshooting checks to see why the app is unhealthy.',
        },
      ),
    )
  },
}

export const sleepSteps: readonly StepDef[] = [pauseStep, stopDbStep]
export const wakeSteps: readonly StepDef[] = [startDbStep, waitDbStep, resumeStep, healthStep]

// ---------------------------------------------------------------- job registry

type JobRecord = { job: EnvironmentJob; done: Promise<void> }

// Process-wide, so the route that starts a job and the route that reports it see one registry.
const jobs = (): Map<string, JobRecord> => processState('environment-jobs', () => new Map<string, JobRecord>())
const MAX_JOBS = 50

const now = () => new Date().toISOString()

/** "App Runner service PAUSED · database appfactory-db stopped", read fresh. */
async function describeEnvironment(): Promise<string> {
  forgetService()
  forgetDatabase()
  const [svc, db] = await Promise.all([runtime.getService(), rds.getDatabase()])
  const s = svc.ok ? `App Runner service ${svc.data.status}` : `App Runner service unknown (${svc.error.message})`
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
  const o = { ...defaults, ...options }
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
    // Refuse up front while App Runner is busy, rather than failing at the first step.
    forgetService()
    const ops = await runtime.listOperations()
    const active = ops.ok ? ops.data.operations.find((op) => isOperationActive(op.status)) : undefined
    if (!ops.ok || active) {
      await release()
      return reject(
        !ops.ok
          ? ops.error
          : appError(
              'conflict',
              `App Runner operation ${active?.id} (${active?.type}) is ${active?.status}; the environment can ${kind} when it ends.`,
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

/** Pauses App Runner, then stops RDS, in the background. Role: operator. Returns the job with its steps (202). Errors: forbidden, conflict. */
export const sleepEnvironment = (actor: Actor, options: JobOptions = {}) => startJob('sleep', sleepSteps, actor, options)

/** Starts RDS, waits until available, resumes App Runner, checks health — in the background. Role: operator. */
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
