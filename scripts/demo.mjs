// `npm run demo`: the AWS emulator on 127.0.0.1:4566 and the production portal on
// http://127.0.0.1:3000 wired to it. Ctrl-C stops both.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'

import { buildIfNeeded, root, startPortal } from './portal-build.mjs'

const emulatorPort = process.env.EMULATOR_PORT ?? '4566'
const portalPort = process.env.PORT ?? '3000'
const endpoint = `http://127.0.0.1:${emulatorPort}`
// The emulator verifies signatures like AWS: it accepts one key, whose secret is new for every run.
const key = { id: 'AKIADEMOPORTAL000001', secret: randomBytes(20).toString('base64url') }

buildIfNeeded()

const emulator = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'emulator/main.ts')], {
  cwd: root,
  env: { ...process.env, EMULATOR_PORT: emulatorPort, EMULATOR_CREDENTIALS: `${key.id}:${key.secret}` },
  stdio: 'inherit',
})

async function waitForEmulator() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${endpoint}/_emulator/state`)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`The emulator did not start on ${endpoint}`)
}

await waitForEmulator()
const portal = startPortal({
  AWS_ENDPOINT_URL: endpoint,
  AWS_ACCESS_KEY_ID: key.id,
  AWS_SECRET_ACCESS_KEY: key.secret,
  AWS_SESSION_TOKEN: '',
  AWS_PROFILE: '',
  AWS_REGION: process.env.AWS_REGION ?? 'eu-central-1',
  PORT: portalPort,
  // The one-click demo sign-in, asked for explicitly; the portal still turns it on only after the
  // endpoint answered as the emulator (lib/auth/demo.ts). `npm start` never asks for it.
  PORTAL_DEMO_AUTH: 'on',
})
console.log(`\nAppFactory Portal demo: http://127.0.0.1:${portalPort}  (AWS emulator at ${endpoint}; Ctrl-C stops both)\n`)

let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  portal.kill('SIGTERM')
  emulator.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
let exited = 0
for (const child of [portal, emulator])
  child.on('exit', () => {
    stop()
    if (++exited === 2) process.exit(0)
  })
