import 'server-only'

import { getCostReport as readCostReport } from '@/lib/cost-report'

import { authorized } from './access'

/** The always-on estimate, the projection with the schedules and what was saved this month. Role: viewer. */
export const getCostReport = authorized('viewer', readCostReport)
