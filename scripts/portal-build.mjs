// Shared by `npm start`, `npm run demo` and the e2e web server: build when the sources are newer
// than the last build, prepare the standalone output, and start it.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

import { prepareStandalone, root } from './runtime-folder.mjs'

export { root }
const sourceDirs = ['app', 'components', 'lib', 'public']
const sourceFiles = ['next.config.js', 'package.json', 'postcss.config.mjs', 'tsconfig.json', 'proxy.ts', 'instrumentation.ts']

function newestMtime(p) {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue
    newest = Math.max(newest, newestMtime(path.join(p, entry)))
  }
  return newest
}

/** True when there is no build, or a source file changed after it. */
export function needsBuild() {
  const buildId = path.join(root, '.next', 'BUILD_ID')
  const server = path.join(root, '.next', 'standalone', 'server.js')
  if (!existsSync(buildId) || !existsSync(server)) return true
  const built = statSync(buildId).mtimeMs
  return [...sourceDirs, ...sourceFiles].some((p) => newestMtime(path.join(root, p)) > built)
}

/** Runs `next build` when needed; exits the process when it fails. */
export function buildIfNeeded({ force = false } = {}) {
  if (!force && !needsBuild()) return
  console.log('Building the portal (next build)…')
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  })
  if (r.status !== 0) {
    console.error('The portal build failed; see the output above.')
    process.exit(r.status ?? 1)
  }
}

/** Exits with the configuration error (exit 2) when the environment is invalid. */
function validateConfig(env) {
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', path.join(root, 'scripts/check-config.ts')],
    { cwd: root, env, encoding: 'utf8' },
  )
  if (r.status === 0) return
  console.error(r.stderr.trim() || 'The portal configuration could not be checked.')
  process.exit(2)
}

/** Starts the production server (scripts/portal-server.mjs over the standalone build) with the given env; returns the child process. */
export function startPortal(env, { stdio = 'inherit' } = {}) {
  // The production server (Next's handler behind the admission queue) runs from the standalone folder.
  const standalone = prepareStandalone()
  const merged = { ...process.env, ...env }
  // server.js changes its working directory; make relative paths absolute first.
  merged.PORTAL_DATA_DIR = path.resolve(root, merged.PORTAL_DATA_DIR ?? './data')
  merged.HOSTNAME = merged.HOST ?? '127.0.0.1'
  merged.PORT = merged.PORT ?? '3000'
  merged.NEXT_TELEMETRY_DISABLED = '1'
  merged.NODE_ENV = 'production'
  validateConfig(merged)
  return spawn(process.execPath, [path.join(standalone, 'portal-server.mjs')], { cwd: standalone, env: merged, stdio })
}
