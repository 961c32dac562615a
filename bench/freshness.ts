/**
 * Freshness: how long after AWS changes state the page shows it, while an operation runs (the pages
 * poll faster then). A deployment and an RDS stop are started through the portal and followed in
 * Chromium; the emulator's clock is then moved past their end, so the change in AWS happens at a known
 * instant, and the time until the page shows the new state is measured (`stateToUiMs`, median).
 */
import { chromium, type Page } from '@playwright/test'

import { chromiumLaunch } from '../lib/test/chromium'

export type FreshnessSample = { change: 'deployment' | 'database-stop'; ms: number }

type Io = {
  portalURL: string
  emulatorURL: string
  /** Authorization header of an operator token (the page is read with it too). */
  operator: Record<string, string>
  log: (msg: string) => void
}

const LONG_AFTER = 60 * 60_000
const SHOWN_WITHIN = 60_000

async function post(io: Io, route: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${io.portalURL}${route}`, {
    method: 'POST',
    headers: { ...io.operator, 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  })
  const json: unknown = await r.json()
  if (r.status !== 202) throw new Error(`POST ${route}: ${r.status} ${JSON.stringify(json)}`)
  return json
}

/** Moves the emulator's clock past any running transition; returns the instant the new state holds. */
async function finishInAws(io: Io): Promise<number> {
  const r = await fetch(`${io.emulatorURL}/_emulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: LONG_AFTER }),
  })
  if (!r.ok) throw new Error(`emulator clock: ${r.status} ${await r.text()}`)
  return performance.now()
}

async function emulatorDbStatus(io: Io): Promise<string> {
  const state = (await (await fetch(`${io.emulatorURL}/_emulator/state`)).json()) as { db?: { status?: string } }
  return state.db?.status ?? 'unknown'
}

const shown = (page: Page, text: string) =>
  page
    .getByText(new RegExp(`^${text}$`, 'i'))
    .first()
    .waitFor({ timeout: SHOWN_WITHIN })

/** `samples` rounds of one deployment and one database stop (the database is started again between rounds). */
export async function measureFreshness(io: Io, samples: number): Promise<FreshnessSample[]> {
  // Chromium as the e2e suite launches it: the system browser, never a downloaded one.
  const browser = await chromium.launch(chromiumLaunch)
  const out: FreshnessSample[] = []
  try {
    const context = await browser.newContext({ baseURL: io.portalURL, extraHTTPHeaders: io.operator })
    const page = await context.newPage()
    for (let i = 0; i < samples; i++) {
      io.log(`freshness ${i + 1}/${samples}: a deployment followed on its page`)
      const started = (await post(io, '/api/deployments', { redeployCurrent: true })) as { operationId: string }
      await page.goto(`/deployments/${encodeURIComponent(started.operationId)}`)
      await shown(page, 'running')
      const deployed = await finishInAws(io)
      await shown(page, 'succeeded')
      out.push({ change: 'deployment', ms: performance.now() - deployed })

      io.log(`freshness ${i + 1}/${samples}: a database stop followed on /database`)
      await post(io, '/api/database/stop')
      await page.goto('/database')
      await shown(page, 'stopping')
      const stopped = await finishInAws(io)
      await shown(page, 'stopped')
      out.push({ change: 'database-stop', ms: performance.now() - stopped })

      await post(io, '/api/database/start')
      await finishInAws(io)
      const until = Date.now() + SHOWN_WITHIN
      while ((await emulatorDbStatus(io)) !== 'available' && Date.now() < until) await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await browser.close()
  }
  return out
}
