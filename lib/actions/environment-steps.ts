import 'server-only'

import { probeHealth } from '@/lib/aws/health'
import * as rds from '@/lib/aws/rds'
import { runtime } from '@/lib/aws/runtime'
import { databasePower, type DatabasePower } from '@/lib/domain/database.values'
import { appError } from '@/lib/domain/errors'
import { isOperationActive } from '@/lib/domain/service'
import { err, ok, type Result } from '@/lib/result'

import { wrongState } from './database'
import { fresh } from './support'

/*
 * The steps of environment sleep and wake (environment.ts runs them as a job). Each reads the state
 * it acts on fresh, skips itself when that state is already reached, and waits for the change to end.
 */

export type JobOptions = {
  /** Pause between status polls (ms). */
  pollMs?: number
  /** Longest wait for one runtime operation (ms); App Runner's pause/resume usually take 1–5 minutes. */
  operationTimeoutMs?: number
  /** Longest wait for an RDS transition (ms); AWS says starting can take "minutes to hours". */
  databaseTimeoutMs?: number
  /** Health probe attempts before the wake counts as failed (the app may need a moment after resuming). */
  healthAttempts?: number
}

export const jobDefaults: Required<JobOptions> = {
  pollMs: 2000,
  operationTimeoutMs: 20 * 60_000,
  databaseTimeoutMs: 45 * 60_000,
  healthAttempts: 5,
}

export type StepOutcome = { detail: string; skipped?: boolean; requestId?: string }
export type StepDef = { id: string; label: string; run: (o: Required<JobOptions>) => Promise<Result<StepOutcome>> }

export const sleepFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------- waiting

async function waitForOperation(operationId: string, o: Required<JobOptions>): Promise<Result<string>> {
  const deadline = Date.now() + o.operationTimeoutMs
  for (;;) {
    const ops = await fresh(runtime.listOperations)
    if (!ops.ok) return ops
    const op = ops.data.operations.find((x) => x.id === operationId)
    if (op && !isOperationActive(op.status)) return ok(op.status)
    if (Date.now() >= deadline) {
      return err(
        appError(
          'aws_timeout',
          `${runtime.label} operation ${operationId} did not finish within ${Math.round(o.operationTimeoutMs / 60_000)} minutes.`,
          {
            hint: 'It may still finish; watch the deployments page.',
          },
        ),
      )
    }
    await sleepFor(o.pollMs)
  }
}

/** Waits until the database has made `power`'s change; RDS's own housekeeping states on the way are fine. */
async function waitForDatabase(power: DatabasePower, o: Required<JobOptions>): Promise<Result<string>> {
  const { from, via, to: target } = databasePower[power]
  const deadline = Date.now() + o.databaseTimeoutMs
  for (;;) {
    const db = await fresh(rds.getDatabase)
    if (!db.ok) return db
    if (db.data.status === target) return ok(target)
    const passing: readonly string[] = [from, via, 'backing-up', 'modifying', 'rebooting', 'maintenance']
    if (!passing.includes(db.data.status)) {
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
  label: `Pause the ${runtime.label} service`,
  run: async (o) => {
    const svc = await fresh(runtime.getService)
    if (!svc.ok) return svc
    if (svc.data.status === 'PAUSED') return ok({ detail: 'Already paused.', skipped: true })
    if (svc.data.status !== 'RUNNING')
      return err(appError('conflict', `${runtime.label} service is ${svc.data.status}; it can be paused only when RUNNING.`))
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
    const db = await fresh(rds.getDatabase)
    if (!db.ok) return db
    const { from, via, to } = databasePower.stop
    if (db.data.status === to) return ok({ detail: 'Already stopped.', skipped: true })
    if (db.data.status === from) {
      const stopped = await rds.stopDatabase()
      if (!stopped.ok) return stopped
    } else if (db.data.status !== via) {
      return err(wrongState(db.data.identifier, db.data.status, 'stop'))
    }
    const end = await waitForDatabase('stop', o)
    if (!end.ok) return end
    return ok({ detail: 'Stopped. AWS starts it again by itself after 7 days.' })
  },
}

const startDbStep: StepDef = {
  id: 'start-database',
  label: 'Start the database',
  run: async () => {
    const db = await fresh(rds.getDatabase)
    if (!db.ok) return db
    const { from, via, to } = databasePower.start
    if (db.data.status === to) return ok({ detail: 'Already available.', skipped: true })
    if (db.data.status === via) return ok({ detail: 'Already starting.' })
    if (db.data.status !== from) return err(wrongState(db.data.identifier, db.data.status, 'start'))
    const started = await rds.startDatabase()
    if (!started.ok) return started
    return ok({ detail: `Starting (${started.data.status}).` })
  },
}

const waitDbStep: StepDef = {
  id: 'wait-database',
  label: 'Wait until the database is available',
  run: async (o) => {
    const end = await waitForDatabase('start', o)
    return end.ok ? ok({ detail: 'Available.' }) : end
  },
}

const resumeStep: StepDef = {
  id: 'resume-service',
  label: `Resume the ${runtime.label} service`,
  run: async (o) => {
    const svc = await fresh(runtime.getService)
    if (!svc.ok) return svc
    if (svc.data.status === 'RUNNING') return ok({ detail: 'Already running.', skipped: true })
    if (svc.data.status !== 'PAUSED')
      return err(appError('conflict', `${runtime.label} service is ${svc.data.status}; it can be resumed only when PAUSED.`))
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
    const svc = await fresh(runtime.getService)
    if (!svc.ok) return svc
    if (!svc.data.url) return err(appError('not_found', `${runtime.label} reports no service URL to probe.`))
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
