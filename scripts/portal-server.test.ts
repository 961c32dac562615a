import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

/*
 * scripts/portal-server.mjs starts the standalone build the way Next's own generated server.js does:
 * it hands Next the build's config through the private `__NEXT_PRIVATE_STANDALONE_CONFIG` variable
 * (the standalone folder has no next.config.js, and Next has no public option that skips loading
 * one). These tests pin that contract, so a Next upgrade that changes it fails here, loudly, rather
 * than as a server that will not start.
 */

const root = path.resolve(__dirname, '..')
const nextDist = path.join(root, 'node_modules', 'next', 'dist')

describe("Next's standalone configuration contract (used by scripts/portal-server.mjs)", () => {
  it('Next takes its whole config from __NEXT_PRIVATE_STANDALONE_CONFIG, reading no next.config.js', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-standalone-'))
    // A next.config.js that would break the start if Next read it instead.
    fs.writeFileSync(path.join(dir, 'next.config.js'), "throw new Error('next.config.js was read')\n")
    const standalone = { distDir: './.next', output: 'standalone', marker: 'from-the-build' }
    try {
      const out = execFileSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(path.join(nextDist, 'server', 'config.js'))}).default('phase-production-server', process.argv[1])` +
            '.then((c) => process.stdout.write(JSON.stringify(c)))',
          dir,
        ],
        { cwd: root, env: { ...process.env, __NEXT_PRIVATE_STANDALONE_CONFIG: JSON.stringify(standalone) }, encoding: 'utf8' },
      )
      expect(JSON.parse(out)).toEqual(standalone)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("Next's generated standalone server.js still starts the same way", () => {
    const generator = fs.readFileSync(path.join(nextDist, 'build', 'utils.js'), 'utf8')
    expect(generator).toContain('process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(nextConfig)')
  })

  it('portal-server.mjs hands Next the config of required-server-files.json, both ways', () => {
    const server = fs.readFileSync(path.join(root, 'scripts', 'portal-server.mjs'), 'utf8')
    expect(server).toContain("require('./.next/required-server-files.json')")
    expect(server).toContain('process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config)')
    expect(server).toMatch(/next\(\{[^}]*conf: config/)
  })
})
