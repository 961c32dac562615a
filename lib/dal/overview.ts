import 'server-only'

import type { Environment, Overview } from '@/lib/domain/overview'
import { getEnvironment as readEnvironment, getOverview as readOverview, overviewSections } from '@/lib/overview'
import { ok, type Result } from '@/lib/result'

import { authorized } from './access'

/** Everything the overview shows; each section succeeds or fails alone. Role: viewer. */
export const getOverview = authorized('viewer', async (): Promise<Result<Overview>> => ok(await readOverview()))

/** Where the portal points and who STS says it is. Role: viewer. */
export const getEnvironment = authorized('viewer', async (): Promise<Result<Environment>> => ok(await readEnvironment()))

/**
 * The overview's sections as its panels read them (the same reads and windows `GET /api/overview`
 * builds its answer from), each for a verified viewer.
 */
export const overviewReads = {
  service: authorized('viewer', overviewSections.service),
  health: authorized('viewer', overviewSections.health),
  operations: authorized('viewer', overviewSections.operations),
  database: authorized('viewer', overviewSections.database),
  alarms: authorized('viewer', overviewSections.alarms),
  metrics: authorized('viewer', overviewSections.metrics),
  images: authorized('viewer', overviewSections.images),
}
