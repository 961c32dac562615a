import { e2eEnv } from './env'
import { expect, test } from './fixtures'
import { emulator } from './helpers'

/**
 * Refused credentials (an expired SSO session, a rotated or deactivated key): the emulator stops
 * accepting the portal's signature, as AWS would. Every check and every panel that reads AWS says the
 * same one thing — AWS refused the portal's credentials, and what to do — not a wall of unrelated errors.
 */
const REFUSED = /AWS refused the portal's credentials: .+; if you use SSO, run `aws sso login`\./

test.afterEach(async ({ request }) => {
  // A reset also gives the emulator back the credentials it started with.
  await emulator.reset(request, 'healthy')
})

test('with credentials AWS refuses, every check and every panel says so in one message', async ({ page, request }) => {
  // The portal's key stays; its secret no longer matches, so every signature is refused.
  const key = e2eEnv.emulator.EMULATOR_CREDENTIALS.split(':')[0]
  const rotated = await request.put(`${e2eEnv.emulatorURL}/_emulator/credentials`, { data: { credentials: `${key}:rotated-secret` } })
  expect(rotated.ok()).toBe(true)

  // The checks read AWS afresh: none reaches a verdict, and each says the same thing.
  const res = await request.get('/api/checks')
  expect(res.ok()).toBe(true)
  const { checks } = (await res.json()) as { checks: { id: string; status: string; summary: string }[] }
  expect(checks.filter((c) => c.status === 'fail')).toEqual([])
  const errors = checks.filter((c) => c.status === 'error')
  expect(errors.length).toBeGreaterThan(10)
  for (const c of errors) expect(c.summary, c.id).toMatch(REFUSED)

  await page.goto('/troubleshoot')
  await page.getByRole('button', { name: 'Run all' }).click()
  const results = page.getByRole('list', { name: 'Check results' })
  await expect(results.getByText(REFUSED).first()).toBeVisible()

  // A log search never read before has nothing old to show: the panel shows the message itself.
  await page.goto(`/logs?filter=refused${Date.now()}`)
  await expect(page.getByRole('alert').filter({ hasText: REFUSED }).first()).toBeVisible()

  // A hard reload reads every panel afresh: each shows the message, or its last good value marked
  // stale with the message as the reason — and no other error.
  await page.setExtraHTTPHeaders({ 'cache-control': 'no-cache' })
  await page.goto('/')
  await expect(page.getByText(REFUSED).first()).toBeVisible()
  for (const alert of await page.getByRole('alert').all()) {
    const text = (await alert.textContent()) ?? ''
    // Next's route announcer is an empty alert; the environment card may warn about the account.
    if (text.trim() === '' || /differs|expected account/i.test(text)) continue
    expect(text).toMatch(REFUSED)
  }
  await expect(page.getByText(/Access denied|was not found|could not read/)).toHaveCount(0)
})
