import 'server-only'

import type { TimelineSource } from './source'
import { alarmSource } from './sources/alarms'
import { auditSource } from './sources/audit'
import { databaseSource } from './sources/database'
import { deploymentSource } from './sources/deployments'
import { imageSource } from './sources/images'
import { scheduleSource } from './sources/schedules'

/** Every place the timeline reads changes from. A new source is one `defineSource({…})` module under ./sources and one entry here. */
export const timelineSources: readonly TimelineSource[] = [
  deploymentSource,
  alarmSource,
  databaseSource,
  imageSource,
  scheduleSource,
  auditSource,
]
