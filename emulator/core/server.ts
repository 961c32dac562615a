/**
 * The emulator's HTTP server: one endpoint for every AWS service (POST /, see ./dispatch), the control
 * surface under /_emulator/ (./control), and the service's app under /_app/<id> (./app).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { SERVICE_ID } from '../world/constants'
import type { World } from '../world/shapes'
import { serveApp } from './app'
import { serveControl } from './control'
import { serveAws } from './dispatch'
import { sendJson } from './http'
import { createState, type EmulatorOptions, type EmulatorState } from './state'

export type { EmulatorOptions } from './state'
export type { Fault } from './faults'
export { parseFault } from './faults'

export type Emulator = {
  url: string
  port: number
  close(): Promise<void>
  world(): World
  /** Answers that did not fit their output shape (with `checkOutputs`); empty when every answer did. */
  outputProblems(): string[]
}

/** Starts the emulator on 127.0.0.1. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1'
  let state: EmulatorState | undefined

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!state) return sendJson(res, 503, { error: 'the emulator is starting' })
    const url = new URL(req.url ?? '/', 'http://emulator.local')
    if (url.pathname.startsWith('/_emulator/')) return serveControl(state, req, res, url)
    if (url.pathname.startsWith('/_app/')) return serveApp(state, req, res, url)
    // AWS calls: POST for the JSON and query protocols; any method for restJson1 services, which are signed.
    if (req.method === 'POST' || req.headers.authorization !== undefined) return serveAws(state, req, res)
    sendJson(res, 404, {
      error: `No route for ${req.method ?? 'GET'} ${url.pathname}. AWS calls are signed requests (POST / for most services); the control surface lives under /_emulator/.`,
    })
  }
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[emulator] request failed:', e)
      if (!res.headersSent) sendJson(res, 500, { error: 'internal emulator error' })
      else res.end()
    })
  })
  // Idle keep-alive connections stay open as long as at AWS's front door. With Node's 5 s default, a
  // client sending on a socket the emulator was closing at that instant got ECONNRESET (SDK clients
  // with retries off then failed a test at random under load).
  server.keepAliveTimeout = 60_000
  server.headersTimeout = 61_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 4566, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  try {
    state = createState(opts, `${host}:${port}/_app/${SERVICE_ID}`)
  } catch (e) {
    server.close()
    throw e
  }
  const ready = state

  return {
    url: `http://${host}:${port}`,
    port,
    world: () => ready.world,
    outputProblems: () => [...ready.outputProblems],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}
