// FIFO admission control for the portal's HTTP server (scripts/portal-server.mjs).
//
// Why: a page render is ~20 ms of CPU on one core. With a few hundred requests in flight at once,
// Node interleaves all of their async steps, so every render slows down and the ones with the most
// steps (large streamed pages) fall far behind — a load test saw p99 14 s and 30 s timeouts while
// the median was 2 s. Admitting a bounded number at a time, first come first served, lets each
// admitted request finish quickly; the rest wait their turn in order, so latency tracks the queue's
// length instead of exploding in the tail.
//
// A slot is a lease: a request that is still running after `leaseMs` (waiting on a slow AWS call, a
// slow client, a body that trickles in) hands its slot to the next in line and carries on outside
// the limit. So a slow AWS service delays only the panels that read it, never every page, and nobody
// can hold the server by sending slowly. Static assets and the health check are never queued.

/** The request's path as Next routes it (dot segments and percent-encoding resolved), '' when unparsable. */
function routedPath(url = '') {
  try {
    return new URL(url, 'http://portal.local').pathname
  } catch {
    return ''
  }
}

/** Requests that are cheap and must never wait behind page renders. */
export function bypassesQueue(url = '') {
  const p = routedPath(url)
  return p.startsWith('/_next/static/') || p === '/api/health' || p === '/favicon.ico'
}

/** 429 `rate_limited` in the portal's error shape (JSON), or a short page for a browser navigation. */
function sendBusy(req, res, message = 'The portal is handling too many requests at once.') {
  if (res.headersSent || res.destroyed || res.writableEnded) return
  const wantsHtml = /text\/html/.test(req.headers?.accept ?? '') && !req.headers?.rsc
  const body = wantsHtml
    ? `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Busy · AppFactory Portal</title></head><body><main><h1>The portal is busy</h1><p>${message} This page reloads in 5 seconds.</p></main></body></html>`
    : JSON.stringify({ error: { code: 'rate_limited', message, hint: 'Retry in a few seconds.' } })
  // (The page text is fixed; nothing from the request goes into it.)
  res.writeHead(429, {
    'content-type': wantsHtml ? 'text/html; charset=utf-8' : 'application/json',
    'retry-after': '5',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

/**
 * Returns `admit(req, res, run)`: calls `run()` now when fewer than `limit` leases are held, else
 * queues it (FIFO). A lease ends when the response finishes or the connection closes, or after
 * `leaseMs`. A request that would wait behind `maxQueue` others, or has waited `maxWaitMs`, is
 * answered 429 with Retry-After (a known condition, never a 500). `close()` answers everyone still
 * waiting and refuses new requests (shutdown). `onWait(ms)` hears how long each admitted request
 * waited (0 when it went straight in), `onReject(reason)` each refusal (`full`, `timeout`, `shutdown`).
 */
export function createAdmission({
  limit,
  leaseMs = 2000,
  maxQueue = 2000,
  maxWaitMs = 25_000,
  setTimer = setTimeout,
  clearTimer = clearTimeout,
  now = Date.now,
  onWait = () => {},
  onReject = () => {},
} = {}) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be an integer >= 1')
  let leased = 0
  let closed = false
  /** @type {{ req: unknown, res: import('node:http').ServerResponse, start: () => void, timer: unknown, queuedAt: number }[]} */
  const queue = []

  const drain = () => {
    while (leased < limit && queue.length > 0) {
      const next = queue.shift()
      clearTimer(next.timer)
      if (next.res.destroyed || next.res.writableEnded) continue
      onWait(now() - next.queuedAt)
      next.start()
    }
  }

  function admit(req, res, run) {
    if (closed) {
      onReject('shutdown')
      return sendBusy(req, res, 'The portal is restarting.')
    }
    if (bypassesQueue(req.url)) return run()
    const start = () => {
      leased += 1
      let released = false
      const release = () => {
        if (released) return
        released = true
        clearTimer(lease)
        leased -= 1
        drain()
      }
      const lease = setTimer(release, leaseMs)
      lease?.unref?.()
      res.once('finish', release)
      res.once('close', release)
      Promise.resolve()
        .then(run)
        .catch((e) => {
          // `run` is Next's handler, which answers its own errors; reaching here is a bug.
          console.error(`request handler failed for ${req.url}`, e)
          if (!res.headersSent && !res.destroyed) {
            const body = JSON.stringify({
              error: {
                code: 'aws_error',
                message: 'The portal failed to answer this request.',
                hint: 'Retry; if it persists, check the server log.',
              },
            })
            res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
            res.end(body)
          } else if (!res.writableEnded) res.end()
          release()
        })
    }
    if (leased < limit) {
      onWait(0)
      return start()
    }
    if (queue.length >= maxQueue) {
      onReject('full')
      return sendBusy(req, res)
    }
    const entry = { req, res, start, timer: undefined, queuedAt: now() }
    entry.timer = setTimer(() => {
      const i = queue.indexOf(entry)
      if (i >= 0) queue.splice(i, 1)
      onReject('timeout')
      sendBusy(req, res)
    }, maxWaitMs)
    entry.timer?.unref?.()
    queue.push(entry)
    // A client that gives up while waiting leaves the queue.
    res.once('close', () => {
      const i = queue.indexOf(entry)
      if (i >= 0) {
        queue.splice(i, 1)
        clearTimer(entry.timer)
      }
    })
  }

  admit.stats = () => ({ active: leased, queued: queue.length, limit })
  admit.close = () => {
    closed = true
    for (const entry of queue.splice(0)) {
      clearTimer(entry.timer)
      onReject('shutdown')
      sendBusy(entry.req, entry.res, 'The portal is restarting.')
    }
  }
  return admit
}
