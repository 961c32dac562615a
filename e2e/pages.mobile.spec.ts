import { portalNav } from '../components/shell/nav-items'

import { emulator } from './helpers'
import { expect, test } from './fixtures'
import {
  collectConsoleErrors,
  horizontalOverflow,
  keepScreenshot,
  overlappingTargets,
  seriousAxeViolations,
  settle,
  smallTargets,
} from './layout'

/**
 * Every page of the navigation on the on-call phone (390 × 844, touch): nothing wider than the
 * screen, a compact header, thumb-sized targets that do not overlap, no serious axe violation and
 * no console error. A screenshot of each page is kept in test-results/screens-390/.
 */

const slug = (href: string) => (href === '/' ? 'overview' : href.slice(1).replaceAll('/', '-'))

test.beforeAll(async ({ request }) => {
  await emulator.reset(request)
})

for (const { href, label } of portalNav) {
  test(`${label} (${href}) at 390 px: fits the screen, compact header, thumb-sized targets, accessible`, async ({ page }, testInfo) => {
    // axe needs ~45 s for the audit page's 100 table rows on a busy 2-core machine.
    test.setTimeout(120_000)
    const errors = collectConsoleErrors(page)
    const response = await page.goto(href)
    expect(response?.status()).toBe(200)
    await settle(page)

    // Soft: one run reports every problem of the page.
    const header = await page.getByRole('banner').boundingBox()
    expect.soft(header?.height ?? Infinity, 'header height').toBeLessThanOrEqual(96)

    const overflow = await horizontalOverflow(page)
    expect.soft(overflow.scrollWidth, `page wider than the screen: ${overflow.culprits.join('; ')}`).toBeLessThanOrEqual(overflow.viewport)

    expect.soft(await smallTargets(page), 'targets under 24 × 24 px').toEqual([])
    expect.soft(await overlappingTargets(page), 'overlapping targets').toEqual([])
    expect.soft(await seriousAxeViolations(page), 'serious or critical axe violations').toEqual([])

    await keepScreenshot(page, testInfo, 'screens-390', slug(href))
    expect(errors, 'console errors').toEqual([])
  })
}

test('the phone menu: a modal sheet with every section and the user; Escape and a followed link close it', async ({ page }) => {
  await page.goto('/')
  const banner = page.getByRole('banner')
  // The compact header: product name, current section, Menu; the section links are folded away.
  await expect(banner.getByText('Overview', { exact: true }).filter({ visible: true })).toBeVisible()
  await expect(banner.getByRole('link', { name: 'Images' })).toBeHidden()
  const button = banner.getByRole('button', { name: 'Menu', exact: true })
  await expect(button).toHaveAttribute('aria-expanded', 'false')

  // Keyboard: open, Escape closes and gives focus back to the button.
  await button.focus()
  await page.keyboard.press('Enter')
  const menu = page.getByRole('dialog', { name: 'Menu' })
  await expect(menu).toBeVisible()
  await expect(button).toHaveAttribute('aria-expanded', 'true')
  await expect(menu.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(portalNav.map((i) => i.label))
  await expect(menu.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page')
  await expect(menu.getByText('e2e-operator')).toBeVisible()
  // The page behind is inert: Tab cycles through the menu (and the browser's own controls), never the page.
  const focusIn: boolean[] = []
  for (let i = 0; i < portalNav.length + 4; i++) {
    await page.keyboard.press('Tab')
    const where = await menu.evaluate((d) =>
      d.contains(document.activeElement) ? 'menu' : document.activeElement === document.body ? 'browser' : 'page',
    )
    expect(where, `focus after ${i + 1} Tab presses`).not.toBe('page')
    focusIn.push(where === 'menu')
  }
  expect(focusIn.filter(Boolean).length).toBeGreaterThan(portalNav.length)
  await page.keyboard.press('Escape')
  await expect(menu).toBeHidden()
  await expect(button).toBeFocused()

  // Touch: open, follow a link; the page changes and the menu is gone.
  await button.tap()
  await menu.getByRole('link', { name: 'Database' }).tap()
  await expect(page).toHaveURL(/\/database$/)
  await expect(menu).toBeHidden()
  await expect(button).toHaveAttribute('aria-expanded', 'false')
  await expect(banner.getByText('Database', { exact: true }).filter({ visible: true })).toBeVisible()
})
