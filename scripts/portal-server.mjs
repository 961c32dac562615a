// The production HTTP server: Next's own request handler (the same router server `next start` and
// the standalone server.js use, via Next's documented custom-server API) behind FIFO admission
// control (scripts/admission.mjs). scripts/portal-build.mjs copies this file and admission.mjs into
// .next/standalone, so that folder runs on its own (`node portal-server.mjs`, as its server.js
// would). Reads PORT, HOSTNAME, KEEP_ALIVE_TIMEOUT and PORTAL_MAX_CONCURRENT_REQUESTS (the last
// validated by lib/config at start-up).
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { bypassesQueue, createPortalAdmission } from './admission.mjs'

const dir = path.dirname(fileURLToPath(import.meta.url))
process.chdir(dir)
const require = createRequire(path.join(dir, 'server.js'))
// What the generated standalone server.js does before loading Next: hand it the build's config. The
// variable is private to Next (no public option skips loading next.config.js, which the standalone
// folder does not have); scripts/portal-server.test.ts pins the contract so an upgrade that changes it fails there.
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

// What this script shares with the portal's code, by the names lib/process-state gives them:
// `admission` (queue stats, read by lib/metrics), `admission-observer` (set by lib/metrics),
// `request-records` (who made a request and its AWS request ids: lib/request-records), `logger`, and
// `admission-credential-check` (the cheap credential check, set by lib/auth/credentials at start-up).
const shared = (globalThis[Symbol.for('appfactory.portal.process-state')] ??= new Map())
const admit = createPortalAdmission({
  limit,
  isTrusted: (req) => {
    const check = shared.get('admission-credential-check')?.current
    // Before start-up registered the check (it does so before serving), anything credential-shaped counts.
    return check ? check(req.headers) : Boolean(req.headers.authorization || /portal_session=/.test(req.headers.cookie ?? ''))
  },
  onWait: (ms) => shared.get('admission-observer')?.waited(ms),
  onReject: (reason) => shared.get('admission-observer')?.rejected(reason),
})
shared.set('admission', { stats: () => admit.stats() })
/** One log line per request (static assets and health checks aside): status, time, identity, AWS request ids. */
function logRequest(req, res, started) {
  if (bypassesQueue(req.url)) return
  const requestId = res.getHeader('x-request-id')
  const records = shared.get('request-records')
  const record = typeof requestId === 'string' ? records?.get(requestId) : undefined
  if (record) records.delete(requestId)
  let path = ''
  try {
    // The path only: a query string may carry what a user typed.
    path = new URL(req.url ?? '', 'http://portal.local').pathname
  } catch {
    path = '(unparsable)'
  }
  const http = { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }
  if (!res.writableFinished) http.aborted = true
  const fields = {
    http,
    requestId,
    actor: record?.actor,
    actorKind: record?.actorKind,
    awsRequestIds: record?.aws.length ? record.aws : undefined,
  }
  const log = shared.get('logger')?.current
  if (log) log.info(fields, 'request')
  else console.log(JSON.stringify({ level: 'info', time: new Date().toISOString(), app: 'appfactory-portal', ...fields, msg: 'request' }))
}

/** Bodies over 64 KB are refused before they are read or queued (routes also cap bodies sent without a length). */
const MAX_BODY_BYTES = 64 * 1024
function refuseLargeBody(res) {
  const body = JSON.stringify({
    error: {
      code: 'payload_too_large',
      message: 'The request body is larger than 64 KB.',
      hint: 'Send only the fields the endpoint takes.',
    },
  })
  res.writeHead(413, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' })
  res.end(body)
}

const CLIENT_ADDRESS_HEADER = 'x-portal-client-address'

const server = createServer((req, res) => {
  const started = performance.now()
  res.once('close', () => logRequest(req, res, started))
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuseLargeBody(res)
  // The audit log records the address the connection came from; a client cannot choose it.
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? ''
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
  console.log(
    `AppFactory Portal listening on http://${hostname}:${port} (at most ${limit} requests in progress at once, the rest queued in order)`,
  )
})

// A request (headers and body) must arrive within a minute; Node's default is five.
server.requestTimeout = 60_000

/**
 * On SIGTERM/SIGINT: stop accepting, answer whoever still waits in the queue, let requests in
 * progress finish (a mutation writes its audit entry) for up to 10 s, close Next, and exit with the
 * signal's conventional code (143 / 130).
 */
let stopping = false
const shutdown = (signal) => {
  if (stopping) return
  stopping = true
  const code = signal === 'SIGINT' ? 130 : 143
  admit.close()
  setTimeout(() => process.exit(code), 10_000).unref()
  server.close(() => {
    Promise.resolve(app.close())
      .catch((e) => console.error('closing Next failed', e))
      .finally(() => process.exit(code))
  })
  server.closeIdleConnections()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
