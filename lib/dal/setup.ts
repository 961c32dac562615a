import 'server-only'

import { previewPlannedAlarms as readPlannedAlarms } from '@/lib/actions/setup-alarms'
import { getSetup as readSetup } from '@/lib/setup'

import { authorized } from './access'

/** The AWS setup's seven steps read live: status, evidence and what to do. Role: viewer. */
export const getSetup = authorized('viewer', () => readSetup())

/** The four planned alarms as they would be created, and where each stands. Role: viewer. */
export const previewPlannedAlarms = authorized('viewer', () => readPlannedAlarms())
