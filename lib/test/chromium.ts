/**
 * The browser every end-to-end test and the freshness bench launch: Debian's Chromium (Playwright never
 * downloads one here), headless, with nothing of its own that reaches the network.
 */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
}
