/**
 * The setup against the emulator's `as-documented` world, through the real SDK: the steps as the
 * document leaves the account, the checks (none fails), the database finishing, the runtime step's
 * CLI sequence run as printed by the real AWS CLI (when it is installed), the first deployment by
 * GitHub Actions, and the one-click alarms (idempotent, refused to a viewer).
 * Exception to "lib/ imports nothing from emulator/": this test starts the emulator in-process.
 */
import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { parseCredentials } from '@/emulator/core/credentials'
import { startEmulator, type Emulator } from '@/emulator/core/server'
import { DB_MASTER_PASSWORD } from '@/emulator/world/constants'
import { createPlannedAlarms } from '@/lib/actions/setup-alarms'
import { listAudit } from '@/lib/audit/audit'
import { resetCacheForTests } from '@/lib/cache'
import { runAllChecks } from '@/lib/checks'
import { runAsSystem } from '@/lib/dal/system'
import type { Actor } from '@/lib/domain/auth'
import type { Setup, SetupStep } from '@/lib/domain/setup'
import { closeStore } from '@/lib/store/db'
import { existing } from '@/lib/test/existing'

import { getSetup } from './index'

const MINUTE = 60_000
const KEY = { id: 'AKIASETUPTEST0000001', secret: 'setup-test-secret' }
const GITHUB = { id: 'AKIASETUPGITHUB00001', secret: 'setup-github-secret' }
const operator: Actor = { id: 'token:ops', name: 'ops', role: 'operator', kind: 'token' }
const viewer: Actor = { id: 'ana@example.com', name: 'Ana', role: 'viewer', kind: 'user' }

let emulator: Emulator
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-setup-'))

async function control(method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emulator.url}${route}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return res.json()
}

function credentials(text: string) {
  const parsed = parseCredentials(text)
  if (typeof parsed === 'string') throw new Error(parsed)
  return parsed
}

const advance = async (ms: number) => {
  await control('POST', '/_emulator/clock', { advanceMs: ms })
  resetCacheForTests()
}

const steps = async (): Promise<Setup['steps']> => existing(await runAsSystem('test', () => getSetup())).steps
const byId = (all: SetupStep[], id: string): SetupStep => {
  const s = all.find((x) => x.id === id)
  if (!s) throw new Error(`no step ${id}`)
  return s
}
const statuses = (all: SetupStep[]) => Object.fromEntries(all.map((s) => [s.id, s.status]))

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    speed: 1,
    scenario: 'as-documented',
    credentials: credentials(
      `${KEY.id}:${KEY.secret},${GITHUB.id}:${GITHUB.secret}:arn:aws:sts::082609687527:assumed-role/AppFactoryGitHubActionsRole/GitHubActions`,
    ),
  })
  process.env.AWS_ENDPOINT_URL = emulator.url
  process.env.AWS_ACCESS_KEY_ID = KEY.id
  process.env.AWS_SECRET_ACCESS_KEY = KEY.secret
  process.env.AWS_REGION = 'eu-central-1'
  process.env.PORTAL_AWS_MAX_ATTEMPTS = '1'
  process.env.PORTAL_LOG_LEVEL = 'silent'
  process.env.PORTAL_DATA_DIR = dataDir
  process.env.PORTAL_ALARM_TOPIC_ARN = 'arn:aws:sns:eu-central-1:082609687527:appfactory-alerts'
})
afterAll(async () => {
  await closeStore()
  await emulator?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})
beforeEach(async () => {
  await control('POST', '/_emulator/reset', { scenario: 'as-documented' })
  resetCacheForTests()
})

/** The runtime step's commands as one shell script, the password typed in where it says so. */
const scriptOf = (s: SetupStep) => (s.action?.commands ?? []).map((c) => c.command.replace('<password>', DB_MASTER_PASSWORD)).join('\n')

const hasAwsCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0

/**
 * Runs a program without blocking the event loop (the emulator answers from this same process, so
 * a synchronous spawn would leave every AWS CLI call waiting for a server that cannot answer).
 */
function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { encoding: 'utf8', env }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0
      resolve({ status: code, stdout, stderr })
    })
    child.stdin?.end()
  })
}

