import 'server-only'

import * as rds from '@/lib/aws/rds'
import type { DatabasePowerResult } from '@/lib/domain/actions'
import { canPowerDatabase, databasePower, type DatabasePower } from '@/lib/domain/database.values'
import type { Actor } from '@/lib/domain/auth'
import { appError } from '@/lib/domain/errors'
import { withLock } from '@/lib/locks'
import { err, ok, type Result } from '@/lib/result'

import { audited, authorize, fresh, locks, targets } from './support'

/** The 409 for a database in the wrong state, naming the state it is actually in. */
export function wrongState(identifier: string, status: string, power: DatabasePower) {
  const passing = Object.values(databasePower).find((p) => p.via === status)
  return appError(
    'conflict',
    `Database ${identifier} is ${status}; it can be ${power === 'stop' ? 'stopped' : 'started'} only when ${databasePower[power].from}.`,
    { hint: passing ? `Wait until it is ${passing.to}.` : 'Wait for the current change to finish, then retry.' },
  )
}

function power(kind: DatabasePower, actor: Actor): Promise<Result<DatabasePowerResult>> {
  const params: Record<string, unknown> = {}
  return audited(actor, `database.${kind}`, targets.database(), params, async () => {
    const allowed = authorize(actor, 'operator')
    if (!allowed.ok) return allowed
    return withLock(
      locks.database,
      async () => {
        // Re-read the state from AWS: the page the user clicked on may be seconds old.
        const current = await fresh(rds.getDatabase)
        if (!current.ok) return current
        params.fromStatus = current.data.status
        if (!canPowerDatabase(current.data.status, kind)) return err(wrongState(current.data.identifier, current.data.status, kind))
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
