import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { completeAudit, listAudit, listAuditFacets, recordAudit } from '@/lib/audit/audit'
import { getLedgerEntry, listLedger, recordDeployment, updateDeploymentStatus } from '@/lib/audit/ledger'
import { acquireLocks, withLock, withLocks } from '@/lib/locks'
import { sharedRateLimiter } from '@/lib/rate-limit'
import { ok, type Result } from '@/lib/result'
import { startTestPostgres, type TestPostgres } from '@/lib/test/postgres'

import { closeStore, openStore, redactUrl, type Store, store, type StoreTarget } from './db'
import { getStoredJob, latestStoredJob, pruneJobs, saveJob } from './jobs'
import { currentHolder, release, renew, tryAcquire } from './locks'
import { resetBuckets, takeToken } from './rate-limits'
import {
  countActiveSessions,
  createSessionRecord,
  getSessionRecord,
  listOpenSessionRecords,
  pruneSessionRecords,
  revokeSessionRecord,
  revokeSessionsOf,
  touchSessionRecord,
  updateSessionIdentity,
} from './sessions'

/**
 * The store's suite, run twice: on embedded SQLite and on a real PostgreSQL server started here
 * (lib/test/postgres.ts). On PostgreSQL, locking and rate limits are tested with two separately
 * opened stores — two connection pools, as two replicas would have.
 */

const cfg = vi.hoisted(() => ({ dataDir: '', databaseUrl: undefined as string | undefined, lockLeaseMs: 30_000, logLevel: 'silent' }))
vi.mock('@/lib/config', () => ({ config: () => cfg }))

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-store-'))
let pgServer: TestPostgres | undefined

beforeAll(async () => {
  pgServer = await startTestPostgres()
}, 60_000)

