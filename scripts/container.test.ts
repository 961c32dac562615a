import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
const read = (f: string) => readFileSync(path.join(root, f), 'utf8')

const dockerfile = read('Dockerfile')
const engines: unknown = JSON.parse(read('package.json')).engines?.node

/** The majors an `engines` range such as `^22.12.0 || ^24.0.0` names. */
const majorsOf = (range: string) => [...range.matchAll(/(?:\^|>=|~)?\s*(\d+)(?:\.\d+){0,2}/g)].map((m) => Number(m[1]))

describe('the container image and the supported Node.js', () => {
  it('builds from the Node major that engines names as its newest, as .nvmrc and CI do', () => {
    expect(typeof engines).toBe('string')
    const supported = Math.max(...majorsOf(String(engines)))
    expect(supported).toBeGreaterThanOrEqual(24)
    const arg = /^ARG NODE_VERSION=(\d+)$/m.exec(dockerfile)
    expect(Number(arg?.[1])).toBe(supported)
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1])
    expect(froms.length).toBeGreaterThanOrEqual(2)
    for (const image of froms) expect(image).toMatch(/^node:\$\{NODE_VERSION\}-(bookworm-slim|slim|alpine)$/)
    expect(Number(read('.nvmrc').trim())).toBe(supported)
    // .ci/run installs the .nvmrc major when the machine's Node is older.
    expect(read('.ci/run')).toContain('NODE_MAJOR="$(cat .nvmrc)"')
  })

  it('runs the assembled runtime folder as the unprivileged user, with a health check and the data volume', () => {
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
    expect(dockerfile).toMatch(/node scripts\/runtime-folder\.mjs \/runtime/)
    expect(runtimeStage).toMatch(/^COPY --from=build --chown=node:node \/runtime \.\/$/m)
    // Nothing else from the build stage reaches the image.
    expect(runtimeStage.match(/^COPY /gm)).toHaveLength(1)
    expect(runtimeStage).toMatch(/^USER node$/m)
    expect(runtimeStage).toMatch(/NODE_ENV=production/)
    expect(runtimeStage).toMatch(/PORTAL_DATA_DIR=\/app\/data/)
    expect(runtimeStage).toMatch(/^VOLUME \["\/app\/data"\]$/m)
    expect(runtimeStage).toMatch(/^HEALTHCHECK [\s\S]*\/api\/health/m)
    expect(runtimeStage).toMatch(/^CMD \["node", "portal-server\.mjs"\]$/m)
  })

  it('keeps installed modules, builds, local data and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n')
    for (const entry of ['node_modules', '.next', 'data', '.env', '.env.*', '.git']) expect(ignored).toContain(entry)
  })
})
