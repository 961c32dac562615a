import 'server-only'

import * as rds from '@/lib/aws/rds'
import type { DatabasePowerResult } from '@/lib/domain/actions'
import type { Actor } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { withLock } from '@/lib/locks'
import { err, ok, type Result } from '@/lib/result'

import { audited, authorize, forgetDatabase, locks, targets } from './support'

type Power = 'stop' | 'start'

/** The only state each transition is allowed from (RDS answers InvalidDBInstanceState otherwise). */
export const requiredState = { stop: 'available', start: 'stopped' } as const satisfies Record<Power, string>

/** The 409 for a database in the wrong state, naming the state it is actually in. */
export function wrongState(identifier: string, status: string, power: Power) {
  return appError(
    'conflict',
    `Database ${identifier} is ${status}; it can be ${power === 'stop' ? 'stopped' : 'started'} only when ${requiredState[power]}.`,
    {
      hint:
        status === 'stopping' || status === 'starting'
          ? `Wait until it is ${status === 'stopping' ? 'stopped' : 'available'}.`
          : 'Wait for the current change to finish, then retry.',
    },
  )
}

function power(kind: Power, actor: Actor): Promise<Result<DatabasePowerResult>> {
  const params: Record<string, unknown> = {}
  return audited(actor, `database.${kind}`, targets.database(), params, async () => {
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    return withLock(
      locks.database,
      async () => {
        // Re-read the state from AWS: the page the user clicked on may be seconds old.
        forgetDatabase()
        const current = await rds.getDatabase()
        if (!current.ok) return current
        params.fromStatus = current.data.status
        if (current.data.status !== requiredState[kind]) return err(wrongState(current.data.identifier, current.data.status, kind))
        const changed = kind === 'stop' ? await rds.stopDatabase() : await rds.startDatabase()
        if (!changed.ok) return changed
        return ok({ status: changed.data.status, identifier: changed.data.identifier })
      },
      `database ${kind}`,
    )
  })
}

/**
 * Stops the RDS instance (StopDBInstance). Role: operator. Only from `available`; AWS starts it
 * again by itself after 7 days. Errors: forbidden, conflict (with the actual state, or the lock is held), aws_*.
 */
export const stopDatabase = (actor: Actor): Promise<Result<DatabasePowerResult>> => power('stop', actor)

/** Starts the stopped RDS instance (StartDBInstance). Role: operator. Only from `stopped`. Errors as stopDatabase. */
export const startDatabase = (actor: Actor): Promise<Result<DatabasePowerResult>> => power('start', actor)
