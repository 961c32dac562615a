import 'server-only'

import type { Environment, Overview } from '@/lib/domain/overview'
import { getEnvironment as readEnvironment, getOverview as readOverview } from '@/lib/overview'
import { ok, type Result } from '@/lib/result'

import { authorized } from './access'

/** Everything the overview shows; each section succeeds or fails alone. Role: viewer. */
export const getOverview = authorized('viewer', async (): Promise<Result<Overview>> => ok(await readOverview()))

/** Where the portal points and who STS says it is. Role: viewer. */
export const getEnvironment = authorized('viewer', async (): Promise<Result<Environment>> => ok(await readEnvironment()))
