import 'server-only'

import { getDatabase as readDatabase, listDatabaseEvents as readDatabaseEvents } from '@/lib/aws/rds'
import type { DbEvent } from '@/lib/domain/database'
import { getNetworkPath as readNetworkPath } from '@/lib/network'
import { ok, type Result } from '@/lib/result'

import { authorized } from './access'

/** The RDS instance. Role: viewer. */
export const getDatabase = authorized('viewer', readDatabase)

/** Recent events of the RDS instance, newest first, with the time they were read. Role: viewer. */
export const listDatabaseEvents = authorized('viewer', async (): Promise<Result<{ events: DbEvent[]; fetchedAt: string }>> => {
  const events = await readDatabaseEvents()
  return events.ok ? ok({ events: events.data, fetchedAt: new Date().toISOString() }) : events
})

/** The network path from the service to the database (security groups read with EC2), each side on its own. Role: viewer. */
export const getNetworkPath = authorized('viewer', readNetworkPath)
