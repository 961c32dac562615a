import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { AuditEntry } from '@/lib/domain/actions'
import { closeStore, sqliteFile, store } from '@/lib/store/db'

import { auditCsv, completeAudit, listAudit, queryAudit, recordAudit } from './audit'
import { listLedger, recordDeployment, updateDeploymentStatus } from './ledger'

// The embedded default (SQLite in PORTAL_DATA_DIR). lib/store/store.test.ts runs the same
// store on SQLite and PostgreSQL side by side.
const dir = vi.hoisted(() => ({ path: '' }))
vi.mock('@/lib/config', () => ({ config: () => ({ dataDir: dir.path, lockLeaseMs: 30_000, logLevel: 'silent' }) }))

beforeAll(() => {
  dir.path = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-audit-'))
})
afterAll(async () => {
  await closeStore()
  fs.rmSync(dir.path, { recursive: true, force: true })
})

const ana = { id: 'ana@example.com', name: 'Ana' }
const ci = { id: 'token:ci', name: 'ci' }
const t = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString()

describe('audit log', () => {
  it('creates the file under PORTAL_DATA_DIR in WAL mode', async () => {
    const s = await store()
    expect(s).toMatchObject({ dialect: 'sqlite', location: path.join(dir.path, 'portal.sqlite') })
    expect(sqliteFile()).toBe(path.join(dir.path, 'portal.sqlite'))
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(s.db)
    expect(mode.rows[0]?.journal_mode).toBe('wal')
  })

  it('records, filters newest first, pages, and survives a re-open', async () => {
    await recordAudit({
      actor: ana,
      action: 'deployment.redeploy',
      target: 'apprunner:svc',
      params: { sha: 'abc1234' },
      result: 'ok',
      requestId: 'r1',
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
    await completeAudit(pending, { result: 'ok', endedAt: t(9) })

    await closeStore() // a server restart
    const all = await listAudit()
    expect(all.entries.map((e) => e.action)).toEqual(['environment.sleep', 'database.stop', 'deployment.redeploy'])
    expect(all.entries[0]).toMatchObject({ result: 'ok', endedAt: t(9) })
    expect(all.entries[2]).toMatchObject({ params: { sha: 'abc1234' }, requestId: 'r1', actorName: 'Ana' })
    expect((await listAudit({ actor: 'Ana' })).entries).toHaveLength(2)
    expect((await listAudit({ actor: 'token:ci' })).entries[0]).toMatchObject({
      errorCode: 'conflict',
      errorMessage: 'Database db is stopping',
    })
    expect((await listAudit({ action: 'deployment' })).entries).toHaveLength(1)
    expect((await listAudit({ action: 'deploy' })).entries).toHaveLength(0)
    expect((await listAudit({ result: 'error' })).entries).toHaveLength(1)
    const page1 = await listAudit({ limit: 2 })
    expect(page1.entries).toHaveLength(2)
    const page2 = await listAudit({ limit: 2, before: page1.nextBefore ?? 0 })
    expect(page2.entries.map((e) => e.action)).toEqual(['deployment.redeploy'])
    expect(page2.nextBefore).toBeNull()
  })

  it('redacts secrets in params and messages', async () => {
    await recordAudit({
      actor: ci,
      action: 'x.secret',
      target: 't',
      params: { url: 'postgres://u:hunter22@h/db' },
      result: 'ok',
      startedAt: t(10),
    })
    expect(JSON.stringify((await listAudit({ action: 'x.secret' })).entries[0]?.params)).not.toContain('hunter22')
  })

  it('queryAudit validates untrusted filters; empty fields mean no filter', async () => {
    expect((await queryAudit({ result: 'maybe' })).ok).toBe(false)
    expect((await queryAudit({ limit: '0' })).ok).toBe(false)
    const r = await queryAudit({ actor: '', action: '', result: 'error' })
    expect(r.ok && r.data.entries.every((e) => e.result === 'error')).toBe(true)
  })

  it('exports CSV with quoting and formula neutralisation', () => {
    const csv = auditCsv([
      entry({ actorName: '=cmd', params: { a: 1 }, errorMessage: 'a, "b"', portalRequestId: 'req-1', clientAddress: '127.0.0.1' }),
    ])
    const [header, row] = csv.split('\r\n')
    expect(header).toBe(
      'id,startedAt,endedAt,actorId,actorName,action,target,result,errorCode,errorMessage,requestId,portalRequestId,clientAddress,params',
    )
    expect(row).toBe(`1,s,,a,'=cmd,x,t,ok,,"a, ""b""",,req-1,127.0.0.1,"{""a"":1}"`)
  })

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a cell that a spreadsheet would run: %j', (name, cell) => {
    const row = auditCsv([entry({ actorName: name })]).split('\r\n')[1] ?? ''
    expect(row.split(',')[4]).toBe(cell)
  })
})

/** A complete audit entry with the given fields changed. */
function entry(over: Partial<AuditEntry>): AuditEntry {
  return {
    id: 1,
    actorId: 'a',
    actorName: 'Ana',
    action: 'x',
    target: 't',
    params: {},
    result: 'ok',
    errorCode: null,
    errorMessage: null,
    requestId: null,
    portalRequestId: null,
    clientAddress: null,
    startedAt: 's',
    endedAt: null,
    ...over,
  }
}

describe('deployment ledger', () => {
  it('final status and reason persist across a restart', async () => {
    const base = {
      kind: 'update' as const,
      digest: 'sha256:1',
      imageIdentifier: 'repo:abc',
      fromSha: null,
      actorId: 'a',
      actorName: 'A',
      overrideReason: null,
      reason: null,
      endedAt: null,
    }
    await recordDeployment({ ...base, operationId: 'op-1', sha: 'a'.repeat(40), status: 'PENDING', startedAt: t(1) })
    await recordDeployment({ ...base, operationId: 'op-2', sha: 'b'.repeat(40), status: 'PENDING', startedAt: t(2) })
    await updateDeploymentStatus('op-2', { status: 'ROLLBACK_SUCCEEDED', reason: 'Health check failed', endedAt: t(5) })
    await closeStore()
    expect((await listLedger()).map((e) => [e.operationId, e.status, e.reason])).toEqual([
      ['op-2', 'ROLLBACK_SUCCEEDED', 'Health check failed'],
      ['op-1', 'PENDING', null],
    ])
  })
})
