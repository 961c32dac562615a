/**
 * CloudWatch PutMetricAlarm for an alarm on one metric: after the model's checks (./core), the rules
 * CloudWatch applies to the combination of members, each refused with its ValidationError or
 * InvalidParameterCombination; then the alarm is created (INSUFFICIENT_DATA, "Unchecked: Initial alarm
 * creation") or its configuration replaced, and evaluated against the world's metrics from then on.
 * Metric math, anomaly detection and PromQL alarms are refused as the emulator cannot evaluate them.
 */
import { bool, list, num, records, str, strings } from '../core/input'
import { AwsError, type Handler } from '../core/types'
import { putAlarm, type AlarmConfiguration } from '../world/alarms'
import type { AlarmState } from '../world/shapes'
import { invalidCombination } from './monitoring-alarms'

const validationError = (message: string) => new AwsError('ValidationException', message, 400, 'ValidationError')

const STATISTICS: readonly AlarmState['statistic'][] = ['Average', 'Sum', 'Maximum', 'Minimum', 'SampleCount']
const COMPARISONS: readonly AlarmState['comparison'][] = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
]
const MISSING: readonly AlarmState['treatMissingData'][] = ['breaching', 'notBreaching', 'ignore', 'missing']

const isStatistic = (v: string | undefined): v is AlarmState['statistic'] => STATISTICS.some((x) => x === v)
const isComparison = (v: string | undefined): v is AlarmState['comparison'] => COMPARISONS.some((x) => x === v)
const isMissing = (v: string | undefined): v is AlarmState['treatMissingData'] => MISSING.some((x) => x === v)

/** Alarm actions CloudWatch takes: SNS topics, EC2 actions, Auto Scaling policies, Systems Manager, Lambda. */
const ACTION_ARN =
  /^arn:aws[a-z-]*:(sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}|automate:[a-z0-9-]+:ec2:(stop|terminate|reboot|recover)|autoscaling:[a-z0-9-]+:\d{12}:scalingPolicy:.+|ssm(-incidents)?:[a-z0-9-]*:\d{12}:.+|lambda:[a-z0-9-]+:\d{12}:function:.+)$/

function actions(input: Record<string, unknown>, member: string): string[] {
  const arns = strings(input[member]) ?? []
  for (const arn of arns) if (!ACTION_ARN.test(arn)) throw validationError(`Invalid arn syntax: ${arn}`)
  return arns
}

const DAY_S = 86_400

/** The alarm's configuration from a PutMetricAlarm input, or the error CloudWatch answers it with. */
function configuration(input: Record<string, unknown>): AlarmConfiguration {
  const name = str(input.AlarmName) ?? ''
  if (input.EvaluationCriteria !== undefined || input.EvaluationInterval !== undefined)
    throw validationError('The emulated CloudWatch evaluates alarms on one metric; PromQL alarms are not served.')
  if (list(input.Metrics).length > 0 || input.ThresholdMetricId !== undefined) {
    const single = ['MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic', 'Dimensions', 'Period', 'Unit'].filter(
      (k) => input[k] !== undefined,
    )
    if (single.length > 0) throw invalidCombination(`Metrics cannot be specified together with ${single.join(', ')}.`)
    throw validationError(
      'The emulated CloudWatch evaluates alarms on one metric; metric math and anomaly detection alarms are not served.',
    )
  }
  const metricName = str(input.MetricName)
  const namespace = str(input.Namespace)
  if (metricName === undefined || namespace === undefined)
    throw validationError('One of MetricName and Namespace, or Metrics, must be specified for an alarm.')
  const statistic = str(input.Statistic)
  const extended = str(input.ExtendedStatistic)
  if ((statistic === undefined) === (extended === undefined))
    throw invalidCombination('Exactly one of Statistic and ExtendedStatistic must be specified.')
  if (!isStatistic(statistic))
    throw validationError('The emulated CloudWatch evaluates alarms on Statistic; ExtendedStatistic (percentiles) is not served.')
  const period = num(input.Period)
  if (period === undefined) throw validationError('Period must be specified for an alarm on a metric.')
  const evaluationPeriods = num(input.EvaluationPeriods)
  if (evaluationPeriods === undefined) throw validationError('EvaluationPeriods must be specified.')
  const comparison = str(input.ComparisonOperator)
  if (comparison === undefined) throw validationError('ComparisonOperator must be specified.')
  if (!isComparison(comparison))
    throw invalidCombination(`ComparisonOperator ${comparison} is for anomaly detection alarms, which need ThresholdMetricId.`)
  const threshold = num(input.Threshold)
  if (threshold === undefined) throw validationError('Threshold must be specified for an alarm on a static threshold.')
  const datapointsToAlarm = num(input.DatapointsToAlarm) ?? evaluationPeriods
  if (datapointsToAlarm > evaluationPeriods) throw validationError('DatapointsToAlarm must be less than or equal to EvaluationPeriods')
  const window = period * evaluationPeriods
  if (window > 7 * DAY_S || (period < 3600 && window > DAY_S))
    throw validationError(
      `The evaluation range (Period × EvaluationPeriods = ${window} s) must not exceed 1 day for periods under 1 hour, or 7 days.`,
    )
  const treat = str(input.TreatMissingData) ?? 'missing'
  if (!isMissing(treat)) throw validationError(`TreatMissingData must be one of ${MISSING.join(', ')}; got ${treat}.`)
  const dimensions = records(input.Dimensions).map((d) => ({ name: str(d.Name) ?? '', value: str(d.Value) ?? '' }))
  if (new Set(dimensions.map((d) => d.name)).size !== dimensions.length)
    throw invalidCombination('No metric has the same dimension name twice.')
  return {
    name,
    description: str(input.AlarmDescription) ?? '',
    namespace,
    metricName,
    statistic,
    dimensions,
    period,
    unit: str(input.Unit),
    evaluationPeriods,
    datapointsToAlarm,
    threshold,
    comparison,
    treatMissingData: treat,
    actionsEnabled: bool(input.ActionsEnabled) ?? true,
    alarmActions: actions(input, 'AlarmActions'),
    okActions: actions(input, 'OKActions'),
    insufficientDataActions: actions(input, 'InsufficientDataActions'),
  }
}

/** Alarms per account and region (CloudWatch's default quota). */
const MAX_ALARMS = 10_000

export const putMetricAlarm: Handler = (input, ctx) => {
  const config = configuration(input)
  // Another region (an empty account here) takes the alarm but it has nowhere to live: refuse plainly.
  if (!ctx.world) throw validationError('The emulated account exists only in eu-central-1.')
  if (!ctx.world.alarms.some((a) => a.name === config.name) && ctx.world.alarms.length >= MAX_ALARMS)
    throw new AwsError('LimitExceededFault', `The maximum of ${MAX_ALARMS} alarms has been reached.`, 400, 'LimitExceeded')
  putAlarm(ctx.world.alarms, config, ctx.now)
  return {}
}
