import 'server-only'

import {
  getSchedules as readSchedules,
  listRecentScheduleRuns as readRecentScheduleRuns,
  listScheduleRuns as readScheduleRuns,
} from '@/lib/schedules/read'

import { authorized } from './access'

/** The portal's schedules with their next runs, the overview's summary and the overrides in force. Role: viewer. */
export const getSchedules = authorized('viewer', readSchedules)

/** The scheduler's invocations between two times, each minute with the schedules due then. Role: viewer. */
export const listScheduleRuns = authorized('viewer', readScheduleRuns)

/** The scheduler's invocations over the last `days`. Role: viewer. */
export const listRecentScheduleRuns = authorized('viewer', readRecentScheduleRuns)
