import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { listAudit } from '@/lib/audit/audit'
import { listLedger } from '@/lib/audit/ledger'
import type { Actor } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { closeStore, store } from '@/lib/store/db'
import { saveJob } from '@/lib/store/jobs'

import { aws, shaA, shaB, shaB2, shaC, shaCrit, testConfig } from './actions.fixtures'
import { startDatabase, stopDatabase } from './database'
import { deployedTagFromLog, failureReason } from './deployment-log'
import {
  compareUrl,
  getDeploymentProgress,
  getRollbackTarget,
  listDeployments,
  listOperationsWithLedger,
  previewDeployment,
} from './deployment-reads'
import { deploymentSettled, redeploy, redeployCurrent, rollback, stopDeploymentFollowersForTests } from './deployments'
import { environmentJobDone, getEnvironmentJob, latestEnvironmentJob, sleepEnvironment, wakeEnvironment } from './environment'
import { existing } from '@/lib/test/existing'

vi.mock('@/lib/config', async () => {
  const f = await import('./actions.fixtures')
  return { config: () => f.testConfig }
})
vi.mock('@/lib/aws/runtime', async () => ({ runtime: (await import('./actions.fixtures')).aws.runtime }))
vi.mock('@/lib/aws/ecr', async () => (await import('./actions.fixtures')).aws.ecr)
vi.mock('@/lib/aws/rds', async () => (await import('./actions.fixtures')).aws.rds)
vi.mock('@/lib/aws/logs', async () => (await import('./actions.fixtures')).aws.logsApi)
vi.mock('@/lib/aws/health', async () => (await import('./actions.fixtures')).aws.healthApi)
vi.mock('@/lib/aws/cloudtrail', async () => (await import('./actions.fixtures')).aws.cloudtrailApi)

const operator: Actor = { id: 'token:ci', name: 'ci', role: 'operator', kind: 'token' }
const viewer: Actor = { id: 'ana@example.com', name: 'Ana', role: 'viewer', kind: 'user' }
const fast = { pollMs: 1, operationTimeoutMs: 2000, databaseTimeoutMs: 2000, healthAttempts: 2 }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-actions-'))
testConfig.dataDir = tmp

