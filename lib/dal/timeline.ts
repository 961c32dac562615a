import 'server-only'

import { getTimeline as readTimeline } from '@/lib/timeline/read'

import { authorized } from './access'

/**
 * Every change in a window (`since`, `until`, `kinds` as a request gives them), newest first, with the
 * sources that could not be read. Role: viewer.
 */
export const getTimeline = authorized('viewer', readTimeline)
