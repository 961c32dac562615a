import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type { AuditEntry } from '@/lib/domain/actions'
import { withLock } from '@/lib/locks'
import { ok } from '@/lib/result'

import { auditCsv, completeAudit, listAudit, queryAudit, recordAudit } from './audit'
import { closeDb, db, dbFile } from './db'
import { listLedger, recordDeployment, updateDeploymentStatus } from './ledger'

const dir = vi.hoisted(() => ({ path: '' }))
vi.mock('@/lib/config', () => ({ config: () => ({ dataDir: dir.path }) }))

beforeAll(() => {
  dir.path = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-audit-'))
})
afterAll(() => {
  closeDb()
  fs.rmSync(dir.path, { recursive: true, force: true })
})

const ana = { id: 'ana@example.com', name: 'Ana' }
const ci = { id: 'token:ci', name: 'ci' }
const t = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString()

describe('audit log', () => {
  it('creates the file under PORTAL_DATA_DIR in WAL mode with migrations applied', () => {
    expect(dbFile()).toBe(path.join(dir.path, 'portal.sqlite'))
    expect(db().pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db().prepare('SELECT version FROM migrations').pluck().all()).toEqual([1, 2])
  })

  it('records, filters newest first, pages, and survives a re-open', () => {
    recordAudit({
      actor: ana,
      action: 'deployment.redeploy',
      target: 'apprunner:svc',
      params: { sha: 'abc1234' },
      result: 'ok',
      requestId: 'r1',
      startedAt: t(1),
      endedAt: t(2),
    })
    recordAudit({
      actor: ci,
      action: 'database.stop',
      target: 'rds:db',
      result: 'error',
      error: { code: 'conflict', message: 'Database db is stopping' },
      startedAt: t(3),
      endedAt: t(3),
    })
    const pending = recordAudit({ actor: ana, action: 'environment.sleep', target: 'environment:x', result: 'pending', startedAt: t(4) })
    completeAudit(pending, { result: 'ok', endedAt: t(9) })

    closeDb() // a server restart
    const all = listAudit()
    expect(all.entries.map((e) => e.action)).toEqual(['environment.sleep', 'database.stop', 'deployment.redeploy'])
    expect(all.entries[0]).toMatchObject({ result: 'ok', endedAt: t(9) })
    expect(all.entries[2]).toMatchObject({ params: { sha: 'abc1234' }, requestId: 'r1', actorName: 'Ana' })
    expect(listAudit({ actor: 'Ana' }).entries).toHaveLength(2)
    expect(listAudit({ actor: 'token:ci' }).entries[0]).toMatchObject({ errorCode: 'conflict', errorMessage: 'Database db is stopping' })
    expect(listAudit({ action: 'deployment' }).entries).toHaveLength(1)
    expect(listAudit({ action: 'deploy' }).entries).toHaveLength(0)
    expect(listAudit({ result: 'error' }).entries).toHaveLength(1)
    const page1 = listAudit({ limit: 2 })
    expect(page1.entries).toHaveLength(2)
    const page2 = listAudit({ limit: 2, before: page1.nextBefore ?? 0 })
    expect(page2.entries.map((e) => e.action)).toEqual(['deployment.redeploy'])
    expect(page2.nextBefore).toBeNull()
  })

  it('redacts secrets in params and messages', () => {
    recordAudit({
      actor: ci,
      action: 'x.secret',
      target: 't',
      params: { url: 'postgres://u:hunter22@h/db' },
      result: 'ok',
      startedAt: t(10),
    })
    expect(JSON.stringify(listAudit({ action: 'x.secret' }).entries[0]?.params)).not.toContain('hunter22')
  })

  it('queryAudit validates untrusted filters; empty fields mean no filter', () => {
    expect(queryAudit({ result: 'maybe' }).ok).toBe(false)
    expect(queryAudit({ limit: '0' }).ok).toBe(false)
    const r = queryAudit({ actor: '', action: '', result: 'error' })
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
  it('records and updates entries; final status and reason persist', () => {
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
    recordDeployment({ ...base, operationId: 'op-1', sha: 'a'.repeat(40), status: 'PENDING', startedAt: t(1) })
    recordDeployment({ ...base, operationId: 'op-2', sha: 'b'.repeat(40), status: 'PENDING', startedAt: t(2) })
    updateDeploymentStatus('op-2', { status: 'ROLLBACK_SUCCEEDED', reason: 'Health check failed', endedAt: t(5) })
    closeDb()
    expect(listLedger().map((e) => [e.operationId, e.status, e.reason])).toEqual([
      ['op-2', 'ROLLBACK_SUCCEEDED', 'Health check failed'],
      ['op-1', 'PENDING', null],
    ])
  })
})

describe('withLock', () => {
  it('runs one holder; a concurrent caller gets a conflict; the lock is released after a throw', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((r) => (release = r))
    const first = withLock('res', async () => {
      await held
      return ok('first')
    })
    const second = await withLock('res', async () => ok('second'))
    expect(second.ok || second.error.code).toBe('conflict')
    release()
    expect(await first).toEqual({ ok: true, data: 'first' })
    await expect(withLock('res', async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug')
    expect(await withLock('res', async () => ok(3))).toEqual({ ok: true, data: 3 })
  })
})