afterAll(async () => {
  await closeStore()
  await pgServer?.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const ana = { id: 'ana@example.com', name: 'Ana' }
const ci = { id: 'token:ci', name: 'ci' }
const t = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString()

describe.each(['sqlite', 'postgres'] as const)('store on %s', (dialect) => {
  let target: StoreTarget
  /** A second, separately opened store on the same database: another replica. */
  let other: Store
  let mine: Store

  beforeAll(async () => {
    await closeStore()
    if (dialect === 'postgres') {
      if (!pgServer) throw new Error('PostgreSQL did not start')
      cfg.databaseUrl = await pgServer.createDatabase('store_suite')
      target = { databaseUrl: cfg.databaseUrl }
    } else {
      cfg.databaseUrl = undefined
      cfg.dataDir = fs.mkdtempSync(path.join(tmp, 'sqlite-'))
      target = { sqliteFile: path.join(cfg.dataDir, 'portal.sqlite') }
    }
    if (dialect === 'postgres') {
      // Two replicas starting at once: each migrates, neither fails, each migration runs once.
      ;[mine, other] = await Promise.all([store(), openStore(target)])
    } else {
      // SQLite serves one process. (A second synchronous connection in this same thread would block
      // the event loop that the first one's open transaction needs in order to finish.)
      mine = await store()
      other = mine
    }
  }, 60_000)

  afterAll(async () => {
    if (other !== mine) await other.db.destroy()
    await closeStore()
  })

  it('applies every migration once, and opening again changes nothing', async () => {
    expect(mine.dialect).toBe(dialect)
    const names = await mine.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute()
    expect(names.map((r) => (r as { name: string }).name)).toEqual([
      '0001_audit_and_ledger',
      '0002_locks_rate_limits_sessions',
      '0003_session_identity_and_audit_origin',
      '0004_environment_jobs',
    ])
    const again = await openStore(target)
    await again.db.destroy()
  })

  it('keeps the audit log: filters, prefix match, paging, facets, completion of pending entries', async () => {
    await recordAudit({
      actor: ana,
      action: 'deployment.redeploy',
      target: 'apprunner:x',
      params: { sha: 'abc1234' },
      result: 'ok',
      startedAt: t(1),
      endedAt: t(2),
    })
    await recordAudit({
      actor: ci,
      action: 'database.stop',
      target: 'rds:db',
      result: 'error',
      error: { code: 'conflict', message: 'Database db is stopping' },
      startedAt: t(3),
      endedAt: t(3),
    })
    const pending = await recordAudit({
      actor: ana,
      action: 'environment.sleep',
      target: 'environment:x',
      result: 'pending',
      startedAt: t(4),
    })
    await completeAudit(pending, { result: 'ok', endedAt: t(9), requestId: 'req-1' })
    // A replica sees what another wrote.
    await recordAudit({ actor: ci, action: 'x_y%z', target: 't', result: 'ok', startedAt: t(5) })

    const all = await listAudit()
    expect(all.entries.map((e) => e.action)).toEqual(['x_y%z', 'environment.sleep', 'database.stop', 'deployment.redeploy'])
    expect(all.entries[1]).toMatchObject({ result: 'ok', endedAt: t(9), requestId: 'req-1' })
    expect((await listAudit({ actor: 'Ana' })).entries).toHaveLength(2)
    expect((await listAudit({ actor: 'token:ci' })).entries[1]).toMatchObject({
      errorCode: 'conflict',
      errorMessage: 'Database db is stopping',
    })
    expect((await listAudit({ action: 'deployment' })).entries).toHaveLength(1)
    expect((await listAudit({ action: 'deploy' })).entries).toHaveLength(0)
    // LIKE wildcards in a filter are literal characters.
    expect((await listAudit({ action: 'x_y' })).entries).toHaveLength(0)
    expect((await listAudit({ result: 'error' })).entries).toHaveLength(1)
    const page1 = await listAudit({ limit: 2 })
    expect(page1.nextBefore).not.toBeNull()
    const page2 = await listAudit({ limit: 2, before: page1.nextBefore ?? 0 })
    expect(page2.entries.map((e) => e.action)).toEqual(['database.stop', 'deployment.redeploy'])
    expect(page2.nextBefore).toBeNull()
    expect(await listAuditFacets()).toEqual({
      actions: ['database.stop', 'deployment.redeploy', 'environment.sleep', 'x_y%z'],
      actors: [
        { id: 'ana@example.com', name: 'Ana' },
        { id: 'token:ci', name: 'ci' },
      ],
    })
  })

  it('keeps the deployment ledger, newest first, with status updates', async () => {
    const base = {
      kind: 'redeploy' as const,
      digest: null,
      imageIdentifier: 'img',
      fromSha: null,
      actorId: ana.id,
      actorName: ana.name,
      overrideReason: null,
      reason: null,
      endedAt: null,
    }
    await recordDeployment({ ...base, operationId: 'op-1', sha: 'a'.repeat(40), status: 'PENDING', startedAt: t(1) })
    await recordDeployment({ ...base, operationId: 'op-2', sha: 'b'.repeat(40), status: 'PENDING', startedAt: t(2) })
    await updateDeploymentStatus('op-2', { status: 'ROLLBACK_SUCCEEDED', reason: 'Health check failed', endedAt: t(5) })
    await updateDeploymentStatus('op-1', { status: 'SUCCEEDED' })
    expect((await listLedger()).map((e) => [e.operationId, e.status, e.reason, e.endedAt])).toEqual([
      ['op-2', 'ROLLBACK_SUCCEEDED', 'Health check failed', t(5)],
      ['op-1', 'SUCCEEDED', null, null],
    ])
    expect(await getLedgerEntry('op-9')).toBeNull()
    // Recording the same operation again replaces it.
    await recordDeployment({ ...base, operationId: 'op-1', sha: 'c'.repeat(40), status: 'PENDING', startedAt: t(1) })
    expect((await getLedgerEntry('op-1'))?.sha).toBe('c'.repeat(40))
  })

  it('grants a lock to exactly one of many replicas asking at once, all-or-nothing', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => tryAcquire(i % 2 ? other : mine, ['apprunner', 'environment'], `job ${i}`, 30_000)),
    )
    const winners = attempts.filter((a) => a.ok)
    expect(winners).toHaveLength(1)
    const loser = attempts.find((a) => !a.ok)
    expect(loser && !loser.ok ? loser.holder?.label : null).toMatch(/^job \d$/)
    // A request for a set that overlaps the held one takes nothing, not even the free resource.
    expect((await tryAcquire(other, ['rds', 'apprunner'], 'overlap', 30_000)).ok).toBe(false)
    expect(await currentHolder(other, ['rds'])).toBeNull()
    const won = winners[0]
    if (!won?.ok) throw new Error('no winner')
    await release(mine, won.lease)
    expect((await tryAcquire(other, ['rds', 'apprunner'], 'after', 30_000)).ok).toBe(true)
    await mine.db.deleteFrom('locks').execute()
  })

  it('frees a lock whose holder stopped renewing once its lease has run out, and not before', async () => {
    const now = Date.now()
    const crashed = await tryAcquire(mine, ['rds'], 'stop database (replica that died)', 1000, now)
    expect(crashed.ok).toBe(true)
    expect((await tryAcquire(other, ['rds'], 'stop database', 1000, now + 999)).ok).toBe(false)
    const taken = await tryAcquire(other, ['rds'], 'stop database', 1000, now + 1000)
    expect(taken.ok).toBe(true)
    // The old holder, back from the dead, can neither renew nor release the new holder's row.
    if (!crashed.ok || !taken.ok) throw new Error('unreachable')
    expect(await renew(mine, crashed.lease, 1000, now + 1001)).toBe(false)
    await release(mine, crashed.lease)
    expect((await currentHolder(other, ['rds'], now + 1001))?.label).toBe('stop database')
    // A renewed lease outlives its first expiry.
    expect(await renew(other, taken.lease, 5000, now + 1500)).toBe(true)
    expect((await tryAcquire(mine, ['rds'], 'later', 1000, now + 3000)).ok).toBe(false)
    await mine.db.deleteFrom('locks').execute()
  })

  it('withLock answers conflict while held, and frees the lock after success, failure or a throw', async () => {
    let release1: () => void = () => undefined
    const first = withLock('res', () => new Promise<Result<string>>((resolve) => (release1 = () => resolve(ok('first')))))
    await vi.waitFor(async () => expect(await currentHolder(mine, ['res'])).not.toBeNull())
    const second = await withLock('res', async () => ok('second'))
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } })
    release1()
    expect(await first).toEqual({ ok: true, data: 'first' })
    await expect(withLock('res', async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug')
    expect(await withLocks(['res', 'res2'], 'both', async () => ok(3))).toEqual({ ok: true, data: 3 })
    const job = await acquireLocks(['res'], 'background job')
    if (!job.ok) throw new Error('not acquired')
    expect((await withLock('res', async () => ok(4))).ok).toBe(false)
    await job.data()
    expect((await withLock('res', async () => ok(5))).ok).toBe(true)
  })

  it('rate-limits per key across replicas without ever granting more than the limit', async () => {
    await resetBuckets(mine)
    const limit = { limit: 5, windowMs: 60_000 }
    const now = 1_000_000
    const takes = await Promise.all(Array.from({ length: 12 }, (_, i) => takeToken(i % 2 ? other : mine, 'mutation:ana', limit, now)))
    expect(takes.filter((d) => d.ok)).toHaveLength(5)
    expect(takes.find((d) => !d.ok)).toEqual({ ok: false, retryAfterSeconds: 12 })
    expect((await takeToken(mine, 'mutation:bob', limit, now)).ok).toBe(true)
    // One token back every 12 s.
    expect((await takeToken(other, 'mutation:ana', limit, now + 11_000)).ok).toBe(false)
    expect(await takeToken(other, 'mutation:ana', limit, now + 12_000)).toEqual({ ok: true, remaining: 0 })
    expect(await takeToken(mine, 'mutation:ana', limit, now + 10 * 60_000)).toEqual({ ok: true, remaining: 4 })
    const limiter = sharedRateLimiter('suite', { limit: 1, windowMs: 60_000 })
    expect((await limiter.take('carol')).ok).toBe(true)
    expect((await limiter.take('carol')).ok).toBe(false)
  })

  it('keeps session records: revocation and expiry end a session everywhere', async () => {
    const record = (id: string, actorId: string, expiresAt: string) => ({
      id,
      actorId,
      actorName: actorId,
      provider: 'oidc',
      createdAt: t(0),
      lastSeenAt: t(0),
      expiresAt,
      clientAddress: '127.0.0.1',
      userAgent: 'test',
    })
    await createSessionRecord(mine, record('s1', 'ana', t(600)))
    await createSessionRecord(mine, record('s2', 'ana', t(600)))
    await createSessionRecord(mine, record('s3', 'bob', t(5)))
    expect(await touchSessionRecord(other, 's1', t(10))).toBe(true)
    expect(await getSessionRecord(other, 's1')).toMatchObject({ actorId: 'ana', lastSeenAt: t(10), revokedAt: null })
    expect(await countActiveSessions(other, t(11), t(0))).toBe(2)
    // Used before the idle cut-off: no longer counted.
    expect(await countActiveSessions(other, t(11), t(5))).toBe(1)
    expect(await revokeSessionRecord(other, 's1', t(12))).toBe(true)
    expect(await revokeSessionRecord(other, 's1', t(13))).toBe(false)
    expect(await touchSessionRecord(mine, 's1', t(14))).toBe(false)
    expect(await revokeSessionsOf(mine, 'ana', t(15))).toBe(1)
    expect(await countActiveSessions(mine, t(16), t(0))).toBe(0)
    expect(await pruneSessionRecords(mine, t(20))).toBe(3)
    expect(await getSessionRecord(mine, 's2')).toBeNull()
  })

  it('keeps sleep/wake jobs: one replica writes a job as it goes, another reads it; the latest; only the last N kept', async () => {
    const job = (id: string, minute: number, status: 'running' | 'succeeded' = 'running') => ({
      id,
      kind: 'sleep' as const,
      status,
      steps: [
        {
          id: 'pause-service',
          label: 'Pause',
          status: status === 'running' ? ('running' as const) : ('succeeded' as const),
          detail: null,
          startedAt: t(minute),
          endedAt: null,
        },
      ],
      actorId: ana.id,
      startedAt: t(minute),
      endedAt: status === 'running' ? null : t(minute + 1),
      summary: null,
      error: null,
    })
    await saveJob(mine, job('job-a', 10), 'host-a:1', 1_000)
    expect(await getStoredJob(other, 'job-a')).toEqual({ job: job('job-a', 10), owner: 'host-a:1', updatedAt: 1_000 })
    // The same job written again as it ends: replaced, not added.
    await saveJob(mine, job('job-a', 10, 'succeeded'), 'host-a:1', 2_000)
    expect(await getStoredJob(other, 'job-a')).toMatchObject({ job: { status: 'succeeded' }, updatedAt: 2_000 })
    for (const [id, minute] of [
      ['job-b', 12],
      ['job-c', 11],
    ] as const)
      await saveJob(other, job(id, minute), 'host-b:2', 3_000)
    expect((await latestStoredJob(mine))?.job.id).toBe('job-b')
    expect(await getStoredJob(mine, 'job-z')).toBeNull()
    expect(await pruneJobs(mine, 2)).toBe(1)
    expect(await getStoredJob(mine, 'job-a')).toBeNull()
    expect((await getStoredJob(mine, 'job-c'))?.job.id).toBe('job-c')
    // A row this portal cannot read (another version's shape) counts as absent, never as a throw.
    await mine.db.updateTable('environment_jobs').set({ job: '{"id": 1}' }).where('id', '=', 'job-c').execute()
    expect(await getStoredJob(mine, 'job-c')).toBeNull()
  })

  it('keeps what sign-in put in a session: kind, claims, demo role, sealed token; membership updates; who revoked it', async () => {
    await createSessionRecord(mine, {
      id: 's4',
      actorId: 'github:583231',
      actorName: 'octocat',
      provider: 'github',
      createdAt: t(0),
      lastSeenAt: t(0),
      expiresAt: t(600),
      clientAddress: null,
      userAgent: null,
      kind: 'user',
      identity: '{"githubId":583231,"githubTeams":["acme/sre"]}',
      providerToken: 'sealed',
      membershipCheckedAt: t(0),
    })
    await createSessionRecord(mine, { ...record4('s5'), kind: 'demo', role: 'operator' })
    expect(await getSessionRecord(other, 's4')).toMatchObject({ kind: 'user', providerToken: 'sealed', role: null, revokedBy: null })
    await updateSessionIdentity(other, 's4', '{"githubId":583231,"githubTeams":[]}', t(15))
    expect(await getSessionRecord(mine, 's4')).toMatchObject({
      identity: '{"githubId":583231,"githubTeams":[]}',
      membershipCheckedAt: t(15),
    })
    // Most recently used first.
    expect((await listOpenSessionRecords(other, t(20))).map((r) => r.id)).toEqual(['s5', 's4'])
    expect(await revokeSessionRecord(other, 's4', t(21), 'token:admin')).toBe(true)
    expect(await getSessionRecord(mine, 's4')).toMatchObject({ revokedAt: t(21), revokedBy: 'token:admin' })
    expect((await listOpenSessionRecords(mine, t(22))).map((r) => r.id)).toEqual(['s5'])
    expect(await getSessionRecord(mine, 's5')).toMatchObject({ kind: 'demo', role: 'operator', identity: '{}' })
  })
})