const cliEnv = (key: { id: string; secret: string }): NodeJS.ProcessEnv => ({
  NODE_ENV: 'test',
  PATH: process.env.PATH,
  HOME: os.tmpdir(),
  AWS_ENDPOINT_URL: emulator.url,
  AWS_ACCESS_KEY_ID: key.id,
  AWS_SECRET_ACCESS_KEY: key.secret,
  AWS_DEFAULT_REGION: 'eu-central-1',
  AWS_MAX_ATTEMPTS: '1',
  AWS_PAGER: '',
})

describe('as-documented: the account as the setup document leaves it', () => {
  it('three of seven steps are done, the database is being created, the rest waits — and no check fails', async () => {
    const all = await steps()
    expect(all.map((s) => s.id)).toEqual([
      'container-images',
      'oidc-provider',
      'deploy-role',
      'database',
      'runtime-service',
      'first-deployment',
      'alarms',
    ])
    expect(statuses(all)).toEqual({
      'container-images': 'done',
      'oidc-provider': 'done',
      'deploy-role': 'done',
      database: 'in-progress',
      'runtime-service': 'blocked',
      'first-deployment': 'blocked',
      alarms: 'todo',
    })
    const db = byId(all, 'database')
    // When it was requested comes from CloudTrail; progress is measured against RDS's usual 5–10 minutes.
    expect(db.progress?.startedAt).toBeTruthy()
    expect(db.progress?.typicalMinutes).toEqual({ low: 5, high: 10 })
    expect(byId(all, 'runtime-service').blockedBy).toBe('database')

    const checks = existing(await runAsSystem('test', () => runAllChecks()))
    const bad = checks.filter((c) => c.status === 'fail' || c.status === 'error')
    expect(bad.map((c) => `${c.id}: ${c.summary}`)).toEqual([])
    for (const id of ['apprunner-rds-connectivity', 'database-url', 'health-endpoint', 'deployed-image-findings', 'plaintext-secrets']) {
      const c = checks.find((x) => x.id === id)
      expect(c?.status, id).toBe('warn')
      expect(c?.summary, id).toBe('App Runner service appfactory-app-service is not created yet: nothing to check.')
      expect(c?.fix?.steps[0], id).toContain('/setup#runtime-service')
    }
    expect(checks.find((c) => c.id === 'rds-available')).toMatchObject({
      status: 'warn',
      summary: expect.stringContaining('being created'),
    })
  })

  it('once the database is available, its DATABASE_URL (without the password) and the exact CLI sequence with live values', async () => {
    await advance(10 * MINUTE)
    const all = await steps()
    expect(byId(all, 'database').status).toBe('done')
    const url = byId(all, 'database').evidence.find((e) => e.label === 'DATABASE_URL')?.value
    expect(url).toBe('postgresql://appfactory:<password>@appfactory-db.c9akciq32xyz.eu-central-1.rds.amazonaws.com:5432/postgres')
    const runtimeStep = byId(all, 'runtime-service')
    expect(runtimeStep.status).toBe('todo')
    const script = (runtimeStep.action?.commands ?? []).map((c) => c.command).join('\n')
    expect(script).toContain('--subnets subnet-0a11b22c33d44e55f subnet-0f66e77d88c99b00a --security-groups sg-0c0a1b2c3d4e5f601')
    expect(script).toMatch(/"ImageIdentifier":"082609687527\.dkr\.ecr\.eu-central-1\.amazonaws\.com\/appfactory-app:[0-9a-f]{40}"/)
    expect(script).not.toContain(DB_MASTER_PASSWORD)
    expect(runtimeStep.action?.caveat?.commands[0]?.command).toContain('aws ecs create-express-gateway-service')
    expect(JSON.stringify(all)).not.toContain(DB_MASTER_PASSWORD)
  })

  it.skipIf(!hasAwsCli)(
    'the sequence, run by the AWS CLI as printed, creates the service; GitHub Actions then deploys it',
    async () => {
      await advance(10 * MINUTE)
      const runtimeStep = byId(await steps(), 'runtime-service')
      const cli = await run('bash', ['-c', `set -euo pipefail\n${scriptOf(runtimeStep)}`], cliEnv(KEY))
      expect(cli.status, cli.stderr).toBe(0)
      expect(cli.stdout.trim().split('\n').at(-1)).toBe('OPERATION_IN_PROGRESS')
      // The portal keeps "no service" for a status read's TTL (seconds); the CLI can be quicker than that.
      resetCacheForTests()

      let all = await steps()
      expect(byId(all, 'runtime-service')).toMatchObject({ status: 'in-progress' })
      await advance(10 * MINUTE)
      all = await steps()
      expect(byId(all, 'runtime-service').status).toBe('done')
      const deployment = byId(all, 'first-deployment')
      expect(deployment.status).toBe('todo')
      const serviceArn = deployment.action?.table?.find((r) => r.name === 'APP_RUNNER_SERVICE_ARN')?.value
      expect(serviceArn).toMatch(/^arn:aws:apprunner:eu-central-1:082609687527:service\/appfactory-app-service\/[0-9a-f]{32}$/)
      expect(deployment.action?.commands[0]?.command).toContain(
        `gh secret set APP_RUNNER_SERVICE_ARN --repo hanpieter1/AppFactory --body '${serviceArn}'`,
      )

      // GitHub Actions (its role's session) starts a deployment; once it succeeded and /health answers, the step is done.
      const gh = await run('aws', ['apprunner', 'start-deployment', '--service-arn', serviceArn ?? ''], cliEnv(GITHUB))
      expect(gh.status, gh.stderr).toBe(0)
      await advance(10 * MINUTE)
      const done = byId(await steps(), 'first-deployment')
      expect(done.status).toBe('done')
      expect(done.evidence.find((e) => e.label === 'Last deployment call')?.value).toContain('GitHub Actions (AppFactoryGitHubActionsRole)')

      // And every check that said "not created yet" now checks for real: none fails.
      const checks = existing(await runAsSystem('test', () => runAllChecks()))
      expect(checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => c.id)).toEqual([])
      expect(checks.find((c) => c.id === 'database-url')).toMatchObject({ status: 'pass', summary: expect.stringContaining('secret') })
    },
    180_000,
  )
})

