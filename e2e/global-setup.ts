import { e2eEnv } from './env'

const loopback = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/?$/

/** Refuses to run against anything but a loopback emulator, then resets the emulated world. */
export default async function globalSetup() {
  const endpoint = e2eEnv.portal.AWS_ENDPOINT_URL
  if (!loopback.test(endpoint)) throw new Error(`e2e refuses to run against a non-loopback AWS endpoint: ${endpoint}`)
  const r = await fetch(`${e2eEnv.emulatorURL}/_emulator/reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'healthy' }),
  })
  if (!r.ok) throw new Error(`emulator reset failed: ${r.status}`)
}
