// FIFO admission control for the portal's HTTP server (scripts/portal-server.mjs).
//
// Why: a page render is ~20 ms of CPU on one core. With a few hundred requests in flight at once,
// Node interleaves all of their async steps, so every render slows down and the ones with the most
// steps (large streamed pages) fall far behind — a load test saw p99 14 s and 30 s timeouts while
// the median was 2 s. Admitting a bounded number at a time, first come first served, lets each
// admitted request finish quickly; the rest wait their turn in order, so latency tracks the queue's
// length instead of exploding in the tail. Static assets and the health check are never queued.

/** Requests that are cheap and must never wait behind page renders. */
export function bypassesQueue(url = '') {
  return url.startsWith('/_next/static/') || url === '/api/health' || url.startsWith('/api/health?') || url === '/favicon.ico'
}

/**
 * Returns `admit(req, res, run)`: calls `run()` now when fewer than `limit` requests are running,
 * else queues it (FIFO). A slot is freed when the response finishes or the connection closes. When
 * `maxQueue` requests already wait, or one waited `maxWaitMs`, it is answered 429 `rate_limited`
 * with Retry-After (the portal's error shape; a known condition, never a 500).
 */
export function createAdmission({ limit, maxQueue = 2000, maxWaitMs = 25_000, now = Date.now } = {}) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be an integer >= 1')
  let active = 0
  /** @type {{ res: import('node:http').ServerResponse, start: () => void, queuedAt: number }[]} */
  const queue = []

  const busy = (res) => {
    if (res.headersSent || res.destroyed) return
    const body = JSON.stringify({
      error: { code: 'rate_limited', message: 'The portal is handling too many requests at once.', hint: 'Retry in a few seconds.' },
    })
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '5', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

  const drain = () => {
    while (active < limit && queue.length > 0) {
      const next = queue.shift()
      if (next.res.destroyed || next.res.writableEnded) continue
      if (now() - next.queuedAt > maxWaitMs) {
        busy(next.res)
        continue
      }
      next.start()
    }
  }

  function admit(req, res, run) {
    if (bypassesQueue(req.url)) return run()
    const start = () => {
      active += 1
      let released = false
      const release = () => {
        if (released) return
        released = true
        active -= 1
        drain()
      }
      res.once('finish', release)
      res.once('close', release)
      Promise.resolve()
        .then(run)
        .catch((e) => {
          console.error('request handler failed', e)
          release()
        })
    }
    if (active < limit) return start()
    if (queue.length >= maxQueue) return busy(res)
    const entry = { res, start, queuedAt: now() }
    queue.push(entry)
    // A client that gives up while waiting leaves the queue.
    res.once('close', () => {
      const i = queue.indexOf(entry)
      if (i >= 0) queue.splice(i, 1)
    })
  }

  admit.stats = () => ({ active, queued: queue.length, limit })
  return admit
}
