import type { APIRequestContext, Locator, Page } from '@playwright/test'

import { emulator } from './helpers'
import { expect, test } from './fixtures'

/**
 * The on-call actions done on a phone (390 × 844, touch): a deployment of a typed commit SHA and a
 * database stop and start, each in a full-width sheet with thumb-sized buttons and keyboard-friendly
 * typed confirmations, completed end to end against the emulator.
 */

type EmulatorState = {
  images: { tags: string[]; findings: Record<string, number> }[]
  service: { status: string; imageIdentifier: string }
  db: { identifier: string; status: string }
}

const LONG = { timeout: 30_000 }
const short = (sha: string) => sha.slice(0, 7)
const shaOf = (imageIdentifier: string) => imageIdentifier.slice(imageIdentifier.lastIndexOf(':') + 1)
const world = async (request: APIRequestContext) => (await emulator.state(request)) as unknown as EmulatorState

/** Resets the emulated world and waits until the portal's cached reads agree with it. */
async function freshWorld(request: APIRequestContext) {
  await emulator.reset(request)
  const s = await world(request)
  const deployed = shaOf(s.service.imageIdentifier)
  await expect.poll(async () => ((await (await request.get('/api/service')).json()) as { sha?: string }).sha, LONG).toBe(deployed)
  await expect
    .poll(async () => ((await (await request.get('/api/service')).json()) as { status?: string }).status, LONG)
    .toBe(s.service.status)
  await expect.poll(async () => ((await (await request.get('/api/database')).json()) as { status?: string }).status, LONG).toBe(s.db.status)
  const clean = s.images.find((i) => !(i.findings.CRITICAL ?? 0) && i.tags[0] !== deployed)?.tags[0]
  if (!clean) throw new Error('the seed changed: need an image without CRITICAL findings that is not deployed')
  return { state: s, deployed, clean }
}

/**
 * The dialog is a modal bottom sheet across the whole screen width: a dimmed backdrop, and Tab never
 * reaches the page behind it (only the sheet, or the browser's own controls).
 */
async function expectSheet(page: Page, sheet: Locator) {
  const box = await sheet.boundingBox()
  const screen = page.viewportSize()
  expect(box && screen).toBeTruthy()
  expect(box!.x).toBeLessThanOrEqual(0.5)
  expect(box!.width).toBeGreaterThanOrEqual(screen!.width - 0.5)
  expect(Math.abs(box!.y + box!.height - screen!.height)).toBeLessThanOrEqual(1)
  expect(await sheet.evaluate((d) => d.matches(':modal'))).toBe(true)
  expect(await sheet.evaluate((d) => getComputedStyle(d, '::backdrop').backgroundColor)).not.toMatch(/^(transparent|rgba\(0, 0, 0, 0\))$/)
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab')
    const where = await sheet.evaluate((d) =>
      d.contains(document.activeElement) ? 'sheet' : document.activeElement === document.body ? 'browser' : 'page',
    )
    expect(where, `focus after ${i + 1} Tab presses`).not.toBe('page')
  }
}

/** A control a thumb presses: at least 44 px tall. */
async function expectThumbSized(control: Locator) {
  const box = await control.boundingBox()
  expect(box?.height ?? 0, `${await control.textContent()} height`).toBeGreaterThanOrEqual(44)
}

/** A field for typed confirmations: no capitals, corrections or spell-check from the on-screen keyboard. */
async function expectPlainKeyboard(field: Locator) {
  await expect(field).toHaveAttribute('autocapitalize', 'none')
  await expect(field).toHaveAttribute('autocorrect', 'off')
  await expect(field).toHaveAttribute('spellcheck', 'false')
  await expect(field).toHaveAttribute('autocomplete', 'off')
}

test('deploy a typed commit SHA from a phone: a full-width sheet, followed to success', async ({ page, request }) => {
  const { clean } = await freshWorld(request)
  await page.goto('/deployments')
  const open = page.getByRole('button', { name: 'Deploy a SHA…' })
  await expectThumbSized(open)
  await open.tap()

  const sheet = page.getByRole('dialog', { name: 'Deploy a commit' })
  await expect(sheet).toBeVisible()
  await expectSheet(page, sheet)
  const field = sheet.getByLabel('Commit SHA')
  await expectPlainKeyboard(field)
  await field.tap()
  await page.keyboard.type(short(clean))
  await sheet.getByRole('button', { name: 'Look up' }).tap()

  const deploy = sheet.getByRole('button', { name: `Deploy ${short(clean)}`, exact: true })
  await expect(deploy).toBeEnabled(LONG)
  await expectThumbSized(deploy)
  await expectThumbSized(sheet.getByRole('button', { name: 'Cancel' }))
  await deploy.tap()
  await expect(sheet.getByText(`Deployment succeeded: the service now runs ${short(clean)}.`, { exact: true })).toBeVisible(LONG)
  expect(shaOf((await world(request)).service.imageIdentifier)).toBe(clean)

  await sheet.getByRole('button', { name: 'Close', exact: true }).last().tap()
  await expect(sheet).toBeHidden()
})

test('stop and start the database from a phone: typed instance name in a full-width sheet', async ({ page, request }) => {
  const { state } = await freshWorld(request)
  const name = state.db.identifier
  await page.goto('/database')

  const stopButton = page.getByRole('button', { name: 'Stop database…' })
  await expectThumbSized(stopButton)
  await stopButton.tap()
  const stop = page.getByRole('dialog', { name: `Stop database ${name}` })
  await expect(stop).toBeVisible()
  await expectSheet(page, stop)
  const confirm = stop.getByLabel('Type the instance name to confirm')
  await expectPlainKeyboard(confirm)
  const submit = stop.getByRole('button', { name: 'Stop database', exact: true })
  await expect(submit).toBeDisabled()
  await confirm.tap()
  await page.keyboard.type(name)
  await expectThumbSized(submit)
  await submit.tap()
  await expect(stop.getByText('The database is stopping…', { exact: true })).toBeVisible(LONG)
  await expect(stop.getByText('The database is stopped.', { exact: true })).toBeVisible(LONG)
  expect((await world(request)).db.status).toBe('stopped')
  await stop.getByRole('button', { name: 'Close', exact: true }).last().tap()

  const startButton = page.getByRole('button', { name: 'Start database…' })
  await expect(startButton).toBeEnabled(LONG)
  await expectThumbSized(startButton)
  await startButton.tap()
  const start = page.getByRole('dialog', { name: `Start database ${name}` })
  await expectSheet(page, start)
  await start.getByLabel('Type the instance name to confirm').tap()
  await page.keyboard.type(name)
  const startSubmit = start.getByRole('button', { name: 'Start database', exact: true })
  await expectThumbSized(startSubmit)
  await startSubmit.tap()
  await expect(start.getByText('The database is starting…', { exact: true })).toBeVisible(LONG)
  await expect(start.getByText('The database is available.', { exact: true })).toBeVisible(LONG)
  expect((await world(request)).db.status).toBe('available')
})
