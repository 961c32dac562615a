/**
 * The App Runner service's app under /_app/<service-id>/…: answers its health path (and everything
 * else) from the state of the world, as the real app would — 503 with the reason while it cannot reach
 * its database, 503 while the service is paused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import { worldNow } from '../world/clock'
import { appHealth } from '../world/health'
import { sendJson } from './http'
import type { EmulatorState } from './state'
import { advance } from './advance'

export function serveApp(state: EmulatorState, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const [, , id, ...rest] = url.pathname.split('/')
  const world = state.world
  const s = world.service
  if (!s || id !== s.id || s.status === 'DELETED') return sendJson(res, 404, { status: 'error', reason: 'no such service' })
  advance(world, worldNow(world))
  if (!s.operations.some((o) => o.status === 'SUCCEEDED'))
    return sendJson(res, 404, { status: 'error', reason: 'The App Runner service has no running version yet.' })
  if (s.status === 'PAUSED')
    return sendJson(res, 503, { status: 'error', reason: 'The App Runner service is paused; resume it to serve traffic.' })
  const path = `/${rest.join('/')}`
  const health = appHealth(world)
  if (path === s.healthCheck.path || path === '/health') {
    return health.ok ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 503, { status: 'error', reason: health.reason })
  }
  if (!health.ok) return sendJson(res, 503, { status: 'error', reason: health.reason })
  const tag = s.imageIdentifier.slice(s.imageIdentifier.lastIndexOf(':') + 1)
  return sendJson(res, 200, { app: 'appfactory', version: tag, method: req.method })
}
