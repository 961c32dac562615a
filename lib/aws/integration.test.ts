/**
 * lib/aws against the emulator through the real SDK (signing, protocols, parsing, error mapping).
 * Exception to "lib/ imports nothing from emulator/": this test starts the emulator in-process.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startEmulator, type Emulator } from '@/emulator/core/server'
import { resetCacheForTests } from '@/lib/cache'

import { getService, getVpcConnector, listOperations, updateServiceImage } from './apprunner'
import { lookupEventsByName } from './cloudtrail'
import { getAlarmHistory, getMetrics, listAlarms } from './cloudwatch'
import { findImagesBySha, getImageFindings, getLifecyclePolicy, getRepository, listImages } from './ecr'
import { getDeploymentLog, listLogEvents } from './logs'
import { getDatabase, listDatabaseEvents, startDatabase, stopDatabase } from './rds'
import { runtime } from './runtime'
import { SEED_PASSWORD } from './sdk-errors.fixtures'

let emulator: Emulator

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return res.json()
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, speed: 1 })
  // Read lazily by lib/config and the SDK on first use, i.e. after this point.
  process.env.AWS_ENDPOINT_URL = emulator.url
  process.env.AWS_ACCESS_KEY_ID = 'test'
  process.env.AWS_SECRET_ACCESS_KEY = 'test'
  process.env.AWS_REGION = 'eu-central-1'
  process.env.PORTAL_AWS_MAX_ATTEMPTS = '1'
  process.env.PORTAL_LOG_LEVEL = 'silent'
})
afterAll(async () => {
  await emulator?.close()
})
beforeEach(async () => {
  resetCacheForTests()
  await control('POST', '/_emulator/reset', {})
})

describe('reads', () => {
  it('service, images, repository and findings line up, with no secret in any answer', async () => {
    const service = await getService()
    expect(service.ok).toBe(true)
    if (!service.ok) return
    expect(service.data).toMatchObject({ name: 'appfactory-app-service', status: 'RUNNING', egress: { type: 'VPC' } })
    expect(service.data.sha).toMatch(/^[0-9a-f]{40}$/)
    expect(service.data.env.find((e) => e.name === 'DATABASE_URL')).toMatchObject({ isRedacted: true })

    const page = await listImages({ deployedTag: service.data.imageTag })
    expect(page.ok).toBe(true)
    if (!page.ok) return
    expect(page.data.images.length).toBeGreaterThanOrEqual(3)
    const pushed = page.data.images.map((i) => i.pushedAt)
    expect([...pushed].sort().reverse()).toEqual(pushed)
    expect(page.data.images.filter((i) => i.deployed).map((i) => i.sha)).toEqual([service.data.sha])

    const bySha = await findImagesBySha((service.data.sha ?? '').slice(0, 7))
    expect(bySha.ok && bySha.data.map((i) => i.sha)).toContain(service.data.sha)

    const repo = await getRepository()
    expect(repo.ok && repo.data.uri).toBe('082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app')
    expect((await getLifecyclePolicy()).ok).toBe(true)
    const first = page.data.images[0]
    if (first) expect((await getImageFindings(first.digest)).ok).toBe(true)

    const operations = await listOperations()
    expect(operations.ok && operations.data.operations.length).toBeGreaterThan(0)
    if (service.data.egress.vpcConnectorArn) {
      expect(await getVpcConnector(service.data.egress.vpcConnectorArn)).toMatchObject({ ok: true, data: { status: 'ACTIVE' } })
    }
    expect(JSON.stringify([service, page, operations])).not.toContain(SEED_PASSWORD)
  })

  it('database, events, metrics, alarms and logs', async () => {
    expect(await getDatabase()).toMatchObject({ ok: true, data: { identifier: 'appfactory-db', status: 'available' } })
    expect((await listDatabaseEvents()).ok).toBe(true)

    const metrics = await getMetrics('1h')
    expect(metrics.ok).toBe(true)
    if (!metrics.ok) return
    expect(metrics.data.series.find((s) => s.id === 'service.requests')?.points.length).toBeGreaterThan(0)
    expect(metrics.data.series.find((s) => s.id === 'rds.cpu')?.points.length).toBeGreaterThan(0)

    const alarms = await listAlarms()
    expect(alarms.ok && alarms.data.alarms.length).toBeGreaterThan(0)
    if (alarms.ok && alarms.data.alarms[0]) expect((await getAlarmHistory(alarms.data.alarms[0].name)).ok).toBe(true)

    const logs = await listLogEvents({ stream: 'application', since: '24h' })
    expect(logs.ok).toBe(true)
    expect(JSON.stringify(logs)).not.toContain(SEED_PASSWORD)
    expect((await listLogEvents({ stream: 'service', filter: 'deployment', since: '7d' })).ok).toBe(true)
  })

  it('CloudTrail names who started each seeded operation and the commit each update deployed', async () => {
    const [ops, events] = await Promise.all([listOperations(), lookupEventsByName(runtime.trailEventNames)])
    if (!ops.ok || !events.ok) throw new Error('read failed')
    const byOp = new Map(
      events.data.flatMap((e) => {
        const op = runtime.trailOperation(e)
        return op ? [[op.operationId, { ...op, actor: e.actor }] as const] : []
      }),
    )
    const updates = ops.data.operations.filter((o) => o.type === 'UPDATE_SERVICE')
    expect(updates.length).toBeGreaterThan(0)
    for (const o of updates) {
      expect(byOp.get(o.id)?.sha).toMatch(/^[0-9a-f]{40}$/)
      expect(byOp.get(o.id)?.actor.name).toBeTruthy()
    }
    const names = updates.map((o) => byOp.get(o.id)?.actor.name)
    expect(names).toContain('GitHub Actions')
    expect(names).toContain('hanpieter')
    expect(byOp.get(ops.data.operations.find((o) => o.type === 'CREATE_SERVICE')?.id ?? '')?.actor).toMatchObject({ kind: 'person' })
  })

  it('concurrent viewers cause one DescribeService call', async () => {
    await control('DELETE', '/_emulator/calls')
    const results = await Promise.all(Array.from({ length: 5 }, () => getService()))
    expect(results.every((r) => r.ok)).toBe(true)
    const calls = await control('GET', '/_emulator/calls')
    expect(calls).toMatchObject({ 'apprunner.DescribeService': 1 })
  })
})

describe('writes and faults', () => {
  it('deploys another image, then refuses a second deployment while the first runs', async () => {
    const page = await listImages()
    const service = await getService()
    if (!page.ok || !service.ok) throw new Error('setup failed')
    const otherSha = page.data.images.find((i) => i.sha && i.sha !== service.data.sha)?.sha
    if (!otherSha) throw new Error('the emulator world needs a second SHA-tagged image')
    const deployed = await runtime.deployImage(otherSha)
    expect(deployed.ok).toBe(true)
    if (!deployed.ok) return
    expect(await getService()).toMatchObject({ ok: true, data: { status: 'OPERATION_IN_PROGRESS' } })
    expect(await updateServiceImage(deployed.data.imageIdentifier)).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await getDeploymentLog(deployed.data.operationId)).ok).toBe(true)
  })

  it('stops the database and refuses to start it while it is stopping', async () => {
    expect(await stopDatabase()).toMatchObject({ ok: true, data: { status: 'stopping' } })
    expect(await startDatabase()).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('maps injected throttling, access denied and malformed answers', async () => {
    await control('POST', '/_emulator/faults', { service: 'ecr', operation: 'DescribeImages', error: 'ThrottlingException' })
    expect(await listImages()).toMatchObject({ ok: false, error: { code: 'aws_throttled' } })
    await control('DELETE', '/_emulator/faults')
    await control('POST', '/_emulator/faults', { service: 'rds', operation: 'DescribeDBInstances', error: 'AccessDenied', status: 403 })
    expect(await getDatabase()).toMatchObject({ ok: false, error: { code: 'aws_denied' } })
    await control('DELETE', '/_emulator/faults')
    await control('POST', '/_emulator/faults', { service: 'monitoring', operation: 'DescribeAlarms', malformed: true })
    expect(await listAlarms()).toMatchObject({ ok: false, error: { code: 'aws_error' } })
  })
})
