/**
 * Words model violations the way each service does (`ServiceDefinition.validation`):
 * - `coral` — the validation layer most AWS services share:
 *   `2 validation errors detected: Value '5' at 'maxResults' failed to satisfy constraint: Member must have
 *   value greater than or equal to 20; Value null at 'serviceArn' failed to satisfy constraint: Member must
 *   not be null`, with the service's own error code (App Runner `InvalidRequestException`, CloudWatch Logs
 *   `InvalidParameterException`, IAM/STS `ValidationError`, …).
 * - `ecr` — `Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '…''`.
 * - `rds` — `MissingParameter` / `InvalidParameterValue: Invalid value … for MaxRecords.`
 * - `ec2` — `MissingParameter` / `InvalidParameterValue: Value ( 3 ) for parameter maxResults is invalid. …`
 * A JSON body whose types do not fit the model is a `SerializationException`, as on AWS.
 */
import { AwsError, type ServiceDefinition } from '../core/types'
import type { PathSegment, Violation } from './validate'

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

/** Coral's path: lower-camel member names, list items as `N.member` (1-based), scalar list items on the list itself. */
export function coralPath(path: PathSegment[]): string {
  const parts: string[] = []
  path.forEach((seg, i) => {
    if (typeof seg === 'string') parts.push(i > 0 && typeof path[i - 1] === 'object' ? seg : lowerFirst(seg))
    else if (typeof seg === 'number') {
      if (i < path.length - 1) parts.push(`${seg + 1}.member`)
    }
  })
  return parts.join('.')
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return `'[${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}]'`
  if (typeof v === 'object') return `'${JSON.stringify(v)}'`
  return `'${String(v)}'`
}

/** `Member must …`, as Coral words each constraint. */
function constraint(v: Violation): string {
  switch (v.kind) {
    case 'required':
      return 'Member must not be null'
    case 'type':
      return `Member must be of type ${String(v.limit)}`
    case 'min':
      return `Member must have value greater than or equal to ${String(v.limit)}`
    case 'max':
      return `Member must have value less than or equal to ${String(v.limit)}`
    case 'minLength':
      return `Member must have length greater than or equal to ${String(v.limit)}`
    case 'maxLength':
      return `Member must have length less than or equal to ${String(v.limit)}`
    case 'pattern':
      return `Member must satisfy regular expression pattern: ${String(v.limit)}`
    case 'enum':
      return `Member must satisfy enum value set: [${Array.isArray(v.limit) ? v.limit.join(', ') : ''}]`
  }
}

function coralPart(v: Violation): string {
  const last = v.path[v.path.length - 1]
  if (typeof last === 'object')
    return `Value ${show(last.key)} at '${coralPath(v.path)}' failed to satisfy constraint: Map keys must satisfy constraint: [${constraint(v)}]`
  if (typeof last === 'number')
    return `Value ${show([v.value])} at '${coralPath(v.path)}' failed to satisfy constraint: Member must satisfy constraint: [${constraint(v)}]`
  return `Value ${show(v.value)} at '${coralPath(v.path)}' failed to satisfy constraint: ${constraint(v)}`
}

const JAVA_TYPES: Record<string, string> = {
  integer: 'an Integer',
  long: 'a Long',
  double: 'a Double',
  float: 'a Float',
  boolean: 'a Boolean',
  timestamp: 'a Date',
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'START_ARRAY'
  if (typeof v === 'object' && v !== null) return 'START_OBJECT'
  if (typeof v === 'string') return 'STRING_VALUE'
  if (typeof v === 'number') return Number.isInteger(v) ? 'NUMBER_VALUE' : 'FLOAT_VALUE'
  if (typeof v === 'boolean') return v ? 'VALUE_TRUE' : 'VALUE_FALSE'
  return 'VALUE_NULL'
}

/** A JSON body whose value types do not fit the model (AWS's JSON deserialiser refuses it before validation). */
export function serializationError(v: Violation): AwsError {
  const expected = String(v.limit)
  if (expected === 'structure' || expected === 'map')
    return new AwsError('SerializationException', 'Start of structure or map found where not expected.')
  if (expected === 'list') return new AwsError('SerializationException', 'Start of list found where not expected')
  return new AwsError('SerializationException', `${jsonKind(v.value)} can not be converted to ${JAVA_TYPES[expected] ?? 'a String'}`)
}

/** The name a query service gives a member in its messages: `MaxRecords`, `MetricDataQueries.member.1.MetricStat.Period`. */
export function queryPath(path: PathSegment[]): string {
  return path.map((seg) => (typeof seg === 'number' ? `member.${seg + 1}` : typeof seg === 'object' ? seg.key : seg)).join('.')
}

/** The service's validation error for a non-empty list of violations. */
export function validationError(def: ServiceDefinition, violations: Violation[]): AwsError {
  const form = def.validation
  const first = violations[0]!
  switch (form.form) {
    case 'coral': {
      const top = typeof first.path[0] === 'string' ? first.path[0] : ''
      const n = violations.length
      const message = `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.map(coralPart).join('; ')}`
      const byMember = form.byMember?.[top]
      if (byMember) return new AwsError(byMember, message, form.status ?? 400)
      if (first.kind === 'required' && form.missing) {
        const name = queryPath(first.path)
        return new AwsError(form.missing.code, `The parameter ${name} is required.`, form.status ?? 400, form.missing.queryCode)
      }
      return new AwsError(form.code, message, form.status ?? 400, form.queryCode)
    }
    case 'ecr': {
      const text = constraint(first)
        .replace(/^Member must satisfy regular expression pattern: (.*)$/, "must satisfy regular expression '$1'")
        .replace(/^Member /, '')
      return new AwsError(form.code, `Invalid parameter at '${coralPath(first.path)}' failed to satisfy constraint: '${text}'`)
    }
    case 'rds': {
      const name = queryPath(first.path)
      if (first.kind === 'required') return new AwsError('MissingParameter', `The request must contain the parameter ${name}.`)
      if (first.kind === 'enum' && Array.isArray(first.limit))
        return new AwsError(
          'InvalidParameterValue',
          `Invalid value ${String(first.value)} for ${name}. Must be one of: ${first.limit.join(', ')}`,
        )
      return new AwsError(
        'InvalidParameterValue',
        `Invalid value ${String(first.value)} for ${name}: ${constraint(first).replace(/^Member /, '')}.`,
      )
    }
    case 'ec2': {
      const name = lowerFirst(queryPath(first.path))
      if (first.kind === 'required') return new AwsError('MissingParameter', `The request must contain the parameter ${name}`)
      const { min, max } = first.range ?? {}
      if (min !== undefined && max !== undefined)
        return new AwsError(
          'InvalidParameterValue',
          `Value ( ${String(first.value)} ) for parameter ${name} is invalid. Expecting a value between ${min} and ${max}.`,
        )
      return new AwsError(
        'InvalidParameterValue',
        `Value ( ${String(first.value)} ) for parameter ${name} is invalid. ${constraint(first).replace(/^Member /, 'It ')}.`,
      )
    }
  }
}
