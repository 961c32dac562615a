import 'server-only'

import { previewPlannedAlarms as readPlannedAlarms } from '@/lib/actions/setup-alarms'
import { getSetup as readSetup, setupLooksIncomplete as looksIncomplete } from '@/lib/setup'
import { ok } from '@/lib/result'

import { authorized } from './access'

/** The AWS setup's seven steps read live: status, evidence and what to do. Role: viewer. */
export const getSetup = authorized('viewer', () => readSetup())

/** Whether the overview's setup card may have something to say (cheap: reads the overview shares). Role: viewer. */
export const setupLooksIncomplete = authorized('viewer', async () => ok(await looksIncomplete()))

/** The four planned alarms as they would be created, and where each stands. Role: viewer. */
export const previewPlannedAlarms = authorized('viewer', () => readPlannedAlarms())
