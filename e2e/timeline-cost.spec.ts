import { emulator } from './helpers'
import { expect, test } from './fixtures'

/**
 * The timeline's cost: each source is read once per window and cached, so 100 people looking at the same
 * window at once cost no more AWS calls than one person looking at it — per AWS operation, counted by
 * the emulator. Windows that end in the past have a fixed cache key, so each measurement starts cold.
 */

const HOUR = 3_600_000

/** `GET /api/timeline` for the hour that ended `hoursAgo` hours ago (whole minutes, so the key is stable). */
function windowUrl(hoursAgo: number): string {
  const until = Math.floor(Date.now() / 60_000) * 60_000 - hoursAgo * HOUR
  const since = until - HOUR
  return `/api/timeline?since=${encodeURIComponent(new Date(since).toISOString())}&until=${encodeURIComponent(new Date(until).toISOString())}`
}

test('100 viewers of one timeline window cost no more AWS calls than one viewer', async ({ request }) => {
  // Warm what is not keyed by the window (service identity, ledger, CloudTrail, images), so both
  // measurements below start from the same state.
  expect((await request.get(windowUrl(1))).status()).toBe(200)

  await emulator.clearCalls(request)
  const one = await request.get(windowUrl(3))
  expect(one.status(), await one.text()).toBe(200)
  const byOne = await emulator.calls(request)
  expect(Object.keys(byOne).length, 'a window nobody has read yet is read from AWS').toBeGreaterThan(0)

  const url = windowUrl(5)
  await emulator.clearCalls(request)
  const answers = await Promise.all(Array.from({ length: 100 }, () => request.get(url)))
  expect(answers.map((a) => a.status())).toEqual(Array<number>(100).fill(200))
  const byHundred = await emulator.calls(request)

  // Per operation: at most what one viewer caused (at most once for a read whose short cache lapsed
  // between the two measurements).
  // CloudTrail's background refresh (after its TTL, off the request path) is one lookup per event
  // name, five in all: once per resource, however many viewers.
  for (const [operation, count] of Object.entries(byHundred)) {
    const lapse = operation === 'cloudtrail.LookupEvents' ? 5 : 1
    expect(count, `${operation}: 100 viewers made ${count} calls, one viewer ${byOne[operation] ?? 0}`).toBeLessThanOrEqual(
      Math.max(byOne[operation] ?? 0, lapse),
    )
  }
  const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0)
  expect(total(byHundred)).toBeLessThanOrEqual(total(byOne) + 2 + (byHundred['cloudtrail.LookupEvents'] ?? 0))
})
