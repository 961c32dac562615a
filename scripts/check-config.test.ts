import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '..')
const run = (env: Record<string, string>) =>
  spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', path.join(root, 'scripts/check-config.ts')],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
      encoding: 'utf8',
    },
  )

describe('start-up configuration check', () => {
  it('stops with exit 2 and names each bad variable with its accepted form', () => {
    const r = run({ AWS_REGION: 'frankfurt', PORTAL_AWS_TIMEOUT_MS: 'soon' })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('AWS_REGION: expected an AWS region such as eu-central-1')
    expect(r.stderr).toContain('PORTAL_AWS_TIMEOUT_MS')
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/)
  })

  it('accepts the documented defaults', () => {
    expect(run({}).status).toBe(0)
  })
})
