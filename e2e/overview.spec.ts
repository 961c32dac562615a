import { e2eEnv } from './env'
import { emulator } from './helpers'
import { expect, test } from './fixtures'

type EmulatorState = {
  service: { status: string; imageIdentifier: string; url: string }
  db: { status: string; instanceClass: string }
}

test.beforeAll(async ({ request }) => {
  await emulator.reset(request)
})

test('the overview shows what the emulated AWS account runs', async ({ page, request }) => {
  const state = (await emulator.state(request)) as unknown as EmulatorState
  const deployedSha = state.service.imageIdentifier.split(':').pop() ?? ''
  expect(deployedSha).toMatch(/^[0-9a-f]{40}$/)

  await page.goto('/')
  const service = page.getByRole('region', { name: 'App Runner service' })
  await expect(service.getByText('RUNNING', { exact: true })).toBeVisible()
  // The deployed SHA, short, linked to its commit on GitHub.
  const shaLink = service.getByRole('link', { name: deployedSha.slice(0, 7) })
  await expect(shaLink).toHaveAttribute('href', `https://github.com/hanpieter1/AppFactory/commit/${deployedSha}`)
  await expect(service.getByText(state.service.url)).toBeVisible()
  await expect(service.getByText('healthy', { exact: true })).toBeVisible()

  const database = page.getByRole('region', { name: 'Database' })
  await expect(database.getByText('available', { exact: true })).toBeVisible()
  await expect(database.getByText(state.db.instanceClass)).toBeVisible()

  const alarms = page.getByRole('region', { name: 'Alarms' })
  await expect(alarms.getByText('appfactory-apprunner-5xx-errors', { exact: true })).toBeVisible()
})

test('the JSON API serves the same deployed SHA and redacts DATABASE_URL', async ({ request }) => {
  const state = (await emulator.state(request)) as unknown as EmulatorState
  const r = await request.get('/api/service')
  expect(r.status()).toBe(200)
  const body = (await r.json()) as { sha: string; env: { name: string; value: string }[] }
  expect(body.sha).toBe(state.service.imageIdentifier.split(':').pop())
  const dbUrl = body.env.find((e) => e.name === 'DATABASE_URL')
  expect(dbUrl?.value).toContain('appfactory:****@')
})

test('an unauthenticated API call gets 401 JSON, never a page or a 500', async () => {
  // Plain fetch: no Playwright context, so no configured Authorization header.
  const r = await fetch(`${e2eEnv.baseURL}/api/overview`)
  expect(r.status).toBe(401)
  expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unauthenticated')
})

test('the deployment history names the SHA and who for every deployment, and the overview shows them', async ({ page, request }) => {
  // A redeploy through the portal: a START_DEPLOYMENT row from the ledger beside GitHub Actions' updates.
  const started = await request.post('/api/deployments', { data: { redeployCurrent: true } })
  expect(started.status(), await started.text()).toBe(202)
  const r = await request.get('/api/deployments')
  expect(r.status()).toBe(200)
  const body = (await r.json()) as {
    deployments: { type: string | null; sha: string | null; actorName: string | null; compareUrl: string | null }[]
    missing: unknown[]
  }
  expect(body.missing).toEqual([])
  const deploys = body.deployments.filter((d) => d.type === 'UPDATE_SERVICE' || d.type === 'START_DEPLOYMENT')
  expect(deploys.map((d) => d.type)).toContain('START_DEPLOYMENT')
  expect(deploys.filter((d) => d.type === 'UPDATE_SERVICE').length).toBeGreaterThanOrEqual(3)
  for (const d of deploys) {
    expect(d.sha, JSON.stringify(d)).toMatch(/^[0-9a-f]{40}$/)
    expect(d.actorName, JSON.stringify(d)).toBeTruthy()
  }
  expect(deploys.map((d) => d.actorName)).toContain('GitHub Actions')

  // The overview shows the newest rows (earlier specs' portal deployments may fill it); the full
  // history on /deployments includes GitHub Actions' deployments, named as such.
  await page.goto('/deployments')
  await expect(page.getByRole('region', { name: 'Deployment history' }).getByText('GitHub Actions').first()).toBeVisible()
  await page.goto('/')
  const last = page.getByRole('region', { name: 'Last operations' })
  await expect(last.getByText(/e2e-operator/).first()).toBeVisible()
  await expect(last.getByRole('link', { name: /^compare with [0-9a-f]{7}$/ }).first()).toHaveAttribute(
    'href',
    /^https:\/\/github\.com\/hanpieter1\/AppFactory\/compare\/[0-9a-f]{40}\.\.\.[0-9a-f]{40}$/,
  )
})
