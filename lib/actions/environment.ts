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
import { store } from '@/lib/store/db'
import { getStoredJob, latestStoredJob, pruneJobs, saveJob, type StoredJob } from '@/lib/store/jobs'
import { lockOwner } from '@/lib/store/locks'
import { type RequestMeta, requestMeta } from '@/lib/request-meta'
import { err, ok, type Result } from '@/lib/result'

import { jobDefaults, type JobOptions, sleepSteps, type StepDef, type StepOutcome, wakeSteps } from './environment-steps'
import { isNotCreated } from '@/lib/domain/setup.values'
import { authorize, created, fresh, locks, safeRecord, targets } from './support'

export type { JobOptions } from './environment-steps'

/**
 * Environment sleep / wake: multi-step jobs that continue in the server process after the 202.
 * Sleep: pause the service, then stop RDS. Wake: start RDS, wait until available, resume the service,
 * check health (the steps: environment-steps.ts). Each step is audited; the first failing step ends
 * the job, and the job then says what runs and what does not. The job is written to the store as it
 * goes, so every replica reports it; the process running it also keeps it in memory.
 */

// ---------------------------------------------------------------- job registry

type JobRecord = { job: EnvironmentJob; done: Promise<void> }

// Process-wide: the jobs this process runs, with the promise that ends with each (tests await it).
const jobs = (): Map<string, JobRecord> => processState('environment-jobs', () => new Map<string, JobRecord>())
const MAX_JOBS = 50
/** A running job is written at least this often (steps that wait for AWS take minutes)… */
const HEARTBEAT_MS = 5_000
/** …so one not written for this long has lost its runner (that replica was stopped or crashed). */
const LOST_AFTER_MS = 30_000

/** A function that writes the job's current state to the store; calls are written in order and never throw. */
function jobWriter(job: EnvironmentJob): () => Promise<void> {
  let chain: Promise<void> = Promise.resolve()
  return () =>
    (chain = chain.then(async () => {
      try {
        const s = await store()
        await saveJob(s, job, lockOwner)
      } catch (e: unknown) {
        logger().warn({ err: e, jobId: job.id }, 'environment job: could not write its progress to the store; other replicas show it late')
      }
    }))
}

/** A stored job as readers should see it: one whose runner stopped writing is failed, and says so. */
export function asSeen(stored: StoredJob, now = Date.now()): EnvironmentJob {
  const { job } = stored
  if (job.status !== 'running' || now - stored.updatedAt <= LOST_AFTER_MS) return job
  const lastSeen = new Date(stored.updatedAt).toISOString()
  return {
    ...job,
    status: 'failed',
    steps: job.steps.map((step) =>
      step.status === 'running'
        ? { ...step, status: 'failed', detail: 'Its runner stopped during this step; the audit log says whether the AWS call was made.' }
        : step.status === 'pending'
          ? { ...step, status: 'skipped', detail: "Not run: the job's runner stopped." }
          : step,
    ),
    error: appError(
      'internal',
      `The portal process running this job (${stored.owner}) stopped reporting at ${lastSeen}, before the job ended.`,
      {
        hint: 'It was stopped or restarted. Check the service and the database on the overview, then start the job again if needed.',
      },
    ),
  }
}

const now = () => new Date().toISOString()

/** "App Runner service PAUSED · database appfactory-db stopped", read fresh. */
async function describeEnvironment(): Promise<string> {
  const [svc, db] = await Promise.all([fresh(runtime.getService), fresh(rds.getDatabase)])
  const s = !svc.ok
    ? `${runtime.label} service unknown (${svc.error.message})`
    : isNotCreated(svc.data)
      ? `${runtime.label} service not created yet`
      : `${runtime.label} service ${svc.data.status}`
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
  write: () => Promise<void>,
) {
  let failure: AppError | null = null
  const heartbeat = setInterval(() => void write(), HEARTBEAT_MS)
  heartbeat.unref?.()
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
      void write()
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
      void write()
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
    clearInterval(heartbeat)
    await release()
    job.status = failure ? 'failed' : 'succeeded'
    job.error = failure
    job.endedAt = now()
    await write()
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
    // Sleep and wake act on the service: one that is not created yet has nothing to pause or resume.
    const ops = created(await fresh(runtime.listOperations), `environment ${kind}`)
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
    // Stored before the 202, so a replica asked about it next knows it.
    const write = jobWriter(job)
    await write()
    const done = runJob(job, defs, actor, meta, auditId, o, release, write).catch((e: unknown) =>
      logger().error({ err: e, kind, jobId: id }, 'environment job crashed'),
    )
    const map = jobs()
    map.set(id, { job, done })
    for (const old of map.keys()) if (map.size > MAX_JOBS && old !== id) map.delete(old)
    void store()
      .then((s) => pruneJobs(s, MAX_JOBS))
      .catch((e: unknown) => logger().warn({ err: e }, 'environment jobs: could not prune old jobs'))
    return ok(structuredClone(job))
  })()
}

/** Pauses the service, then stops RDS, in the background. Role: operator. Returns the job with its steps (202). Errors: forbidden, conflict. */
export const sleepEnvironment = (actor: Actor, options: JobOptions = {}) => startJob('sleep', sleepSteps, actor, options)

/** Starts RDS, waits until available, resumes the service, checks health — in the background. Role: operator. */
export const wakeEnvironment = (actor: Actor, options: JobOptions = {}) => startJob('wake', wakeSteps, actor, options)

const unreadable = appError('store_unavailable', "Sleep/wake jobs cannot be read: the portal's database is not reachable.", {
  hint: 'Retry in a moment; if it persists, check PORTAL_DATABASE_URL (or PORTAL_DATA_DIR) and the server log.',
})

/** A stored job, or null; `undefined` when the store could not be read. */
async function readStored(
  read: (s: Awaited<ReturnType<typeof store>>) => Promise<StoredJob | null>,
): Promise<StoredJob | null | undefined> {
  try {
    return await read(await store())
  } catch (e: unknown) {
    logger().warn({ err: e }, 'environment jobs: could not read the store')
    return undefined
  }
}

/**
 * A job's current state (a copy): this process's own while it runs it, otherwise as the store has it
 * (from whichever replica ran it). Errors: not_found, store_unavailable.
 */
export async function getEnvironmentJob(id: string): Promise<Result<EnvironmentJob>> {
  const local = jobs().get(id)
  if (local) return ok(structuredClone(local.job))
  const stored = await readStored((s) => getStoredJob(s, id))
  if (stored === undefined) return err(unreadable)
  return stored
    ? ok(asSeen(stored))
    : err(
        appError('not_found', `No environment job ${id}.`, {
          hint: `The portal keeps the last ${MAX_JOBS} jobs; the audit log has every step of older ones.`,
        }),
      )
}

/** The most recently started job (so a reloaded page on any replica can follow a running sleep/wake), or null. */
export async function latestEnvironmentJob(): Promise<EnvironmentJob | null> {
  const stored = await readStored(latestStoredJob)
  const localLast = [...jobs().values()].at(-1)?.job ?? null
  if (!stored) return localLast ? structuredClone(localLast) : null
  const local = jobs().get(stored.job.id)
  return local ? structuredClone(local.job) : asSeen(stored)
}

/** Resolves when the job has ended (tests; never awaited by routes). */
export async function environmentJobDone(id: string): Promise<void> {
  await jobs().get(id)?.done
}
