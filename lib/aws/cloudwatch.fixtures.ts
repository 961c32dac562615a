/** SDK-shaped CloudWatch answers for cloudwatch.test.ts (never imported by app code). */
import type { AlarmHistoryItem, MetricAlarm } from '@aws-sdk/client-cloudwatch'

export const alarms: MetricAlarm[] = [
  {
    AlarmName: 'appfactory-rds-cpu-high',
    AlarmArn: 'arn:aws:cloudwatch:eu-central-1:082609687527:alarm:appfactory-rds-cpu-high',
    AlarmDescription: 'RDS CPU > 80%',
    StateValue: 'OK',
    StateReason: 'Threshold Crossed: 1 datapoint [12.0] was not greater than the threshold (80.0).',
    StateUpdatedTimestamp: new Date('2026-03-01T10:00:00Z'),
    StateTransitionedTimestamp: new Date('2026-03-01T09:00:00Z'),
    Namespace: 'AWS/RDS',
    MetricName: 'CPUUtilization',
    Statistic: 'Average',
    Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'appfactory-db' }],
    Period: 300,
    EvaluationPeriods: 2,
    Threshold: 80,
    ComparisonOperator: 'GreaterThanThreshold',
  },
  {
    AlarmName: 'appfactory-apprunner-5xx-errors',
    StateValue: 'ALARM',
    StateReason: 'Threshold Crossed',
    StateUpdatedTimestamp: new Date('2026-03-02T10:00:00Z'),
    Namespace: 'AWS/AppRunner',
    MetricName: '5xxStatusResponses',
    ExtendedStatistic: 'p99',
  },
  { AlarmName: 'appfactory-rds-storage-low', StateValue: 'INSUFFICIENT_DATA' },
]

export const history: AlarmHistoryItem[] = [
  {
    AlarmName: 'appfactory-rds-cpu-high',
    AlarmType: 'MetricAlarm',
    Timestamp: new Date('2026-03-01T09:00:00Z'),
    HistoryItemType: 'StateUpdate',
    HistorySummary: 'Alarm updated from ALARM to OK',
  },
]