beforeEach(async () => {
  await closeStore()
  fs.rmSync(path.join(tmp, 'portal.sqlite'), { force: true })
  fs.rmSync(path.join(tmp, 'portal.sqlite-wal'), { force: true })
  fs.rmSync(path.join(tmp, 'portal.sqlite-shm'), { force: true })
  aws.reset()
  stopDeploymentFollowersForTests()
})
afterAll(async () => {
  await closeStore()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const lastAudit = async () => (await listAudit({ limit: 1 })).entries[0]

describe('redeploy', () => {
  it('deploys the one image a short SHA resolves to, writes ledger and audit', async () => {
    const r = await redeploy({ sha: 'CCCCCCC' }, operator)
    expect(r).toMatchObject({ ok: true, data: { kind: 'update', image: { sha: shaC }, fromSha: shaA } })
    expect(aws.writes()).toEqual(['UpdateService'])
    const [entry] = await listLedger()
    expect(entry).toMatchObject({ sha: shaC, fromSha: shaA, actorId: 'token:ci', kind: 'update', status: 'PENDING' })
    expect(entry?.digest).toMatch(/^sha256:/)
    expect(await lastAudit()).toMatchObject({
      action: 'deployment.redeploy',
      result: 'ok',
      actorId: 'token:ci',
      target: 'apprunner:appfactory-app-service',
    })
    // The validated (normalised) SHA is recorded, never the raw body.
    expect((await lastAudit())?.params).toEqual({ sha: 'ccccccc', resolvedSha: shaC, digest: entry?.digest })
  })

  it('rejects an invalid SHA without any AWS call, and audits the attempt', async () => {
    const r = await redeploy({ sha: 'xyz', note: '<script>x</script>', extra: 'x'.repeat(5000) }, operator)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('invalid_input')
    expect(aws.calls).toEqual([])
    expect(await lastAudit()).toMatchObject({ action: 'deployment.redeploy', result: 'error', errorCode: 'invalid_input' })
    // A body that fails validation is recorded by its error only: nothing the caller sent is stored.
    expect((await lastAudit())?.params).toEqual({})
  })

  it('rejects an unknown SHA (400) with zero writes', async () => {
    const r = await redeploy({ sha: '1234567' }, operator)
    expect(r.ok || r.error.code).toBe('invalid_input')
    if (!r.ok) expect(r.error.message).toContain('No image')
    expect(aws.writes()).toEqual([])
  })

  it('rejects an ambiguous SHA prefix; a longer prefix resolves', async () => {
    const amb = await redeploy({ sha: 'b1b1b1b' }, operator)
    expect(amb.ok || amb.error.code).toBe('invalid_input')
    if (!amb.ok) expect(amb.error.message).toContain('ambiguous')
    expect(aws.writes()).toEqual([])
    const unique = await redeploy({ sha: 'b1b1b1b2' }, operator)
    expect(unique).toMatchObject({ ok: true, data: { image: { sha: shaB2 } } })
  })

  it('refuses a viewer (forbidden) and audits it', async () => {
    const r = await redeploy({ sha: shaC }, viewer)
    expect(r.ok || r.error.code).toBe('forbidden')
    expect(aws.writes()).toEqual([])
    expect(await lastAudit()).toMatchObject({ result: 'error', errorCode: 'forbidden', actorId: viewer.id })
  })

  it('needs an override with a reason for an image with CRITICAL findings', async () => {
    const r = await redeploy({ sha: shaCrit }, operator)
    expect(r.ok || r.error.code).toBe('invalid_input')
    if (!r.ok) expect(r.error.message).toContain('CRITICAL')
    expect(aws.writes()).toEqual([])
    const short = await redeploy({ sha: shaCrit, override: { reason: 'no' } }, operator)
    expect(short.ok).toBe(false)
    const ok = await redeploy({ sha: shaCrit, override: { reason: 'hotfix for outage, CVE not reachable' } }, operator)
    expect(ok.ok).toBe(true)
    expect((await listLedger())[0]?.overrideReason).toBe('hotfix for outage, CVE not reachable')
  })

  it('refuses with 409 naming the running operation', async () => {
    const running = aws.addRunningOperation()
    const r = await redeploy({ sha: shaC }, operator)
    expect(r.ok || r.error.code).toBe('conflict')
    if (!r.ok) expect(r.error.message).toContain(running)
    expect(aws.writes()).toEqual([])
  })

  it('two simultaneous redeploys make exactly one UpdateService; the other gets a conflict', async () => {
    const [a, b] = await Promise.all([redeploy({ sha: shaC }, operator), redeploy({ sha: shaB }, operator)])
    expect(aws.writes()).toEqual(['UpdateService'])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    const failed = a.ok ? b : a
    expect(failed.ok || failed.error.code).toBe('conflict')
    expect((await listAudit({ action: 'deployment' })).entries.map((e) => e.result).sort()).toEqual(['error', 'ok'])
  })

  it('a second deploy right after the first sees the operation and gets a conflict', async () => {
    expect((await redeploy({ sha: shaC }, operator)).ok).toBe(true)
    const again = await redeploy({ sha: shaB }, operator)
    expect(again.ok || again.error.code).toBe('conflict')
    expect(aws.writes()).toEqual(['UpdateService'])
  })

  it('audits an AWS failure with its request id', async () => {
    aws.faults.set('UpdateService', appError('aws_denied', 'Access denied', { requestId: 'req-123', awsCode: 'AccessDeniedException' }))
    const r = await redeploy({ sha: shaC }, operator)
    expect(r.ok).toBe(false)
    expect(await lastAudit()).toMatchObject({ result: 'error', errorCode: 'aws_denied', requestId: 'req-123' })
    expect(await listLedger()).toEqual([])
  })

  it('redeployCurrent uses StartDeployment; deploying the running SHA does too', async () => {
    expect((await redeployCurrent(operator)).ok).toBe(true)
    expect(aws.writes()).toEqual(['StartDeployment'])
    expect((await listLedger())[0]).toMatchObject({ kind: 'redeploy', sha: shaA })
    expect((await lastAudit())?.action).toBe('deployment.redeploy-current')
  })

  it('deploying the SHA that runs now redeploys it with StartDeployment', async () => {
    expect((await redeploy({ sha: shaA }, operator)).ok).toBe(true)
    expect(aws.writes()).toEqual(['StartDeployment'])
  })

  it('annotates operations with the ledger for the operations table', async () => {
    aws.addRunningOperation('START_DEPLOYMENT')
    await listDeployments()
    await listDeployments() // the foreign operation ends
    expect((await redeploy({ sha: shaC }, operator)).ok).toBe(true)
    const ops = await listOperationsWithLedger()
    expect(existing(ops).operations.map((o) => [o.startedByPortal, o.sha ?? null, o.actor ?? null])).toEqual([
      [true, shaC, 'ci'],
      [false, null, null],
    ])
  })

  it('refuses a paused service', async () => {
    aws.service.status = 'PAUSED'
    const r = await redeploy({ sha: shaC }, operator)
    expect(r.ok || r.error.code).toBe('conflict')
    expect(aws.writes()).toEqual([])
  })
})

describe('deployment ledger and outcome', () => {
  it('a ROLLBACK_SUCCEEDED update is failed, with the reason from its deployment log', async () => {
    aws.nextDeployStatus = 'ROLLBACK_SUCCEEDED'
    const r = await redeploy({ sha: shaC }, operator, { pollMs: 60_000 })
    if (!r.ok) throw new Error(r.error.message)
    let progress = await getDeploymentProgress(r.data.operationId)
    for (let i = 0; i < 5 && progress.ok && progress.data.outcome === 'running'; i++)
      progress = await getDeploymentProgress(r.data.operationId)
    expect(progress).toMatchObject({
      ok: true,
      data: { status: 'ROLLBACK_SUCCEEDED', outcome: 'failed', startedByPortal: true, sha: shaC },
    })
    if (progress.ok) {
      expect(progress.data.reason).toContain('Health check failed')
      expect(progress.data.health?.status).toBe(200)
    }
    // Reads never write: the ledger still holds what the deployment stored when it started.
    expect((await listLedger())[0]).toMatchObject({ status: 'PENDING', reason: null })
  })

  it("a deployment's follower stores its outcome in the ledger when it ends", async () => {
    aws.nextDeployStatus = 'ROLLBACK_SUCCEEDED'
    const r = await redeploy({ sha: shaC }, operator, { pollMs: 1 })
    if (!r.ok) throw new Error(r.error.message)
    await deploymentSettled(r.data.operationId)
    expect((await listLedger())[0]).toMatchObject({ operationId: r.data.operationId, status: 'ROLLBACK_SUCCEEDED' })
    expect((await listLedger())[0]?.reason).toContain('Health check failed')
  })

  it('the next deployment stores the outcomes of earlier ones (a follower lost to a restart)', async () => {
    const first = await redeploy({ sha: shaC }, operator, { pollMs: 60_000 })
    if (!first.ok) throw new Error(first.error.message)
    await listDeployments() // → IN_PROGRESS
    await listDeployments() // → SUCCEEDED
    expect((await listLedger())[0]?.status).toBe('PENDING')
    expect((await redeploy({ sha: shaB }, operator, { pollMs: 60_000 })).ok).toBe(true)
    expect((await listLedger()).find((e) => e.operationId === first.data.operationId)?.status).toBe('SUCCEEDED')
  })

  it('shows operations the portal did not start as such', async () => {
    aws.addRunningOperation('START_DEPLOYMENT')
    const list = await listDeployments()
    expect(existing(list).deployments[0]).toMatchObject({ startedByPortal: false, sha: null, actorId: null })
  })

  it('reads the SHA of an operation nobody recorded from its deployment log', async () => {
    const id = aws.addForeignOperation('UPDATE_SERVICE', shaB)
    await listDeployments()
    await listDeployments() // it ends
    aws.logs.set(id, [
      {
        eventId: '1',
        timestamp: new Date(0).toISOString(),
        stream: `deployment/${id}`,
        message: `[AppRunner] Deployment Artifact: [Repo Type: ECR], [Image URL: repo], [Image Tag: ${shaB}]`,
        fields: null,
      },
    ])
    const list = await listDeployments()
    expect(existing(list).deployments[0]).toMatchObject({ sha: shaB, shaSource: 'log', actorKind: 'unknown', actorName: null })
  })

  it('previews from → to with a compare link and findings', async () => {
    const p = await previewDeployment({ sha: shaCrit.slice(0, 9) }, viewer)
    expect(p).toMatchObject({
      ok: true,
      data: {
        from: { sha: shaA },
        to: { sha: shaCrit },
        compareUrl: compareUrl('hanpieter1/AppFactory', shaA, shaCrit),
        requiresOverride: true,
      },
    })
    expect(compareUrl('o/r', 'x', 'y')).toBe('https://github.com/o/r/compare/x...y')
  })
})

describe('rollback', () => {
  it('goes back to the SHA of the previous successful portal deployment', async () => {
    // No portal deployment and no deployment log naming another image: nothing to roll back to.
    const none = await getRollbackTarget()
    expect(none.ok && none.data.toSha).toBeNull()
    const r = await rollback(operator)
    expect(r.ok || r.error.code).toBe('conflict')
    expect((await redeploy({ sha: shaC }, operator)).ok).toBe(true)
    await listDeployments() // → IN_PROGRESS
    await listDeployments() // → SUCCEEDED, service now on shaC
    expect(aws.service.sha).toBe(shaC)
    // The ledger recorded the image shaC replaced: no deployment log is needed to go back to it.
    aws.logs.set('op-0', [])
    const previous = await getRollbackTarget()
    expect(previous.ok && previous.data.toSha).toBe(shaA)
    // A second portal deployment (to shaB), then rollback → shaC.
    expect((await redeploy({ sha: shaB }, operator)).ok).toBe(true)
    await listDeployments()
    await listDeployments()
    const back = await rollback(operator)
    expect(back).toMatchObject({ ok: true, data: { kind: 'rollback', image: { sha: shaC }, fromSha: shaB } })
    expect(await lastAudit()).toMatchObject({ action: 'deployment.rollback', result: 'ok' })
  })

  it('falls back to the image tag in an earlier deployment log', () => {
    const ev = (m: string) => ({ eventId: '1', timestamp: '', stream: '', message: m, fields: null })
    expect(deployedTagFromLog([ev(`[AppRunner] Deployment Artifact: [Repo Type: ECR], [Image URL: x/y], [Image Tag: ${shaB}]`)])).toBe(shaB)
    expect(
      failureReason([
        ev('[AppRunner] Deployment with ID : 1 started.'),
        ev('[AppRunner] Health check failed. 503'),
        ev('[AppRunner] Deployment failed.'),
      ]),
    ).toBe('Health check failed. 503')
    expect(failureReason([ev('[AppRunner] Rollback with ID : 1 completed successfully.')])).toBeNull()
  })
})

describe('database stop/start', () => {
  it('stops an available database', async () => {
    const r = await stopDatabase(operator)
    expect(r).toMatchObject({ ok: true, data: { status: 'stopping' } })
    expect(aws.writes()).toEqual(['StopDBInstance'])
    expect(await lastAudit()).toMatchObject({ action: 'database.stop', result: 'ok', target: 'rds:appfactory-db' })
  })

  it('stop while stopping → conflict with the actual state, no write, audited', async () => {
    aws.db.status = 'stopping'
    const r = await stopDatabase(operator)
    expect(r.ok || r.error.code).toBe('conflict')
    if (!r.ok) expect(r.error.message).toContain('stopping')
    expect(aws.writes()).toEqual([])
    expect(await lastAudit()).toMatchObject({ action: 'database.stop', result: 'error', errorCode: 'conflict' })
  })

  it('start from stopped; start from available → conflict', async () => {
    aws.db.status = 'stopped'
    expect(await startDatabase(operator)).toMatchObject({ ok: true, data: { status: 'starting' } })
    aws.db.status = 'available'
    const r = await startDatabase(operator)
    expect(r.ok || r.error.code).toBe('conflict')
  })

  it('two simultaneous stops → one StopDBInstance', async () => {
    const rs = await Promise.all([stopDatabase(operator), stopDatabase(operator)])
    expect(aws.writes()).toEqual(['StopDBInstance'])
    expect(rs.filter((r) => r.ok)).toHaveLength(1)
  })

  it('viewer is forbidden', async () => {
    const r = await stopDatabase(viewer)
    expect(r.ok || r.error.code).toBe('forbidden')
    expect(aws.calls).toEqual([])
  })
})

describe('environment sleep / wake', () => {
  it('sleep pauses App Runner, then stops RDS, and ends paused + stopped', async () => {
    const r = await sleepEnvironment(operator, fast)
    if (!r.ok) throw new Error(r.error.message)
    expect(r.data.steps.map((s) => s.id)).toEqual(['pause-service', 'stop-database'])
    await environmentJobDone(r.data.id)
    const job = await getEnvironmentJob(r.data.id)
    expect(job).toMatchObject({ ok: true, data: { status: 'succeeded' } })
    expect(aws.writes()).toEqual(['PauseService', 'StopDBInstance'])
    expect(aws.service.status).toBe('PAUSED')
    expect(aws.db.status).toBe('stopped')
    const actions = (await listAudit()).entries.map((e) => `${e.action}:${e.result}`)
    expect(actions).toEqual(['environment.sleep.stop-database:ok', 'environment.sleep.pause-service:ok', 'environment.sleep:ok'])
  })

  it('wake starts RDS, waits, resumes App Runner, checks health — in that order', async () => {
    aws.service.status = 'PAUSED'
    aws.db.status = 'stopped'
    const r = await wakeEnvironment(operator, fast)
    if (!r.ok) throw new Error(r.error.message)
    await environmentJobDone(r.data.id)
    const job = await getEnvironmentJob(r.data.id)
    expect(job.ok && job.data.steps.map((s) => `${s.id}:${s.status}`)).toEqual([
      'start-database:succeeded',
      'wait-database:succeeded',
      'resume-service:succeeded',
      'check-health:succeeded',
    ])
    expect(aws.writes()).toEqual(['StartDBInstance', 'ResumeService'])
    expect(aws.service.status).toBe('RUNNING')
    expect(aws.db.status).toBe('available')
  })

  it('a failed step stops the sequence and says what runs now', async () => {
    aws.service.status = 'PAUSED'
    aws.db.status = 'stopped'
    aws.faults.set('StartDBInstance', appError('aws_error', 'AWS failed on rds:StartDBInstance (HTTP 500).'))
    const r = await wakeEnvironment(operator, fast)
    if (!r.ok) throw new Error(r.error.message)
    await environmentJobDone(r.data.id)
    const job = await getEnvironmentJob(r.data.id)
    if (!job.ok) throw new Error('no job')
    expect(job.data.status).toBe('failed')
    expect(job.data.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped'])
    expect(job.data.summary).toBe('Now: App Runner service PAUSED · database appfactory-db stopped.')
    expect(aws.writes()).toEqual(['StartDBInstance'])
    expect((await listAudit({ action: 'environment.wake' })).entries.find((e) => e.action === 'environment.wake')).toMatchObject({
      result: 'error',
    })
  })

  it('refuses a second job while one runs, and a deploy during it', async () => {
    const first = await sleepEnvironment(operator, { ...fast, pollMs: 20 })
    const second = await wakeEnvironment(operator, fast)
    expect(second.ok || second.error.code).toBe('conflict')
    const deploy = await redeploy({ sha: shaC }, operator)
    expect(deploy.ok || deploy.error.code).toBe('conflict')
    if (first.ok) await environmentJobDone(first.data.id)
    expect(aws.writes()).toEqual(['PauseService', 'StopDBInstance'])
  })

  it('reports a job another replica runs, and says so when that replica stopped writing it', async () => {
    const job = {
      id: 'job-elsewhere',
      kind: 'wake' as const,
      status: 'running' as const,
      steps: [
        {
          id: 'start-database',
          label: 'Start the database',
          status: 'succeeded' as const,
          detail: 'starting',
          startedAt: '2099-01-01T00:00:00.000Z',
          endedAt: '2099-01-01T00:00:01.000Z',
        },
        {
          id: 'wait-database',
          label: 'Wait',
          status: 'running' as const,
          detail: null,
          startedAt: '2099-01-01T00:00:01.000Z',
          endedAt: null,
        },
        { id: 'resume-service', label: 'Resume', status: 'pending' as const, detail: null, startedAt: null, endedAt: null },
      ],
      actorId: operator.id,
      startedAt: '2099-01-01T00:00:00.000Z',
      endedAt: null,
      summary: null,
      error: null,
    }
    await saveJob(await store(), job, 'replica-b:42', Date.now())
    expect(await getEnvironmentJob('job-elsewhere')).toEqual({ ok: true, data: job })
    expect((await latestEnvironmentJob())?.id).toBe('job-elsewhere')

    await saveJob(await store(), job, 'replica-b:42', Date.now() - 5 * 60_000)
    const lost = await getEnvironmentJob('job-elsewhere')
    if (!lost.ok) throw new Error(lost.error.message)
    expect(lost.data.status).toBe('failed')
    expect(lost.data.steps.map((x) => x.status)).toEqual(['succeeded', 'failed', 'skipped'])
    expect(lost.data.error).toMatchObject({ code: 'internal', message: expect.stringContaining('(replica-b:42) stopped reporting at') })
    expect(await getEnvironmentJob('job-nowhere')).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('refuses to start while an App Runner operation runs', async () => {
    aws.addRunningOperation()
    const r = await sleepEnvironment(operator, fast)
    expect(r.ok || r.error.code).toBe('conflict')
    expect(aws.writes()).toEqual([])
  })
})

describe('audit survives a restart', () => {
  it('re-opening the database file keeps every entry', async () => {
    await redeploy({ sha: 'nothex!' }, operator)
    await stopDatabase(operator)
    await closeStore()
    expect((await listAudit()).entries.map((e) => e.action)).toEqual(['database.stop', 'deployment.redeploy'])
  })
})

const githubActions = {
  kind: 'github-actions',
  name: 'GitHub Actions',
  arn: 'arn:aws:sts::082609687527:assumed-role/AppFactoryGitHubActionsRole/GitHubActions',
} as const

describe('deployment history: who and which SHA, from CloudTrail', () => {
  it('names GitHub Actions and the SHA of its request; a redeploy runs the SHA that was running; each row links to what it replaced', async () => {
    const first = aws.addForeignOperation('UPDATE_SERVICE', shaB)
    aws.recordInTrail(first, 'UpdateService', githubActions, shaB)
    await listDeployments()
    await listDeployments() // the first ends
    const second = aws.addForeignOperation('UPDATE_SERVICE', shaC)
    aws.recordInTrail(second, 'UpdateService', githubActions, shaC)
    await listDeployments()
    await listDeployments() // the second ends
    const third = aws.addForeignOperation('START_DEPLOYMENT')
    aws.recordInTrail(third, 'StartDeployment', { kind: 'person', name: 'hanpieter', arn: 'arn:aws:iam::082609687527:user/hanpieter' })
    const list = existing(await listDeployments())
    expect(list.missing).toEqual([])
    expect(list.deployments.map((d) => [d.type, d.sha, d.shaSource, d.actorName, d.actorKind, d.previousSha])).toEqual([
      ['START_DEPLOYMENT', shaC, 'running', 'hanpieter', 'person', shaC],
      ['UPDATE_SERVICE', shaC, 'request', 'GitHub Actions', 'github-actions', shaB],
      ['UPDATE_SERVICE', shaB, 'request', 'GitHub Actions', 'github-actions', null],
    ])
    expect(list.deployments.map((d) => d.compareUrl)).toEqual([null, compareUrl(testConfig.githubRepo, shaB, shaC), null])
  })

  it('the portal stays the author of its own deployments; CloudTrail adds the AWS identity', async () => {
    const r = await redeploy({ sha: shaC }, operator, { pollMs: 60_000 })
    if (!r.ok) throw new Error(r.error.message)
    aws.recordInTrail(
      r.data.operationId,
      'UpdateService',
      { kind: 'automation', name: 'AppFactoryPortal', arn: 'arn:aws:iam::082609687527:user/portal' },
      shaC,
    )
    const list = await listDeployments()
    expect(existing(list).deployments[0]).toMatchObject({
      actorName: 'ci',
      actorKind: 'portal',
      actorArn: 'arn:aws:iam::082609687527:user/portal',
      sha: shaC,
      shaSource: 'ledger',
    })
  })

  it('without the runtime, the ledger and CloudTrail rows are shown, marked as not listed, and missing names the runtime', async () => {
    const r = await redeploy({ sha: shaC }, operator, { pollMs: 60_000 })
    if (!r.ok) throw new Error(r.error.message)
    aws.recordInTrail('op-by-ci', 'UpdateService', githubActions, shaB)
    aws.faults.set('ListOperations', appError('aws_error', 'The endpoint answered HTTP 500 with something that is not an AWS API answer.'))
    const list = existing(await listDeployments())
    expect(list.missing).toEqual([{ source: 'runtime', error: expect.objectContaining({ code: 'aws_error' }) }])
    const byId = new Map(list.deployments.map((d) => [d.operationId, d]))
    expect(byId.get(r.data.operationId)).toMatchObject({ listedByRuntime: false, startedByPortal: true, sha: shaC, actorName: 'ci' })
    expect(byId.get('op-by-ci')).toMatchObject({
      listedByRuntime: false,
      type: 'UPDATE_SERVICE',
      outcome: 'unknown',
      sha: shaB,
      actorName: 'GitHub Actions',
    })
  })

  it('when CloudTrail cannot be read, who started a foreign operation is unknown (never the portal), and missing says why', async () => {
    aws.addForeignOperation('UPDATE_SERVICE', shaB)
    aws.faults.set(
      'LookupEvents',
      appError('aws_denied', 'Not allowed to call cloudtrail:LookupEvents.', { iamAction: 'cloudtrail:LookupEvents' }),
    )
    const list = existing(await listDeployments())
    expect(list.deployments[0]).toMatchObject({ actorKind: 'unknown', actorName: null, startedByPortal: false })
    expect(list.missing).toEqual([
      { source: 'cloudtrail', error: expect.objectContaining({ code: 'aws_denied', iamAction: 'cloudtrail:LookupEvents' }) },
    ])
  })
})
