import { expect, test } from './fixtures'
import { emulator } from './helpers'

/**
 * CloudWatch can refuse a single query of a GetMetricData call (its MetricDataResult carries
 * StatusCode InternalError or Forbidden and Messages) while answering the rest: only that chart
 * says it could not be read; every other chart shows its data.
 */

test.afterAll(async ({ request }) => {
  await emulator.clearFaults(request)
})

test('a GetMetricData answer with one query refused: only that chart shows the error', async ({ page, request }) => {
  await emulator.reset(request)
  await emulator.fault(request, {
    service: 'monitoring',
    operation: 'GetMetricData',
    metricQuery: 'm_rds_freeStorage',
    error: 'InternalError',
  })
  // A hard reload: the portal reads CloudWatch now rather than serving what it read before the fault.
  await page.setExtraHTTPHeaders({ 'cache-control': 'no-cache' })
  await page.goto('/metrics')
  const refused = page.locator('figure[data-series="rds.freeStorage"]')
  await expect(refused.getByRole('alert')).toContainText('Could not be read')
  await expect(refused.getByRole('alert')).toContainText('InternalError')
  for (const id of ['rds.cpu', 'rds.connections', 'service.requests']) {
    const chart = page.locator(`figure[data-series="${id}"]`)
    await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /: latest /)
    await expect(chart.getByRole('alert')).toHaveCount(0)
  }
  await expect(page.locator('figure[data-series]').getByRole('alert')).toHaveCount(1)
})
