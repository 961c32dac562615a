import { expect, test as base } from '@playwright/test'

import { e2eEnv } from './env'

/** Values that must never leave the server (the documented setup's database password). */
export const secrets = ['AppFactoryDB2026!', encodeURIComponent('AppFactoryDB2026!')]

/**
 * Every spec uses this `test`: it records each response body the browser receives from the portal
 * and fails the test if any of them contains a secret (the leak scan).
 */
export const test = base.extend<{ leakScan: void }>({
  leakScan: [
    async ({ page }, use) => {
      const leaks: string[] = []
      const pending: Promise<void>[] = []
      page.on('response', (response) => {
        if (!response.url().startsWith(e2eEnv.baseURL)) return
        pending.push(
          response
            .text()
            .then((body) => {
              for (const s of secrets) if (body.includes(s)) leaks.push(`${response.url()} contains a secret`)
            })
            .catch(() => undefined),
        )
      })
      await use()
      await Promise.all(pending)
      expect(leaks, 'responses leaking a secret').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
