import { describe, expect, it, vi } from 'vitest'

import { runAsSystem } from '@/lib/dal/system'
import { appError } from '@/lib/domain/errors'
import { err, ok } from '@/lib/result'

import { createCheckContext } from './context'
import { checks, runAllChecks as runAll, runCheck as runOne } from './index'
import { checkIds, type CheckContext, type Settings, type Sources } from './types'

// The check runner verifies who asks; these tests ask as a local command does.
const runCheck = (id: string, ctx: CheckContext) => runAsSystem('test', () => runOne(id, ctx))
async function runAllChecks(ctx: CheckContext) {
  const r = await runAsSystem('test', () => runAll(ctx))
  if (!r.ok) throw new Error(r.error.message)
  return r.data
}

const settings: Settings = {
  accountId: '082609687527',
  region: 'eu-central-1',
  ecrRepository: 'appfactory-app',
  appRunnerService: 'appfactory-app-service',
  rdsInstance: 'appfactory-db',
  githubRole: 'AppFactoryGitHubActionsRole',
  githubRepo: 'hanpieter1/AppFactory',
  healthPath: '/health',
  schedulerRoleArn: 'arn:aws:iam::082609687527:role/AppFactorySchedulerRole',
  scheduleGroup: 'appfactory-portal',
}
const now = new Date('2026-11-28T03:00:00.000Z')
const unreachable = appError('aws_unreachable', 'The portal could not reach AWS (ECONNREFUSED).')

/** Every source failing the way an unreachable endpoint does. */
function failingSources(): Sources {
  const fail = vi.fn(async () => err(unreachable))
  return {
    getService: fail,
    getVpcConnector: fail,
    getDatabase: fail,
    getRepository: fail,
    getLifecyclePolicy: fail,
    findImagesBySha: fail,
    listImages: fail,
    getMetrics: fail,
    listAlarms: fail,
    getRole: fail,
    listAttachedRolePolicies: fail,
    getPolicyDocument: fail,
    listRolePolicies: fail,
    getRolePolicy: fail,
    listOidcProviders: fail,
    getOidcProvider: fail,
    getSecurityGroups: fail,
    probeHealth: vi.fn(async (url: string) => ({ url, status: null, ms: 1, error: 'refused' })),
    logGroupName: (s, stream) => `/aws/apprunner/${s.name}/${s.id}/${stream}`,
    runtimeMetrics: { namespace: 'AWS/AppRunner', series: [] },
    metricDimensions: (s) => [{ name: 'ServiceName', value: s.name }],
    plannedAlarms: () => [],
  }
}

describe('access', () => {
  it('refuses to run without a verified actor: no request, no system scope', async () => {
    const sources = failingSources()
    const all = await runAll(createCheckContext(sources, settings, now))
    expect(!all.ok && all.error.code).toBe('unauthenticated')
    const one = await runOne('rds-available', createCheckContext(sources, settings, now))
    expect(!one.ok && one.error.code).toBe('unauthenticated')
    expect(sources.getDatabase).not.toHaveBeenCalled()
  })
})

describe('registry', () => {
  it('holds one check per id, in the issue order', () => {
    expect(checks.map((c) => c.id)).toEqual([...checkIds])
  })

  it('unknown id → not_found', async () => {
    const r = await runCheck('nope', createCheckContext(failingSources(), settings, now))
    expect(!r.ok && r.error.code).toBe('not_found')
  })

  it('AWS unreachable: every check is error, none passes, none throws', async () => {
    const results = await runAllChecks(createCheckContext(failingSources(), settings, now))
    expect(results.map((r) => r.status)).toEqual(checkIds.map(() => 'error'))
    expect(results.every((r) => r.evidence.some((e) => e.value.includes('ECONNREFUSED')))).toBe(true)
  })

  it('a crashing source becomes an error result for the checks that use it only', async () => {
    const sources = failingSources()
    sources.getDatabase = async () => {
      throw new TypeError('boom')
    }
    const results = await runAllChecks(createCheckContext(sources, settings, now))
    const rdsAvailable = results.find((r) => r.id === 'rds-available')
    expect(rdsAvailable?.status).toBe('error')
    expect(rdsAvailable?.summary).toContain('unexpectedly')
  })

  it('reads each resource once per run', async () => {
    const sources = failingSources()
    const service = vi.fn(async () => err<never>(unreachable))
    const db = vi.fn(async () => err<never>(unreachable))
    sources.getService = service
    sources.getDatabase = db
    await runAllChecks(createCheckContext(sources, settings, now))
    expect(service).toHaveBeenCalledTimes(1)
    expect(db).toHaveBeenCalledTimes(1)
  })

  it('one check can pass while others error', async () => {
    const sources = failingSources()
    sources.getRepository = async () =>
      ok({
        name: 'appfactory-app',
        uri: 'u',
        arn: 'a',
        scanOnPush: true,
        encryptionType: 'AES256',
        tagMutability: 'MUTABLE',
        createdAt: null,
      })
    const results = await runAllChecks(createCheckContext(sources, settings, now))
    const byId = Object.fromEntries(results.map((r) => [r.id, r.status]))
    expect(byId['ecr-scan-on-push']).toBe('pass')
    expect(byId['ecr-encryption']).toBe('pass')
    expect(byId['rds-available']).toBe('error')
  })
})
