import 'server-only'

import { getEnvironmentJob as readJob, latestEnvironmentJob as readLatestJob } from '@/lib/actions/environment'
import type { EnvironmentJob } from '@/lib/domain/actions'
import { ok, type Result } from '@/lib/result'

import { authorized } from './access'

/** A sleep/wake job with the live status of each step. Role: viewer. */
export const getEnvironmentJob = authorized('viewer', async (id: string) => readJob(id))

/** The latest sleep/wake job, run by any replica (null when none). Role: viewer. */
export const latestEnvironmentJob = authorized('viewer', async (): Promise<Result<{ job: EnvironmentJob | null }>> =>
  ok({ job: await readLatestJob() }),
)
