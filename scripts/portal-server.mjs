// The production HTTP server: Next's own request handler (the same router server `next start` and
// the standalone server.js use, via Next's documented custom-server API) behind FIFO admission
// control (scripts/admission.mjs). Started by scripts/portal-build.mjs with the working directory
// set to .next/standalone; reads PORT, HOSTNAME, KEEP_ALIVE_TIMEOUT and PORTAL_MAX_CONCURRENT_REQUESTS
// (the last validated by lib/config at start-up).
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'

import { createAdmission } from './admission.mjs'

const dir = process.cwd()
const require = createRequire(path.join(dir, 'server.js'))
// What the generated standalone server.js does before loading Next: hand it the build's config.
const { config } = require('./.next/required-server-files.json')
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config)
process.env.NODE_ENV = 'production'

const port = Number.parseInt(process.env.PORT ?? '', 10) || 3000
const hostname = process.env.HOSTNAME || '127.0.0.1'
const limit = Number.parseInt(process.env.PORTAL_MAX_CONCURRENT_REQUESTS ?? '', 10) || 16

const next = require('next')
const app = next({ dev: false, dir, hostname, port, conf: config })
await app.prepare()
const handle = app.getRequestHandler()
const admit = createAdmission({ limit })

const server = createServer((req, res) => {
  admit(req, res, () =>
    handle(req, res).catch((e) => {
      console.error(`Failed to handle request for ${req.url}`, e)
      if (!res.headersSent) {
        res.statusCode = 500
        res.end('Internal Server Error')
      } else res.end()
    }),
  )
})
// As Next's generated server.js: KEEP_ALIVE_TIMEOUT (ms) for a proxy in front that keeps connections longer.
const keepAliveTimeout = Number.parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? '', 10)
if (Number.isFinite(keepAliveTimeout) && keepAliveTimeout >= 0) server.keepAliveTimeout = keepAliveTimeout
server.on('error', (e) => {
  console.error('The portal server failed to start', e)
  process.exit(1)
})
server.listen(port, hostname, () => {
  console.log(`AppFactory Portal listening on http://${hostname}:${port} (at most ${limit} requests in progress at once, the rest queued in order)`)
})

const shutdown = () => {
  server.close(() => process.exit(0))
  // Streaming responses may keep sockets open; do not wait for them forever.
  setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
