// The portal under Playwright: build if needed, start the standalone server; its output is also
// written to PORTAL_LOG_FILE so the leak scan can read every log line.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'

import { buildIfNeeded, root, startPortal } from './portal-build.mjs'

buildIfNeeded()
const dataDir = path.resolve(root, process.env.PORTAL_DATA_DIR ?? './test-results/portal-data')
rmSync(dataDir, { recursive: true, force: true })
mkdirSync(dataDir, { recursive: true })
const logFile = path.resolve(root, process.env.PORTAL_LOG_FILE ?? './test-results/portal.log')
mkdirSync(path.dirname(logFile), { recursive: true })
const log = createWriteStream(logFile)

const child = startPortal({ PORTAL_DATA_DIR: dataDir }, { stdio: ['ignore', 'pipe', 'pipe'] })
// The JSON log lines go to the file only (the leak scan reads it); errors are echoed for the test output.
child.stdout?.on('data', (chunk) => log.write(chunk))
child.stderr?.on('data', (chunk) => {
  log.write(chunk)
  process.stderr.write(chunk)
})
const stop = () => child.kill('SIGTERM')
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
child.on('exit', (code) => process.exit(code ?? 0))
