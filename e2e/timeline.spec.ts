import { AppRunnerClient, UpdateServiceCommand } from '@aws-sdk/client-apprunner'
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch'
import type { APIRequestContext, Page } from '@playwright/test'

import { e2eEnv } from './env'
import { emulator } from './helpers'
import { expect, test } from './fixtures'

/**
 * "What changed?": a redeploy through the portal, an alarm forced into ALARM and a database stop each
 * show on /timeline (newest first), and the App Runner requests chart on /metrics marks the deployment
 * with a marker that opens it. One emulated world for the whole story, reset at its start.
 */

type EmulatorState = {
  images: { tags: string[]; findings: Record<string, number> }[]
  service: { arn: string; status: string; imageIdentifier: string }
  db: { identifier: string; status: string }
}

// Timeline reads are cached (alarm history and RDS events for up to 30 s) and the page refreshes a
// window that ends now every 30 s: a change shows within about a minute.
const SHOWS = { timeout: 75_000 }
const LONG = { timeout: 30_000 }
const short = (sha: string) => sha.slice(0, 7)
const shaOf = (imageIdentifier: string) => imageIdentifier.slice(imageIdentifier.lastIndexOf(':') + 1)
const world = async (request: APIRequestContext) => (await emulator.state(request)) as unknown as EmulatorState

/** CloudWatch as any AWS client sees it: the real SDK against the emulator, with the portal's key. */
const cloudwatch = new CloudWatchClient({
  endpoint: e2eEnv.emulatorURL,
  region: e2eEnv.portal.AWS_REGION,
  credentials: { accessKeyId: e2eEnv.portal.AWS_ACCESS_KEY_ID, secretAccessKey: e2eEnv.portal.AWS_SECRET_ACCESS_KEY },
})

/** A fresh healthy world, the portal caught up with the SHA it runs, and a clean image that is not deployed. */
async function freshWorldWithCleanImage(request: APIRequestContext): Promise<{ s: EmulatorState; sha: string }> {
  await emulator.reset(request, 'healthy')
  const s = await world(request)
  const deployed = shaOf(s.service.imageIdentifier)
  await expect.poll(async () => ((await (await request.get('/api/service')).json()) as { sha?: string }).sha, LONG).toBe(deployed)
  const sha = s.images.find((i) => !(i.findings.CRITICAL ?? 0) && i.tags[0] !== deployed)?.tags[0]
  if (!sha) throw new Error("the emulator's images changed: need a clean image that is not deployed")
  return { s, sha }
}

/** The timeline's entries on the page, newest first. */
const entries = (page: Page) => page.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem')

test.describe.configure({ timeout: 300_000 })

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return
  const text = await page
    .locator('main')
    .innerText({ timeout: 5_000 })
    .catch(() => '')
  await testInfo.attach('visible text', { body: text, contentType: 'text/plain' })
  console.log(`--- visible text at failure ---\n${text}`)
})

