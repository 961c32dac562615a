import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  AppRunnerClient,
  CreateAutoScalingConfigurationCommand,
  CreateServiceCommand,
  CreateVpcConnectorCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-apprunner'
import { ECRClient, DescribeImagesCommand } from '@aws-sdk/client-ecr'
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam'
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import type { APIRequestContext, Page } from '@playwright/test'

import { freePort } from '../lib/test/postgres'
import { e2eEnv } from './env'
import { expect, secrets, test } from './fixtures'
import { bearer } from './helpers'
import { type PortalProcess, startPortalProcess } from './portal-process'

/**
 * The account as the AWS setup document leaves it (emulator scenario `as-documented`): images, the
 * OIDC provider, the deploy role, the security groups and a database still being created — no App
 * Runner service, connector, scaling, alarms or service logs. This spec has its own emulator in that
 * scenario and its own portal on it (the suite's pair stays `healthy`, and no cache of the suite's
 * portal holds a world this spec replaced). It walks the setup to the end: the overview and panels say
 * "not created yet" calmly, /setup lists the steps, the alarms are created from the page (twice:
 * nothing changes the second time), and the remaining steps, taken with the AWS SDK as the commands
 * on /setup take them, turn green.
 */

const ACCOUNT = '082609687527'
const REGION = 'eu-central-1'
const PORTAL_KEY = { id: 'AKIAE2ESETUPPORTAL01', secret: 'e2e-setup-portal-secret' }
const ADMIN_KEY = { id: 'AKIAE2ESETUPADMIN001', secret: 'e2e-setup-admin-secret' }
const GITHUB_KEY = { id: 'AKIAE2ESETUPGITHUB01', secret: 'e2e-setup-github-secret' }
const GITHUB_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/AppFactoryGitHubActionsRole/GitHubActions`
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:appfactory-alerts`
const MINUTE = 60_000
const LONG = { timeout: 30_000 }
const STEP_IDS = ['container-images', 'oidc-provider', 'deploy-role', 'database', 'runtime-service', 'first-deployment', 'alarms']
// A hard reload: the portal reads AWS afresh rather than serving its cached answer.
const HARD = { 'cache-control': 'no-cache', pragma: 'no-cache' }

let emulatorProcess: ChildProcess | undefined
let emulatorURL = ''
let portal: PortalProcess | undefined
let dataDir = ''

const portalURL = () => {
  if (!portal) throw new Error('the portal did not start')
  return portal.url
}

async function startEmulatorProcess(port: number): Promise<ChildProcess> {
  const child: ChildProcess = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'emulator/main.ts'], {
    env: {
      NODE_ENV: 'production',
      PATH: process.env.PATH ?? '',
      EMULATOR_PORT: String(port),
      EMULATOR_SCENARIO: 'as-documented',
      // Real minutes: the spec moves the emulator's clock when it wants time to pass.
      EMULATOR_SPEED: '1',
      EMULATOR_CREDENTIALS: [
        `${PORTAL_KEY.id}:${PORTAL_KEY.secret}`,
        `${ADMIN_KEY.id}:${ADMIN_KEY.secret}`,
        `${GITHUB_KEY.id}:${GITHUB_KEY.secret}:${GITHUB_SESSION}`,
      ].join(','),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let err = ''
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')))
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited at start:\n${err}`)
    const up = await fetch(`http://127.0.0.1:${port}/_emulator/state`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) return child
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the emulator did not answer within 60 s:\n${err}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(120_000)
  const emulatorPort = await freePort()
  emulatorProcess = await startEmulatorProcess(emulatorPort)
  emulatorURL = `http://127.0.0.1:${emulatorPort}`
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-setup-e2e-'))
  portal = await startPortalProcess(path.resolve('.next', 'standalone'), await freePort(), {
    ...e2eEnv.portal,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AWS_ENDPOINT_URL: emulatorURL,
    AWS_ACCESS_KEY_ID: PORTAL_KEY.id,
    AWS_SECRET_ACCESS_KEY: PORTAL_KEY.secret,
    PORTAL_DATA_DIR: dataDir,
    PORTAL_LOG_FILE: path.join(dataDir, 'portal.log'),
    PORTAL_ALARM_TOPIC_ARN: TOPIC,
  })
})

