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
//
// Requests without valid credentials never wait in the same line as signed-in users: they have a
// small lane of their own (a couple at a time, a short queue, a few places per client address), so a
// flood of anonymous requests cannot fill the queue people and automation tokens wait in.

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
/** The connection's remote address (the key of the per-client cap). */
const clientOf = (req) => req.socket?.remoteAddress ?? ''

export function createAdmission({
  limit,
  leaseMs = 2000,
  maxQueue = 2000,
  maxQueuedPerClient = Infinity,
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
  /** @type {{ req: unknown, res: import('node:http').ServerResponse, start: () => void, timer: unknown, client: string, queuedAt: number }[]} */
  const queue = []
  /** Queued requests per client address. */
  const perClient = new Map()
  const dequeued = (entry) => {
    const n = (perClient.get(entry.client) ?? 1) - 1
    if (n > 0) perClient.set(entry.client, n)
    else perClient.delete(entry.client)
  }

  const drain = () => {
    while (leased < limit && queue.length > 0) {
      const next = queue.shift()
      clearTimer(next.timer)
      dequeued(next)
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
    const client = clientOf(req)
    if (queue.length >= maxQueue || (perClient.get(client) ?? 0) >= maxQueuedPerClient) {
      onReject('full')
      return sendBusy(req, res)
    }
    const entry = { req, res, start, timer: undefined, client, queuedAt: now() }
    const leave = () => {
      const i = queue.indexOf(entry)
      if (i < 0) return false
      queue.splice(i, 1)
      dequeued(entry)
      return true
    }
    entry.timer = setTimer(() => {
      leave()
      onReject('timeout')
      sendBusy(req, res)
    }, maxWaitMs)
    entry.timer?.unref?.()
    queue.push(entry)
    perClient.set(client, (perClient.get(client) ?? 0) + 1)
    // A client that gives up while waiting leaves the queue.
    res.once('close', () => {
      if (leave()) clearTimer(entry.timer)
    })
  }

  admit.stats = () => ({ active: leased, queued: queue.length, limit })
  admit.close = () => {
    closed = true
    perClient.clear()
    for (const entry of queue.splice(0)) {
      clearTimer(entry.timer)
      onReject('shutdown')
      sendBusy(entry.req, entry.res, 'The portal is restarting.')
    }
  }
  return admit
}

/**
 * The portal's admission: requests that carry valid credentials (`isTrusted(req)`, a token or a
 * validly signed session cookie) share the main FIFO lane of `limit`; everything else goes through a
 * small lane of its own (`anonymous`), so unauthenticated traffic can neither fill the main queue nor
 * take its slots. Static assets and the health check bypass both.
 */
export function createPortalAdmission({
  limit,
  isTrusted,
  anonymous = { limit: 2, maxQueue: 64, maxQueuedPerClient: 8, maxWaitMs: 10_000 },
  ...options
}) {
  const trusted = createAdmission({ limit, ...options })
  const untrusted = createAdmission({ ...options, ...anonymous })
  const admit = (req, res, run) => {
    if (bypassesQueue(req.url)) return run()
    let isSignedIn = false
    try {
      isSignedIn = isTrusted(req)
    } catch (e) {
      // A failing check is a bug; the request then waits in the small lane rather than failing.
      console.error('credential check failed', e)
    }
    return (isSignedIn ? trusted : untrusted)(req, res, run)
  }
  admit.stats = () => ({ ...trusted.stats(), anonymous: untrusted.stats() })
  admit.close = () => {
    trusted.close()
    untrusted.close()
  }
  return admit
}
