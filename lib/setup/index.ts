import 'server-only'

import { listAlarms } from '@/lib/aws/cloudwatch'
import { getDatabase } from '@/lib/aws/rds'
import { runtime } from '@/lib/aws/runtime'
import { config } from '@/lib/config'
import type { Setup } from '@/lib/domain/setup'
import { isNotCreated } from '@/lib/domain/setup.values'
import { ok, type Result } from '@/lib/result'

import { coveringAlarms, databaseAlarms, plannedAlarmDefinitions } from './alarm-plan'
import { readSetup } from './read'
import { setupSteps } from './steps'

/**
 * The AWS setup's seven steps read live (`GET /api/setup`, the setup page, the overview's setup card).
 * Never fails as a whole: a step whose reads failed is `unknown` with the error.
 */
export async function getSetup(): Promise<Result<Setup>> {
  const evidence = await readSetup()
  return ok({ steps: setupSteps(evidence), fetchedAt: evidence.now.toISOString() })
}

/**
 * Whether the overview's setup card may have something to say, decided from reads the overview makes
 * anyway (the runtime service, the database and the alarms: cached and shared with its panels), so an
 * account whose setup is done pays nothing for the card: true when the service or the database does
 * not exist yet (or has no endpoint yet), or a planned alarm is missing; false when all exist, or when
 * one of those reads failed (its panel says why). The IAM and CloudTrail evidence of the other steps
 * is read where it is shown: /setup and the checks.
 */
export async function setupLooksIncomplete(): Promise<boolean> {
  const [service, database, alarms] = await Promise.all([runtime.getService(), getDatabase(), listAlarms()])
  if (!database.ok) return database.error.code === 'not_found'
  if (!service.ok || !alarms.ok) return false
  if (isNotCreated(service.data) || !database.data.endpoint) return true
  const planned = plannedAlarmDefinitions(
    runtime.plannedAlarms(service.data),
    databaseAlarms(config().rdsInstance, database.data.allocatedStorageGb),
  )
  return planned.some((p) => coveringAlarms(alarms.data.alarms, p).length === 0)
}
