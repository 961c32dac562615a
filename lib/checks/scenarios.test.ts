/**
 * The checks against the emulator, scenario by scenario: in each, exactly the checks docs/interfaces.md
 * names fail — from AWS data alone. This test imports the emulator on purpose (the one place lib/
 * meets emulator/): it starts it in-process on a free port and points the SDK at it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startEmulator, type Emulator } from '@/emulator/core/server'
import type { CheckResult } from '@/lib/domain/checks'

const expectedFailures: Record<string, string[]> = {
  healthy: [],
  'role-missing-ecr-policy': ['ecr-push-permission'],
  'sg-blocks-db': ['apprunner-rds-connectivity', 'health-endpoint'],
  'database-url-missing': ['database-url', 'health-endpoint'],
  'trust-policy-wrong-repo': ['github-oidc-trust'],
  'db-stopped': ['rds-available', 'health-endpoint'],
  'scheduler-role-missing-rds': ['scheduler-role'],
}

let emulator: Emulator
let runAllChecks: () => Promise<CheckResult[]>
let invalidate: (prefix: string) => void

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 })
  // Set before lib/config and the SDK clients are first used (both read the environment lazily, once).
  process.env.AWS_ENDPOINT_URL = emulator.url
  process.env.AWS_REGION = 'eu-central-1'
  process.env.AWS_ACCESS_KEY_ID = 'AKIAEMULATOR'
  process.env.AWS_SECRET_ACCESS_KEY = 'emulator-secret'
  process.env.PORTAL_AWS_MAX_ATTEMPTS = '1'
  process.env.PORTAL_LOG_LEVEL = 'silent'
  delete process.env.AWS_PROFILE
  const { runAllChecks: runAll } = await import('@/lib/checks')
  const { runAsSystem } = await import('@/lib/dal/system')
  // As `npm run checks` does: a local command, in the one trusted scope without a request.
  runAllChecks = async () => {
    const r = await runAsSystem('test', () => runAll())
    if (!r.ok) throw new Error(r.error.message)
    return r.data
  }
  ;({ invalidate } = await import('@/lib/cache'))
})

afterAll(async () => {
  await emulator?.close()
})

async function runScenario(scenario: string): Promise<CheckResult[]> {
  const res = await fetch(`${emulator.url}/_emulator/reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario }),
  })
  expect(res.status).toBe(200)
  invalidate('')
  return runAllChecks()
}

const summary = (results: CheckResult[]) => results.map((r) => `${r.status.padEnd(5)} ${r.id}: ${r.summary ?? ''}`).join('\n')

describe.each(Object.entries(expectedFailures))('scenario %s', (scenario, failing) => {
  it(`fails exactly ${failing.join(', ') || 'nothing'}, with no errors`, async () => {
    const results = await runScenario(scenario)
    expect(results).toHaveLength(18)
    const failed = results
      .filter((r) => r.status === 'fail')
      .map((r) => r.id)
      .sort()
    const errored = results.filter((r) => r.status === 'error').map((r) => r.id)
    expect({ failed, errored }, summary(results)).toEqual({ failed: [...failing].sort(), errored: [] })
    for (const r of results) {
      expect(r.evidence.length, r.id).toBeGreaterThan(0)
      if (r.status !== 'pass') expect(r.fix?.steps.length, r.id).toBeGreaterThan(0)
      // The documented setup's database password must never reach a check result.
      expect(JSON.stringify(r)).not.toContain('AppFactoryDB2026!')
    }
  })
})

describe('healthy scenario warnings', () => {
  it('warns about what the documented setup really leaves weak', async () => {
    const results = await runScenario('healthy')
    const status = Object.fromEntries(results.map((r) => [r.id, r.status]))
    expect(status['rds-public-access']).toBe('warn')
    expect(status['plaintext-secrets']).toBe('warn')
    expect(status['iam-least-privilege']).toBe('warn')
    expect(status['ecr-lifecycle']).toBe('warn')
    expect(status['github-oidc-trust']).toBe('pass')
    expect(status['ecr-push-permission']).toBe('pass')
    expect(status['health-endpoint']).toBe('pass')
  })
})

describe('AWS failures become error results', () => {
  it('reports AccessDenied with the IAM action instead of passing', async () => {
    await runScenario('healthy')
    const fault = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'iam', operation: 'GetRole', error: 'AccessDenied', status: 403, rate: 1 }),
    })
    expect(fault.status).toBeLessThan(300)
    invalidate('')
    const results = await runAllChecks()
    const trust = results.find((r) => r.id === 'github-oidc-trust')
    expect(trust?.status).toBe('error')
    expect(trust?.awsCode).toBe('AccessDenied')
    expect(trust?.evidence.some((e) => e.value.includes('iam:GetRole'))).toBe(true)
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' })
  })
})
