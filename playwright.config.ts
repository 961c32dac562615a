import { defineConfig, devices } from '@playwright/test'

import { e2eEnv } from './e2e/env'
import { chromiumLaunch } from './lib/test/chromium'

/** The on-call phone: 390 × 844 CSS px with touch, in Chromium's mobile emulation, in a zone that is not UTC. */
const phone = {
  ...devices['Pixel 7'],
  viewport: { width: 390, height: 844 },
  screen: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  timezoneId: 'Europe/Amsterdam',
  channel: undefined,
}

/**
 * End-to-end: the production build against the AWS emulator, in Debian's Chromium
 * (Playwright never downloads a browser here). One worker: the specs share one emulated world.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: e2eEnv.baseURL,
    trace: 'on-first-retry',
    extraHTTPHeaders: { authorization: `Bearer ${e2eEnv.tokens.operator}` },
    launchOptions: chromiumLaunch,
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined }, testIgnore: /\.mobile\.spec\.ts$/ },
    // Only the phone journeys: the desktop specs are not run a second time at 390 px.
    { name: 'mobile', use: phone, testMatch: /\.mobile\.spec\.ts$/ },
  ],
  webServer: [
    {
      command: 'node node_modules/tsx/dist/cli.mjs emulator/main.ts',
      url: `${e2eEnv.emulatorURL}/_emulator/state`,
      env: e2eEnv.emulator,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'node scripts/e2e-portal.mjs',
      url: `${e2eEnv.baseURL}/api/health`,
      env: e2eEnv.portal,
      reuseExistingServer: false,
      timeout: 600_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
})