function record4(id: string) {
  return {
    id,
    actorId: 'demo:operator',
    actorName: 'Demo operator',
    provider: 'demo',
    createdAt: t(0),
    lastSeenAt: t(1),
    expiresAt: t(600),
    clientAddress: null,
    userAgent: null,
  }
}

describe('store opening', () => {
  it('adopts a portal.sqlite written before the store had migrations, keeping its entries', async () => {
    await closeStore()
    const dir = fs.mkdtempSync(path.join(tmp, 'old-'))
    const file = path.join(dir, 'portal.sqlite')
    const { default: Database } = await import('better-sqlite3')
    const old = new Database(file)
    old.exec(`CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
      INSERT INTO migrations VALUES (1, '2026-01-01T00:00:00.000Z');
      CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, action TEXT NOT NULL,
        target TEXT NOT NULL, params TEXT NOT NULL DEFAULT '{}', result TEXT NOT NULL CHECK (result IN ('ok', 'error', 'pending')),
        error_code TEXT, error_message TEXT, request_id TEXT, started_at TEXT NOT NULL, ended_at TEXT);
      INSERT INTO audit (actor_id, actor_name, action, target, result, started_at) VALUES ('ana', 'Ana', 'database.stop', 'rds:db', 'ok', '${t(1)}');`)
    old.close()
    cfg.databaseUrl = undefined
    cfg.dataDir = dir
    expect((await listAudit()).entries.map((e) => e.action)).toEqual(['database.stop'])
    await recordAudit({ actor: ana, action: 'database.start', target: 'rds:db', result: 'ok', startedAt: t(2) })
    expect((await listAudit()).entries.map((e) => e.id)).toEqual([2, 1])
    await closeStore()
  })

  it('says which setting to check when PostgreSQL cannot be reached, and never shows the password', async () => {
    const url = 'postgres://portal:s3cret-pw@127.0.0.1:1/portal'
    const failure = await openStore({ databaseUrl: url }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(failure).toBeInstanceOf(Error)
    const message = failure instanceof Error ? failure.message : ''
    expect(message).toMatch(/PORTAL_DATABASE_URL/)
    expect(message).not.toContain('s3cret-pw')
    expect(redactUrl(url)).toBe('postgres://portal:****@127.0.0.1:1/portal')
  })

  it('a lock request while the store is away is refused with store_unavailable, not run', async () => {
    await closeStore()
    cfg.databaseUrl = 'postgres://portal:pw@127.0.0.1:1/portal'
    let ran = false
    const r = await withLock('apprunner', async () => {
      ran = true
      return ok(1)
    })
    expect(ran).toBe(false)
    expect(r).toMatchObject({ ok: false, error: { code: 'store_unavailable' } })
    cfg.databaseUrl = undefined
    await closeStore()
  })
})
