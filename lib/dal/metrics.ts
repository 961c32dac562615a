import 'server-only'

import { getAlarmHistory as readAlarmHistory, getMetrics as readMetrics, listAlarms as readAlarms } from '@/lib/aws/cloudwatch'

import { authorized } from './access'

/** Every App Runner and RDS series for a range (one GetMetricData call). Role: viewer. */
export const getMetrics = authorized('viewer', readMetrics)

/** The AppFactory alarms with their state. Role: viewer. */
export const listAlarms = authorized('viewer', readAlarms)

/** One alarm's state changes, newest first. Role: viewer. */
export const getAlarmHistory = authorized('viewer', readAlarmHistory)
