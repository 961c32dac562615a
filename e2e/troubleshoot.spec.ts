import { emulator } from './helpers'
import { expect, test } from './fixtures'

const checkIds = [
  'ecr-push-permission',
  'apprunner-rds-connectivity',
  'database-url',
  'github-oidc-trust',
  'rds-available',
  'health-endpoint',
]

test.afterAll(async ({ request }) => {
  await emulator.reset(request, 'healthy')
})

test('healthy: Run all shows every check and none fails', async ({ page, request }) => {
  await emulator.reset(request, 'healthy')
  await page.goto('/troubleshoot')
  await page.getByRole('button', { name: 'Run all' }).click()
  const results = page.getByRole('list', { name: 'Check results' })
  for (const id of checkIds) await expect(results.getByText(id, { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled()
  await expect(results.getByText('Pass', { exact: true }).first()).toBeVisible()
  await expect(results.getByText('Fail', { exact: true })).toHaveCount(0)
})

test('sg-blocks-db: the connectivity check fails with the missing rule as evidence and the fix', async ({ page, request }) => {
  await emulator.reset(request, 'sg-blocks-db')
  await page.goto('/troubleshoot')
  const results = page.getByRole('list', { name: 'Check results' })
  const item = results.getByRole('listitem').filter({ hasText: 'apprunner-rds-connectivity' })
  // As on call after a change: run again until the checks see the new state (reads are at most 5 s old).
  await expect(async () => {
    await page.getByRole('button', { name: 'Run all' }).click()
    await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled()
    await expect(item.getByText('Fail', { exact: true })).toBeVisible({ timeout: 2000 })
  }).toPass({ timeout: 30_000 })
  // Failed checks open by themselves: the evidence names the security groups AWS reported.
  await expect(item.getByText('Evidence (what AWS said)')).toBeVisible()
  await expect(item).toContainText('sg-0d0b1c2d3e4f5a602')
  await expect(item.getByText('How to fix')).toBeVisible()
  await expect(item).toContainText('aws ec2 authorize-security-group-ingress')
  // The symptom fails with the cause, and the failures are listed first.
  const health = results.getByRole('listitem').filter({ hasText: 'health-endpoint' })
  await expect(health.getByText('Fail', { exact: true })).toBeVisible()
  await expect(results.getByRole('listitem').first()).toContainText('Fail')
})

test('db-stopped: the API names exactly the failing checks', async ({ request }) => {
  await emulator.reset(request, 'db-stopped')
  await expect(async () => {
    const r = await request.get('/api/checks')
    expect(r.status()).toBe(200)
    const body = (await r.json()) as { checks: { id: string; status: string }[] }
    expect(
      body.checks
        .filter((c) => c.status === 'fail')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['health-endpoint', 'rds-available'])
  }).toPass({ timeout: 30_000 })
})
