/**
 * Constraints AWS enforces that its service models only document in prose (so the model extract cannot
 * carry them): RDS's `MaxRecords` 20–100, CloudWatch's periods of 1, 5, 10, 20, 30 s or a multiple of
 * 60 s, CloudTrail's single lookup attribute. Checked after the model, with each service's own error.
 */
import { AwsError } from '../core/types'
import type { ServiceName } from '../models/sources'
import type { PathSegment } from './validate'
import { queryPath } from './validation-errors'

export type DocumentedRule = {
  service: ServiceName
  operation: string
  /** Member path from the input's top; `[]` stands for every item of a list. */
  path: string
  /** The error for a value the rule refuses (`at` is the concrete path), or undefined when the value is fine. */
  check: (value: unknown, at: PathSegment[]) => AwsError | undefined
  /** A value the rule refuses, for the table-driven contract test. */
  example: unknown
}

const rdsMaxRecords = (operation: string): DocumentedRule => ({
  service: 'rds',
  operation,
  path: 'MaxRecords',
  check: (v) =>
    typeof v === 'number' && (v < 20 || v > 100)
      ? new AwsError('InvalidParameterValue', `Invalid value ${v} for MaxRecords. Must be between 20 and 100`)
      : undefined,
  example: 5,
})

const PERIODS = [1, 5, 10, 20, 30]
const validPeriod = (p: number) => PERIODS.includes(p) || (p >= 60 && p % 60 === 0)

const cloudWatchPeriod = (operation: string, path: string): DocumentedRule => ({
  service: 'monitoring',
  operation,
  path,
  check: (v, at) =>
    typeof v === 'number' && !validPeriod(v)
      ? new AwsError(
          'InvalidParameterValueException',
          `The value ${v} for parameter ${queryPath(at)} is not valid. The period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds.`,
          400,
          'InvalidParameterValue',
        )
      : undefined,
  example: 7,
})

export const DOCUMENTED_RULES: DocumentedRule[] = [
  rdsMaxRecords('DescribeDBInstances'),
  rdsMaxRecords('DescribeEvents'),
  cloudWatchPeriod('GetMetricData', 'MetricDataQueries[].MetricStat.Period'),
  cloudWatchPeriod('GetMetricData', 'MetricDataQueries[].Period'),
  cloudWatchPeriod('GetMetricStatistics', 'Period'),
  {
    service: 'monitoring',
    operation: 'GetMetricData',
    path: 'MetricDataQueries',
    check: (v) =>
      Array.isArray(v) && v.length > 500
        ? new AwsError(
            'InvalidParameterValueException',
            'The collection MetricDataQueries must not have a size greater than 500.',
            400,
            'InvalidParameterValue',
          )
        : undefined,
    example: Array.from({ length: 501 }, (_, i) => ({ Id: `q${i}`, Expression: 'SUM(METRICS())' })),
  },
  {
    service: 'cloudtrail',
    operation: 'LookupEvents',
    path: 'LookupAttributes',
    check: (v) =>
      Array.isArray(v) && v.length > 1
        ? new AwsError('InvalidLookupAttributesException', 'You can specify only one lookup attribute.')
        : undefined,
    example: [
      { AttributeKey: 'EventName', AttributeValue: 'UpdateService' },
      { AttributeKey: 'ReadOnly', AttributeValue: 'false' },
    ],
  },
]

/** The values at a rule's path, each with its concrete path (list items by index). */
export function valuesAt(input: unknown, path: string): { value: unknown; at: PathSegment[] }[] {
  let found: { value: unknown; at: PathSegment[] }[] = [{ value: input, at: [] }]
  for (const part of path.split('.')) {
    const each = part.endsWith('[]')
    const name = each ? part.slice(0, -2) : part
    const next: typeof found = []
    for (const f of found) {
      if (typeof f.value !== 'object' || f.value === null || Array.isArray(f.value)) continue
      const v = (f.value as Record<string, unknown>)[name]
      if (v === undefined || v === null) continue
      if (each && Array.isArray(v)) v.forEach((item, i) => next.push({ value: item, at: [...f.at, name, i] }))
      else if (!each) next.push({ value: v, at: [...f.at, name] })
    }
    found = next
  }
  return found
}

/** The first documented rule `input` breaks, as the service's error. */
export function documentedError(service: ServiceName, operation: string, input: Record<string, unknown>): AwsError | undefined {
  for (const rule of DOCUMENTED_RULES) {
    if (rule.service !== service || rule.operation !== operation) continue
    for (const { value, at } of valuesAt(input, rule.path)) {
      const e = rule.check(value, at)
      if (e) return e
    }
  }
  return undefined
}