test.afterAll(async () => {
  await portal?.stop()
  if (emulatorProcess && emulatorProcess.exitCode === null) {
    const exited = new Promise((r) => emulatorProcess?.once('exit', r))
    emulatorProcess.kill('SIGTERM')
    await exited
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

const advance = async (request: APIRequestContext, ms: number) => {
  const r = await request.post(`${emulatorURL}/_emulator/clock`, { data: { advanceMs: ms } })
  expect(r.ok()).toBe(true)
}

type Step = { id: string; title: string; status: string; evidence: { label: string; value: string }[] }
const apiSteps = async (request: APIRequestContext): Promise<Step[]> => {
  const r = await request.get(`${portalURL()}/api/setup`, { headers: HARD })
  expect(r.status()).toBe(200)
  return ((await r.json()) as { steps: Step[] }).steps
}

/** The /setup page as a hard reload shows it. */
async function openSetup(page: Page) {
  await page.setExtraHTTPHeaders(HARD)
  await page.goto(`${portalURL()}/setup`)
  await expect(page.getByRole('list', { name: 'Setup steps, in order' })).toBeVisible()
}

/** Reloads /setup until step `id` shows `status` (the page's cache and the emulator's clock converge). */
async function expectStepStatus(page: Page, id: string, status: string) {
  await expect(async () => {
    await openSetup(page)
    await expect(page.getByTestId(`step-${id}`)).toHaveAttribute('data-status', status, { timeout: 2000 })
  }).toPass(LONG)
}

/** No panel on the page shows an error (Next's route announcer is an empty alert). */
async function expectNoErrors(page: Page) {
  for (const alert of await page.getByRole('alert').all()) expect(((await alert.textContent()) ?? '').trim()).toBe('')
  await expect(page.getByText(/could not read|was not found|Access denied|Something went wrong/i)).toHaveCount(0)
}

const sdkConfig = (key: { id: string; secret: string }) => ({
  endpoint: emulatorURL,
  region: REGION,
  credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
  maxAttempts: 1,
})

test('the overview says "Setup: 3 of 7 steps done" and each missing piece is "not created yet", calmly', async ({ page }) => {
  await page.setExtraHTTPHeaders(HARD)
  await page.goto(`${portalURL()}/`)
  const card = page.getByRole('region', { name: 'Setup', exact: true })
  await expect(card.getByTestId('setup-card-progress')).toHaveText('Setup: 3 of 7 steps done', LONG)
  await expect(card.getByRole('link', { name: 'Continue the setup' })).toHaveAttribute('href', /\/setup#database$/)

  const service = page.getByRole('region', { name: 'App Runner service' })
  await expect(service.getByTestId('not-created').first()).toContainText('not created yet', LONG)
  const alarms = page.getByRole('region', { name: 'Alarms' })
  await expect(alarms.getByTestId('no-alarms-yet')).toBeVisible(LONG)
  await expect(page.getByRole('region', { name: 'Database' }).getByText('creating', { exact: true })).toBeVisible()
  await expectNoErrors(page)
})

/** Each step and its status in the as-documented account: three done, the database being created. */
const AS_DOCUMENTED = [
  ['container-images', 'done'],
  ['oidc-provider', 'done'],
  ['deploy-role', 'done'],
  ['database', 'in-progress'],
  ['runtime-service', 'blocked'],
  ['first-deployment', 'blocked'],
  ['alarms', 'todo'],
]

test('/setup lists the seven steps in order with their status, the database in progress', async ({ page, request }) => {
  // The same steps as JSON.
  const json = await apiSteps(request)
  expect(json.map((s) => [s.id, s.status])).toEqual(AS_DOCUMENTED)
  for (const s of json) expect(s.title.length, s.id).toBeGreaterThan(0)

  await openSetup(page)
  const items = page.getByRole('list', { name: 'Setup steps, in order' }).locator(':scope > li')
  await expect(items).toHaveCount(STEP_IDS.length)
  expect(await items.evaluateAll((els) => els.map((e) => [e.id, e.getAttribute('data-status')]))).toEqual(AS_DOCUMENTED)
  await expect(page.getByTestId('setup-progress')).toContainText('3 of 7 steps done')
  await expect(page.getByTestId('step-runtime-service')).toContainText('after step 4')
  await expectNoErrors(page)
})

test('a viewer cannot create the alarms', async ({ request }) => {
  const r = await request.post(`${portalURL()}/api/setup/alarms`, { headers: bearer('viewer') })
  expect(r.status()).toBe(403)
  const alarms = (await (await request.get(`${emulatorURL}/_emulator/state`)).json()) as { alarms: unknown[] }
  expect(alarms.alarms).toEqual([])
})

test('an operator creates the alarms from the page; a second click changes nothing and says so', async ({ page, request }) => {
  await openSetup(page)
  const step = page.getByTestId('step-alarms')
  await expect(step.getByTestId('planned-appfactory-rds-cpu-high')).toHaveAttribute('data-state', 'ready')
  await expect(step.getByTestId('planned-appfactory-apprunner-5xx-errors')).toHaveAttribute('data-state', 'waiting')
  await step.getByRole('button', { name: 'Create the 2 missing alarms' }).click()
  await expect(step.getByTestId('alarms-result')).toHaveText(/^Created appfactory-rds-cpu-high, appfactory-rds-storage-low\./, LONG)

  await expect(step.getByRole('button', { name: /Create the/ })).toBeEnabled(LONG)
  await step.getByRole('button', { name: /Create the/ }).click()
  await expect(step.getByTestId('alarms-result')).toHaveText(
    /^Nothing changed: appfactory-rds-cpu-high, appfactory-rds-storage-low already exist/,
    LONG,
  )

  const state = (await (await request.get(`${emulatorURL}/_emulator/state`)).json()) as {
    alarms: { name: string; alarmActions: string[] }[]
  }
  expect(state.alarms.map((a) => a.name).sort()).toEqual(['appfactory-rds-cpu-high', 'appfactory-rds-storage-low'])
  for (const a of state.alarms) expect(a.alarmActions).toEqual([TOPIC])
})

test('once the database is available, the runtime step gives the commands with the live subnets, security group and image', async ({
  page,
  request,
}) => {
  await advance(request, 10 * MINUTE)
  await expectStepStatus(page, 'database', 'done')
  await expect(page.getByTestId('step-runtime-service')).toHaveAttribute('data-status', 'todo')
  const commands = (await page.getByTestId('step-runtime-service').textContent()) ?? ''
  expect(commands).toContain('subnet-0a11b22c33d44e55f subnet-0f66e77d88c99b00a')
  expect(commands).toContain('sg-0c0a1b2c3d4e5f601')
  expect(commands).toMatch(new RegExp(`${ACCOUNT}\\.dkr\\.ecr\\.${REGION}\\.amazonaws\\.com/appfactory-app:[0-9a-f]{40}`))
  const html = await page.content()
  for (const s of secrets) expect(html).not.toContain(s)
})

test('the remaining steps, taken with the AWS SDK, turn green', async ({ page, request }) => {
  test.setTimeout(180_000)
  const admin = sdkConfig(ADMIN_KEY)
  const apprunner = new AppRunnerClient(admin)
  const iam = new IAMClient(admin)
  const secretsManager = new SecretsManagerClient(admin)
  const ecr = new ECRClient(admin)
  try {
    // Step 5 as its commands take it: the secret, the instance role, the connector, scaling 1–10, the service.
    const endpoint = `appfactory-db.c9akciq32xyz.${REGION}.rds.amazonaws.com`
    const secret = await secretsManager.send(
      new CreateSecretCommand({
        Name: 'appfactory/database-url',
        SecretString: `postgresql://appfactory:${secrets[0]}@${endpoint}:5432/postgres`,
      }),
    )
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'tasks.apprunner.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    })
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'AppFactoryAppRunnerInstanceRole', AssumeRolePolicyDocument: trust }))
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'AppFactoryAppRunnerInstanceRole',
        PolicyName: 'ReadDatabaseUrl',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret.ARN }],
        }),
      }),
    )
    const connector = await apprunner.send(
      new CreateVpcConnectorCommand({
        VpcConnectorName: 'appfactory-vpc-connector',
        Subnets: ['subnet-0a11b22c33d44e55f', 'subnet-0f66e77d88c99b00a'],
        SecurityGroups: ['sg-0c0a1b2c3d4e5f601'],
      }),
    )
    const scaling = await apprunner.send(
      new CreateAutoScalingConfigurationCommand({ AutoScalingConfigurationName: 'appfactory-autoscaling', MinSize: 1, MaxSize: 10 }),
    )
    const images = (await ecr.send(new DescribeImagesCommand({ repositoryName: 'appfactory-app' }))).imageDetails ?? []
    const newest = images.sort((a, b) => (b.imagePushedAt?.getTime() ?? 0) - (a.imagePushedAt?.getTime() ?? 0))[0]
    const sha = newest?.imageTags?.find((t) => /^[0-9a-f]{40}$/.test(t))
    if (!sha) throw new Error('the emulator has no image tagged with a commit SHA')
    const created = await apprunner.send(
      new CreateServiceCommand({
        ServiceName: 'appfactory-app-service',
        SourceConfiguration: {
          ImageRepository: {
            ImageIdentifier: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/appfactory-app:${sha}`,
            ImageRepositoryType: 'ECR',
            ImageConfiguration: {
              Port: '3000',
              RuntimeEnvironmentVariables: { NODE_ENV: 'production', PORT: '3000', LOG_LEVEL: 'info', DB_POOL_MAX: '20' },
              RuntimeEnvironmentSecrets: { DATABASE_URL: secret.ARN ?? '' },
            },
          },
          AutoDeploymentsEnabled: false,
          AuthenticationConfiguration: { AccessRoleArn: `arn:aws:iam::${ACCOUNT}:role/AppRunnerECRAccessRole` },
        },
        InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB', InstanceRoleArn: role.Role?.Arn },
        HealthCheckConfiguration: { Protocol: 'HTTP', Path: '/health' },
        AutoScalingConfigurationArn: scaling.AutoScalingConfiguration?.AutoScalingConfigurationArn,
        NetworkConfiguration: {
          EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: connector.VpcConnector?.VpcConnectorArn },
        },
      }),
    )
    const serviceArn = created.Service?.ServiceArn ?? ''
    await expectStepStatus(page, 'runtime-service', 'in-progress')
    await advance(request, 10 * MINUTE)
    await expectStepStatus(page, 'runtime-service', 'done')
    await expect(page.getByTestId('step-first-deployment')).toContainText(serviceArn)

    // The two App Runner alarms can exist now: the same button creates them, leaving the other two as they are.
    const alarmsStep = page.getByTestId('step-alarms')
    await alarmsStep.getByRole('button', { name: 'Create the 2 missing alarms' }).click()
    await expect(alarmsStep.getByTestId('alarms-result')).toHaveText(
      /^Created appfactory-apprunner-health-check-failures, appfactory-apprunner-5xx-errors\. appfactory-rds-cpu-high, appfactory-rds-storage-low already existed/,
      LONG,
    )
    await expectStepStatus(page, 'alarms', 'done')

    // The first deployment, as GitHub Actions makes it (its role's session).
    const github = new AppRunnerClient(sdkConfig(GITHUB_KEY))
    try {
      await github.send(new StartDeploymentCommand({ ServiceArn: serviceArn }))
    } finally {
      github.destroy()
    }
    await advance(request, 10 * MINUTE)
    // Done once GitHub Actions' deployment succeeded (CloudTrail says who called) and the service answers its health path.
    await expectStepStatus(page, 'first-deployment', 'done')
    await expect(page.getByTestId('step-first-deployment')).toContainText('GitHub Actions (AppFactoryGitHubActionsRole)')

    await openSetup(page)
    await expect(page.getByTestId('setup-progress')).toContainText('7 of 7 steps done — the setup is complete.')
    for (const id of STEP_IDS) await expect(page.getByTestId(`step-${id}`)).toHaveAttribute('data-status', 'done')
    await expectNoErrors(page)

    // The alarms check is green, and the overview no longer shows the setup card.
    const checks = (await (await request.get(`${portalURL()}/api/checks`, { headers: HARD })).json()) as {
      checks: { id: string; status: string }[]
    }
    expect(checks.checks.find((c) => c.id === 'alarms-configured')?.status).toBe('pass')
    expect(checks.checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => c.id)).toEqual([])
    await page.goto(`${portalURL()}/`)
    await expect(page.getByRole('region', { name: 'App Runner service' }).getByText('RUNNING', { exact: true })).toBeVisible(LONG)
    await expect(page.getByTestId('setup-card-progress')).toHaveCount(0)
  } finally {
    for (const c of [apprunner, iam, secretsManager, ecr]) c.destroy()
  }
})
