import AxeBuilder from '@axe-core/playwright'
import type { Page, TestInfo } from '@playwright/test'

/**
 * What a phone user notices, measured in the page: content wider than the screen, tap targets
 * under 24 × 24 CSS px (WCAG 2.2 target size), targets that overlap, console errors, and axe.
 */

/** Everything a finger or a keyboard can act on. */
const interactive = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  '[role="button"]',
  '[role="link"]',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

export type Target = { name: string; width: number; height: number }

/** A short description of an element for failure messages: tag, accessible text and its panel. */
const describeScript = `(el) => {
  const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title') || el.getAttribute('name') || '').trim().replace(/\\s+/g, ' ').slice(0, 40)
  const region = el.closest('section[aria-labelledby]')
  const panel = region ? document.getElementById(region.getAttribute('aria-labelledby'))?.textContent : ''
  return el.tagName.toLowerCase() + (el.getAttribute('type') ? '[' + el.getAttribute('type') + ']' : '') + ' "' + text + '"' + (panel ? ' in ' + panel : '')
}`

/** Visible interactive elements whose box is under `min` px in either dimension (visually hidden ones aside). */
export async function smallTargets(page: Page, min = 24): Promise<Target[]> {
  return page.evaluate(
    ({ selector, min, describe }) => {
      const name = new Function(`return ${describe}`)() as (el: Element) => string
      return [...document.querySelectorAll(selector)].flatMap((el) => {
        if (!el.checkVisibility({ visibilityProperty: true })) return []
        const r = el.getBoundingClientRect()
        // Visually hidden (sr-only: 1 × 1 px and clipped) until focused, e.g. "Skip to content".
        if (r.width <= 1 && r.height <= 1) return []
        if (r.width >= min - 0.5 && r.height >= min - 0.5) return []
        return [{ name: name(el), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 }]
      })
    },
    { selector: interactive, min, describe: describeScript },
  )
}

/** Pairs of visible interactive elements whose boxes overlap (a target inside another one aside). */
export async function overlappingTargets(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ selector, describe }) => {
      const name = new Function(`return ${describe}`)() as (el: Element) => string
      const els = [...document.querySelectorAll(selector)].filter((el) => {
        const r = el.getBoundingClientRect()
        return el.checkVisibility({ visibilityProperty: true }) && r.width > 1 && r.height > 1
      })
      const boxes = els.map((el) => ({ el, r: el.getBoundingClientRect() }))
      const out: string[] = []
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!
          const b = boxes[j]!
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue
          // A control inside its own label (the range picker's radios) is one target.
          if (a.el.closest('label') && a.el.closest('label') === b.el.closest('label')) continue
          const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left)
          const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top)
          if (w > 0.5 && h > 0.5) out.push(`${name(a.el)} overlaps ${name(b.el)} (${Math.round(w)} × ${Math.round(h)} px)`)
        }
      }
      return out
    },
    { selector: interactive, describe: describeScript },
  )
}

/** The page's scroll width and the elements that stick out to the right (outside their own scrolling panel). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number; culprits: string[] }> {
  // The device width, not window.innerWidth: a mobile browser widens its layout viewport (and zooms
  // out) to fit content that is too wide, so innerWidth grows with the overflow.
  const viewport = page.viewportSize()?.width ?? 0
  return page.evaluate((viewport) => {
    const culprits: string[] = []
    const sticksOut = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.right <= viewport + 0.5 || r.width === 0) return false
      // Inside a panel that scrolls sideways on its own: allowed, the page does not widen. An
      // absolutely positioned element (e.g. sr-only text) is clipped only by a scroller at or
      // above its containing block, so a scroller below it does not count.
      let isClippable = !['absolute', 'fixed'].includes(getComputedStyle(el).position)
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p)
        if (style.position !== 'static') isClippable = true
        if (isClippable && ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) return false
      }
      return true
    }
    for (const el of document.body.querySelectorAll('*')) {
      // The innermost elements that stick out are the cause; their ancestors only follow.
      if (!sticksOut(el) || [...el.children].some(sticksOut)) continue
      const cls = typeof el.className === 'string' ? el.className.slice(0, 50) : ''
      const text = (el.textContent ?? '').trim().slice(0, 30)
      culprits.push(`${el.tagName.toLowerCase()}.${cls} "${text}" right=${Math.round(el.getBoundingClientRect().right)}`)
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport, culprits: culprits.slice(0, 8) }
  }, viewport)
}

/** Serious and critical axe violations, one line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    )
}

/** Collects console errors and uncaught page errors (React hydration errors are both) from now on. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()} (${msg.location().url})`)
  })
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`))
  return errors
}

/** Waits until streamed panels have arrived and nothing is loading (as a reader would). */
export async function settle(page: Page): Promise<void> {
  await page.getByRole('main').waitFor()
  await page.waitForLoadState('networkidle')
}

/** A full-page screenshot kept as a test artefact (attached to the report and written to `dir`). */
export async function keepScreenshot(page: Page, testInfo: TestInfo, dir: string, name: string): Promise<string> {
  const path = `${testInfo.project.outputDir}/${dir}/${name}.png`
  // CSS pixels (390 px wide on the phone), whatever the device pixel ratio: smaller and quicker.
  await page.screenshot({ path, fullPage: true, scale: 'css' })
  await testInfo.attach(name, { path, contentType: 'image/png' })
  return path
}