describe('the planned alarms, one click', () => {
  it('creates what can exist now, says what waits, changes nothing the second time, and refuses a viewer', async () => {
    const refused = await createPlannedAlarms(viewer)
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })

    const first = existing(await createPlannedAlarms(operator))
    expect(first.created).toEqual(['appfactory-rds-cpu-high', 'appfactory-rds-storage-low'])
    expect(first.unchanged).toEqual([])
    expect(first.waiting.map((w) => w.name)).toEqual(['appfactory-apprunner-health-check-failures', 'appfactory-apprunner-5xx-errors'])

    const second = existing(await createPlannedAlarms(operator))
    expect(second).toMatchObject({ created: [], unchanged: ['appfactory-rds-cpu-high', 'appfactory-rds-storage-low'] })

    const state = (await control('GET', '/_emulator/state')) as {
      alarms: { name: string; alarmActions: string[]; dimensions: unknown[] }[]
    }
    expect(state.alarms.map((a) => a.name).sort()).toEqual(['appfactory-rds-cpu-high', 'appfactory-rds-storage-low'])
    expect(state.alarms[0]?.alarmActions).toEqual(['arn:aws:sns:eu-central-1:082609687527:appfactory-alerts'])
    expect(state.alarms[0]?.dimensions).toEqual([{ name: 'DBInstanceIdentifier', value: 'appfactory-db' }])

    const audit = (await listAudit({ limit: 3 })).entries.map((e) => [e.action, e.actorName, e.result])
    expect(audit).toEqual([
      ['setup.alarms', 'ops', 'ok'],
      ['setup.alarms', 'ops', 'ok'],
      ['setup.alarms', 'Ana', 'error'],
    ])
    const alarmsStep = byId(await steps(), 'alarms')
    expect(alarmsStep).toMatchObject({ status: 'blocked', blockedBy: 'runtime-service' })
  })
})
