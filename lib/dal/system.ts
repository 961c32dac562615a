import 'server-only'

import { AsyncLocalStorage } from 'node:async_hooks'

import { headers } from 'next/headers'

import { config } from '@/lib/config'
import type { Actor } from '@/lib/domain/auth'
import { processState } from '@/lib/process-state'

/*
 * The one trusted context without a request: a local command such as `npm run checks`, run by
 * whoever holds the machine's AWS credentials. It is entered explicitly (never inferred from "there
 * is no request"), only outside the Next.js server, and only by the scripts ESLint allows to import
 * this module.
 */

const scope = processState('dal-system-scope', () => new AsyncLocalStorage<Actor>())

/** True while serving a web request (Next's request scope is active). */
async function isInRequestScope(): Promise<boolean> {
  try {
    await headers()
    return true
  } catch {
    // Outside a request scope: headers() refuses.
    return false
  }
}

/**
 * Runs `fn` as the system actor `system:<purpose>` (role viewer: it reads, it never changes AWS).
 * Throws inside the portal server or a web request: there, every read needs a verified person or token.
 */
export async function runAsSystem<T>(purpose: string, fn: () => Promise<T>): Promise<T> {
  if (config().isNextServer || (await isInRequestScope()))
    throw new Error('runAsSystem is only for local commands, never inside the portal server')
  const actor: Actor = { id: `system:${purpose}`, name: purpose, role: 'viewer', kind: 'system' }
  return scope.run(actor, fn)
}

/** The system actor of the local command this code runs in, if any. */
export const systemActor = (): Actor | undefined => scope.getStore()
