/**
 * `npm run checks` end to end: the real CLI (tsx, react-server condition) against the emulator,
 * asserting the exit-code contract of docs/interfaces.md and the --json shape.
 */
import { execFile, type ExecFileException } from 'node:child_process'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { parseCredentials } from '../emulator/core/credentials'
import { startEmulator, type Emulator } from '../emulator/core/server'

const root = path.resolve(__dirname, '..')
let emulator: Emulator

// The emulator verifies signatures (EMULATOR_CREDENTIALS), as in the e2e suite and the demo.
const KEY = { AWS_ACCESS_KEY_ID: 'AKIAEMULATOR', AWS_SECRET_ACCESS_KEY: 'checks-cli-secret' }

beforeAll(async () => {
  const credentials = parseCredentials(`${KEY.AWS_ACCESS_KEY_ID}:${KEY.AWS_SECRET_ACCESS_KEY}`)
  if (typeof credentials === 'string') throw new Error(credentials)
  emulator = await startEmulator({ port: 0, credentials })
})
afterAll(async () => {
  await emulator?.close()
})

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/checks.ts', ...args],
      {
        cwd: root,
        env: {
          NODE_ENV: 'test',
          PATH: process.env.PATH ?? '',
          ...KEY,
          PORTAL_AWS_MAX_ATTEMPTS: '1',
          NO_COLOR: '1',
          ...env,
        },
        timeout: 60_000,
        encoding: 'utf8',
      },
      (error: ExecFileException | null, stdout: string, stderr: string) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    )
  })
}

const reset = (scenario: string) => fetch(`${emulator.url}/_emulator/reset`, { method: 'POST', body: JSON.stringify({ scenario }) })

describe('npm run checks', () => {
  it('healthy: exit 0 and {checks:[…]} with --json on a clean stdout', async () => {
    await reset('healthy')
    const r = await runCli(['--json'], { AWS_ENDPOINT_URL: emulator.url })
    expect(r.code, r.stderr).toBe(0)
    const body = JSON.parse(r.stdout) as { checks: { id: string; status: string }[] }
    expect(body.checks).toHaveLength(18)
    expect(body.checks.filter((c) => c.status === 'fail')).toEqual([])
  }, 60_000)

  it('db-stopped: exit 1 and a table naming the failing checks and the fix', async () => {
    await reset('db-stopped')
    const r = await runCli([], { AWS_ENDPOINT_URL: emulator.url })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^FAIL\s+rds-available/m)
    expect(r.stdout).toContain('aws rds start-db-instance --db-instance-identifier appfactory-db')
  }, 60_000)

  it('refused credentials: exit 2 and one message saying so, not a table of errors', async () => {
    await reset('healthy')
    const r = await runCli([], { AWS_ENDPOINT_URL: emulator.url, AWS_SECRET_ACCESS_KEY: 'not-the-secret' })
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^AWS refused the portal's credentials: .+; if you use SSO, run `aws sso login`\.$/)
  }, 60_000)

  it('AWS unreachable: exit 2', async () => {
    const r = await runCli(['rds-available'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/^ERROR\s+rds-available/m)
  }, 60_000)
})