test('a redeploy, a forced alarm and a database stop show on the timeline; the requests chart marks the deployment', async ({
  page,
  request,
}) => {
  const { sha } = await freshWorldWithCleanImage(request)

  // Earlier specs may have deployed the same SHA within the hour: the marker is told by its operation.
  let operationId = ''
  await test.step('a redeploy through the portal is first, with its SHA, who and, once done, its outcome', async () => {
    const started = await request.post('/api/deployments', { data: { sha } })
    expect(started.status()).toBe(202)
    operationId = ((await started.json()) as { operationId: string }).operationId
    await page.goto('/timeline?since=1h')
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Timeline' }).first()).toHaveAttribute('aria-current', 'page')
    const first = entries(page).first()
    await expect(first).toHaveAttribute('data-kind', 'deployment', SHOWS)
    await expect(first.getByRole('link', { name: `Deploy ${short(sha)}`, exact: true })).toBeVisible()
    await expect(first).toContainText(`SHA ${short(sha)}`)
    await expect(first).toContainText('by e2e-operator')
    await expect(first).toContainText('succeeded', SHOWS)
  })

  const reason = 'e2e: forced into ALARM to see it on the timeline'
  await test.step('an alarm forced into ALARM shows with old → new state and the reason', async () => {
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'appfactory-rds-cpu-high', StateValue: 'ALARM', StateReason: reason }))
    await page.goto('/timeline?since=1h&kinds=alarm')
    const alarm = entries(page).filter({ hasText: reason })
    await expect(alarm.first()).toBeVisible(SHOWS)
    await expect(alarm.first().getByRole('link', { name: 'appfactory-rds-cpu-high: OK → ALARM', exact: true })).toBeVisible()
    // An alarm that fired leads to what changed before it and the logs of that hour.
    await expect(alarm.first().getByRole('link', { name: /^What changed before this/ })).toBeVisible()
    await expect(alarm.first().getByRole('link', { name: /^Logs at this time/ })).toHaveAttribute('href', /^\/logs\?.*errors=first/)
  })

  await test.step('stopping the database shows as an RDS event', async () => {
    const stopped = await request.post('/api/database/stop')
    expect(stopped.status()).toBe(202)
    await expect.poll(async () => (await world(request)).db.status, LONG).toBe('stopped')
    await page.goto('/timeline?since=1h&kinds=database')
    await expect(
      entries(page)
        .filter({ hasText: /stopped|shutdown/i })
        .first(),
    ).toBeVisible(SHOWS)
  })

  await test.step('the requests chart on /metrics marks the deployment, and the marker opens it', async () => {
    await page.goto('/metrics')
    const markers = page.getByRole('list', { name: 'Changes on Requests' }).first()
    // The newest handle naming this deployment: its own, or one it shares with changes too close to tell
    // apart at this width (earlier specs' deployments within a few minutes), which opens the timeline.
    const marker = markers
      .getByRole('link', { name: new RegExp(`Deploy ${short(sha)}, SHA ${short(sha)}, by e2e-operator, succeeded`) })
      .last()
    await expect(marker).toBeVisible(SHOWS)
    // Reachable from the keyboard: it takes focus and shows what it marks.
    await marker.focus()
    await expect(marker).toBeFocused()
    const shared = !((await marker.getAttribute('aria-label')) ?? '').startsWith('Deployment:')
    await marker.press('Enter')
    if (shared) {
      await expect(page).toHaveURL(/\/timeline\?/)
      await page.locator(`a[href="/deployments/${operationId}"]`).first().click()
    }
    await expect(page).toHaveURL(/\/deployments\/[^/?#]+$/)
    await expect(page.getByRole('heading', { name: 'Deployment', exact: true })).toBeVisible()
    await expect(page.getByRole('main')).toContainText(`Deploy ${short(sha)}`)
    await expect(page.getByRole('link', { name: short(sha), exact: true })).toHaveAttribute('href', new RegExp(`/commit/${sha}$`))
  })

  // Leave the database running for the specs after this one.
  const started = await request.post('/api/database/start')
  expect(started.status()).toBe(202)
  await expect.poll(async () => (await world(request)).db.status, { timeout: 60_000 }).toBe('available')
})

test('a deployment a person starts in the console names them and its SHA on /deployments and on the timeline', async ({
  page,
  request,
}) => {
  const { s, sha } = await freshWorldWithCleanImage(request)

  // Alice's own key beside the portal's: the emulator signs her calls into CloudTrail as the IAM user alice.
  const alice = { accessKeyId: 'AKIAE2EALICE00000001', secretAccessKey: 'e2e-alice-secret-0123456789' }
  const keys = [
    `${e2eEnv.portal.AWS_ACCESS_KEY_ID}:${e2eEnv.portal.AWS_SECRET_ACCESS_KEY}`,
    `${alice.accessKeyId}:${alice.secretAccessKey}:arn:aws:iam::082609687527:user/alice`,
  ].join(',')
  expect((await request.put(`${e2eEnv.emulatorURL}/_emulator/credentials`, { data: { credentials: keys } })).ok()).toBe(true)
  const apprunner = new AppRunnerClient({ endpoint: e2eEnv.emulatorURL, region: e2eEnv.portal.AWS_REGION, credentials: alice })
  const image = `${s.service.imageIdentifier.slice(0, s.service.imageIdentifier.lastIndexOf(':'))}:${sha}`
  const out = await apprunner.send(
    new UpdateServiceCommand({
      ServiceArn: s.service.arn,
      SourceConfiguration: { ImageRepository: { ImageIdentifier: image, ImageRepositoryType: 'ECR' } },
    }),
  )
  const operationId = out.OperationId ?? ''
  expect(operationId).not.toBe('')

  type Row = { operationId: string; sha: string | null; actorName: string | null; actorKind: string }
  await expect
    .poll(async () => {
      const list = (await (await request.get('/api/deployments')).json()) as { deployments: Row[] }
      const row = list.deployments.find((d) => d.operationId === operationId)
      return row ? { sha: row.sha, actorName: row.actorName, actorKind: row.actorKind } : null
    }, SHOWS)
    .toEqual({ sha, actorName: 'alice', actorKind: 'person' })

  await page.goto('/deployments')
  const row = page.locator(`[data-operation-id="${operationId}"]`)
  await expect(row).toContainText('alice')
  await expect(row).toContainText(short(sha))

  await expect(async () => {
    await page.goto('/timeline?since=1h&kinds=deployment')
    await expect(entries(page).first()).toContainText(`Deploy ${short(sha)}`, { timeout: 3_000 })
    await expect(entries(page).first()).toContainText('alice', { timeout: 1_000 })
  }).toPass(SHOWS)
})
