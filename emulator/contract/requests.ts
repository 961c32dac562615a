/**
 * A valid request for every operation the emulator serves (the contract tests start from these), and
 * what the model says about one member: the table-driven validation test builds its bad requests here.
 */
import { shapeOf, type ServiceModel, type Shape } from '../models/model'
import { compiled } from '../models/validate'
import {
  ACCOUNT_ID,
  APPRUNNER_ACCESS_ROLE_ARN,
  AUTOSCALING_ARN,
  CONNECTOR_SG_ID,
  ECR_REPOSITORY_URI,
  DB_INSTANCE,
  ECR_POWER_USER_ARN,
  ECR_REPOSITORY,
  GITHUB_ROLE,
  OIDC_PROVIDER_ARN,
  SCHEDULER_ROLE_ARN,
  SERVICE_ARN,
  SERVICE_ID,
  SERVICE_LOG_GROUP,
  SERVICE_NAME,
  SUBNET_IDS,
  VPC_CONNECTOR_ARN,
  type Scenario,
} from '../world/constants'

const hourAgo = () => new Date(Date.now() - 3_600_000)
const appRunnerTasksTrust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'tasks.apprunner.amazonaws.com' }, Action: 'sts:AssumeRole' }],
}
const readAnything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] }
const rdsCpu = { Namespace: 'AWS/RDS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: DB_INSTANCE }] }

/** One valid input per served operation, keyed `<service>.<Operation>`. */
export const VALID: Record<string, () => Record<string, unknown>> = {
  'ecr.DescribeRepositories': () => ({ repositoryNames: [ECR_REPOSITORY] }),
  'ecr.DescribeImages': () => ({ repositoryName: ECR_REPOSITORY, filter: { tagStatus: 'TAGGED' } }),
  'ecr.ListImages': () => ({ repositoryName: ECR_REPOSITORY }),
  'ecr.BatchGetImage': () => ({ repositoryName: ECR_REPOSITORY, imageIds: [{ imageTag: 'latest' }] }),
  'ecr.DescribeImageScanFindings': () => ({ repositoryName: ECR_REPOSITORY, imageId: { imageTag: 'latest' } }),
  'ecr.GetLifecyclePolicy': () => ({ repositoryName: ECR_REPOSITORY, registryId: ACCOUNT_ID }),
  'apprunner.ListServices': () => ({ MaxResults: 5 }),
  'apprunner.DescribeService': () => ({ ServiceArn: SERVICE_ARN }),
  'apprunner.ListOperations': () => ({ ServiceArn: SERVICE_ARN, MaxResults: 20 }),
  'apprunner.UpdateService': () => ({ ServiceArn: SERVICE_ARN }),
  'apprunner.StartDeployment': () => ({ ServiceArn: SERVICE_ARN }),
  'apprunner.PauseService': () => ({ ServiceArn: SERVICE_ARN }),
  'apprunner.ResumeService': () => ({ ServiceArn: SERVICE_ARN }),
  'apprunner.DescribeVpcConnector': () => ({ VpcConnectorArn: VPC_CONNECTOR_ARN }),
  'apprunner.DescribeAutoScalingConfiguration': () => ({ AutoScalingConfigurationArn: AUTOSCALING_ARN }),
  'apprunner.CreateVpcConnector': () => ({
    VpcConnectorName: 'appfactory-connector',
    Subnets: [...SUBNET_IDS],
    SecurityGroups: [CONNECTOR_SG_ID],
  }),
  'apprunner.ListVpcConnectors': () => ({ MaxResults: 10 }),
  'apprunner.CreateAutoScalingConfiguration': () => ({ AutoScalingConfigurationName: 'appfactory-scaling', MinSize: 1, MaxSize: 10 }),
  'apprunner.ListAutoScalingConfigurations': () => ({ LatestOnly: true, MaxResults: 10 }),
  'apprunner.CreateService': () => ({
    ServiceName: SERVICE_NAME,
    SourceConfiguration: {
      ImageRepository: {
        ImageIdentifier: `${ECR_REPOSITORY_URI}:latest`,
        ImageRepositoryType: 'ECR',
        ImageConfiguration: { Port: '3000' },
      },
      AuthenticationConfiguration: { AccessRoleArn: APPRUNNER_ACCESS_ROLE_ARN },
    },
    InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' },
  }),
  'rds.DescribeDBInstances': () => ({ DBInstanceIdentifier: DB_INSTANCE, MaxRecords: 20 }),
  'rds.StopDBInstance': () => ({ DBInstanceIdentifier: DB_INSTANCE }),
  'rds.StartDBInstance': () => ({ DBInstanceIdentifier: DB_INSTANCE }),
  'rds.DescribeEvents': () => ({ SourceType: 'db-instance', SourceIdentifier: DB_INSTANCE, Duration: 1440 }),
  'monitoring.GetMetricData': () => ({
    MetricDataQueries: [{ Id: 'cpu', MetricStat: { Metric: rdsCpu, Period: 300, Stat: 'Average' } }],
    StartTime: hourAgo(),
    EndTime: new Date(),
  }),
  'monitoring.GetMetricStatistics': () => ({ ...rdsCpu, StartTime: hourAgo(), EndTime: new Date(), Period: 300, Statistics: ['Average'] }),
  'monitoring.ListMetrics': () => ({ Namespace: 'AWS/AppRunner' }),
  'monitoring.DescribeAlarms': () => ({ MaxRecords: 10 }),
  'monitoring.DescribeAlarmHistory': () => ({ MaxRecords: 10 }),
  'monitoring.PutMetricAlarm': () => ({
    AlarmName: 'contract-rds-cpu',
    ...rdsCpu,
    Statistic: 'Average',
    Period: 300,
    EvaluationPeriods: 3,
    Threshold: 80,
    ComparisonOperator: 'GreaterThanThreshold',
  }),
  'monitoring.SetAlarmState': () => ({ AlarmName: 'appfactory-rds-cpu-high', StateValue: 'ALARM', StateReason: 'Contract test' }),
  'logs.DescribeLogGroups': () => ({ logGroupNamePrefix: '/aws/apprunner/' }),
  'logs.DescribeLogStreams': () => ({ logGroupName: SERVICE_LOG_GROUP }),
  'logs.FilterLogEvents': () => ({ logGroupName: SERVICE_LOG_GROUP, limit: 10 }),
  'logs.GetLogEvents': () => ({ logGroupName: SERVICE_LOG_GROUP, logStreamName: 'events', limit: 10 }),
  'iam.GetRole': () => ({ RoleName: GITHUB_ROLE }),
  'iam.ListAttachedRolePolicies': () => ({ RoleName: GITHUB_ROLE, MaxItems: 10 }),
  'iam.ListRolePolicies': () => ({ RoleName: GITHUB_ROLE }),
  'iam.GetRolePolicy': () => ({ RoleName: GITHUB_ROLE, PolicyName: 'AppFactoryReadDeploymentLogs' }),
  'iam.GetPolicy': () => ({ PolicyArn: ECR_POWER_USER_ARN }),
  'iam.GetPolicyVersion': () => ({ PolicyArn: ECR_POWER_USER_ARN, VersionId: 'v3' }),
  'iam.ListOpenIDConnectProviders': () => ({}),
  'iam.GetOpenIDConnectProvider': () => ({ OpenIDConnectProviderArn: OIDC_PROVIDER_ARN }),
  'iam.CreateRole': () => ({ RoleName: 'ContractInstanceRole', AssumeRolePolicyDocument: JSON.stringify(appRunnerTasksTrust) }),
  'iam.PutRolePolicy': () => ({ RoleName: GITHUB_ROLE, PolicyName: 'contract', PolicyDocument: JSON.stringify(readAnything) }),
  'iam.AttachRolePolicy': () => ({ RoleName: GITHUB_ROLE, PolicyArn: ECR_POWER_USER_ARN }),
  'ec2.DescribeSecurityGroups': () => ({ MaxResults: 5 }),
  'ec2.DescribeVpcs': () => ({ MaxResults: 5 }),
  'ec2.DescribeSubnets': () => ({ MaxResults: 5 }),
  'sts.GetCallerIdentity': () => ({}),
  'cloudtrail.LookupEvents': () => ({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'UpdateService' }], MaxResults: 5 }),
  'secretsmanager.CreateSecret': () => ({ Name: 'contract/database-url', SecretString: 'postgresql://u:p@h:5432/postgres' }),
  'secretsmanager.DescribeSecret': () => ({ SecretId: 'contract/database-url' }),
  'secretsmanager.GetSecretValue': () => ({ SecretId: 'contract/database-url' }),
  'scheduler.CreateSchedule': () => ({
    Name: 'contract-test',
    ScheduleExpression: 'cron(0 20 ? * MON-FRI *)',
    ScheduleExpressionTimezone: 'Europe/Amsterdam',
    FlexibleTimeWindow: { Mode: 'OFF' },
    State: 'DISABLED',
    Target: { ...stopDbTarget(), RetryPolicy: { MaximumRetryAttempts: 0 } },
  }),
  'scheduler.UpdateSchedule': () => ({
    Name: 'contract-test',
    ScheduleExpression: 'cron(0 21 ? * MON-FRI *)',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: stopDbTarget(),
  }),
  'scheduler.GetSchedule': () => ({ Name: 'contract-test', GroupName: 'default' }),
  'scheduler.DeleteSchedule': () => ({ Name: 'contract-test', GroupName: 'default' }),
  'scheduler.ListSchedules': () => ({ GroupName: 'default', MaxResults: 10, State: 'ENABLED' }),
  'scheduler.CreateScheduleGroup': () => ({ Name: 'contract-group' }),
  'scheduler.GetScheduleGroup': () => ({ Name: 'default' }),
  'scheduler.DeleteScheduleGroup': () => ({ Name: 'contract-group' }),
  'scheduler.ListScheduleGroups': () => ({ NamePrefix: 'de', MaxResults: 10 }),
}

/** A universal target that stops the database, run by the scheduler's execution role. */
export function stopDbTarget(roleArn: string = SCHEDULER_ROLE_ARN) {
  return {
    Arn: 'arn:aws:scheduler:::aws-sdk:rds:stopDBInstance',
    RoleArn: roleArn,
    Input: JSON.stringify({ DbInstanceIdentifier: DB_INSTANCE }),
  }
}

/** The world a valid request needs when the default one would refuse it for its state (CreateService: no service yet). */
export const SCENARIO_FOR: Record<string, Scenario> = { 'apprunner.CreateService': 'as-documented' }

/** Values that satisfy a pattern, for required members the bad requests must still carry. */
const SAMPLES = [
  SERVICE_ARN,
  VPC_CONNECTOR_ARN,
  `arn:aws:iam::${ACCOUNT_ID}:role/AppRunnerECRAccessRole`,
  ECR_REPOSITORY,
  SERVICE_NAME,
  SERVICE_ID,
  'appfactory',
  'v1',
]

const patternOf = (shape: Shape) => (shape.type === 'string' && shape.pattern ? (compiled(shape.pattern) ?? undefined) : undefined)

/** A value the model accepts for `shapeName`, or undefined when none is at hand. */
export function validValue(model: ServiceModel, shapeName: string, depth = 0): unknown {
  const shape = shapeOf(model, shapeName)
  if (depth > 6) return undefined
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {}
      for (const r of shape.required ?? []) {
        const ref = shape.members[r]
        const v = ref ? validValue(model, ref.shape, depth + 1) : undefined
        if (v !== undefined) out[r] = v
      }
      return out
    }
    case 'list': {
      const v = validValue(model, shape.member.shape, depth + 1)
      return v === undefined ? undefined : Array.from({ length: Math.max(1, shape.min ?? 1) }, () => v)
    }
    case 'map':
      return {}
    case 'string': {
      if (shape.enum) return shape.enum[0]
      const re = patternOf(shape)
      const len = Math.max(shape.min ?? 1, 1)
      const candidates = [...SAMPLES, 'x'.repeat(len), '1'.repeat(len)]
      return candidates.find((c) => c.length >= (shape.min ?? 0) && c.length <= (shape.max ?? Infinity) && (!re || re.test(c)))
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return shape.min ?? 1
    case 'boolean':
      return true
    case 'timestamp':
      return new Date()
    case 'blob':
      return 'AA=='
  }
}

/** One member that carries a constraint, and a value that breaks it. */
export type BadCase = { path: (string | number)[]; member: string; constraint: string; value: unknown }

const BAD_STRINGS = ['Bad Name!', '!', ' ', '\n', 'AAAA', '0']

/** Values that break each constraint of a scalar shape. */
function scalarBad(m: Shape): { constraint: string; value: unknown }[] {
  const out: { constraint: string; value: unknown }[] = []
  if (m.type === 'integer' || m.type === 'long') {
    if (m.min !== undefined) out.push({ constraint: `min ${m.min}`, value: m.min - 1 })
    if (m.max !== undefined) out.push({ constraint: `max ${m.max}`, value: m.max + 1 })
  } else if (m.type === 'string') {
    if (m.enum) return [{ constraint: 'enum', value: 'NOT_AN_ENUM_VALUE' }]
    if (m.min !== undefined && m.min > 0) out.push({ constraint: `min length ${m.min}`, value: 'x'.repeat(m.min - 1) })
    if (m.max !== undefined && m.max <= 60_000) out.push({ constraint: `max length ${m.max}`, value: 'a'.repeat(m.max + 1) })
    const re = patternOf(m)
    const bad = re ? BAD_STRINGS.find((b) => !re.test(b) && b.length >= (m.min ?? 0) && b.length <= (m.max ?? Infinity)) : undefined
    if (bad !== undefined) out.push({ constraint: `pattern ${m.type === 'string' ? (m.pattern ?? '') : ''}`, value: bad })
  }
  return out
}

/** Every constrained member reachable from `shapeName` (lists entered once), each with a value that breaks one constraint. */
export function badCases(model: ServiceModel, shapeName: string, path: (string | number)[] = [], depth = 0): BadCase[] {
  const shape = shapeOf(model, shapeName)
  if (depth > 5 || shape.type !== 'structure') return []
  const out: BadCase[] = []
  for (const [name, ref] of Object.entries(shape.members)) {
    const at = [...path, name]
    const m = shapeOf(model, ref.shape)
    const add = (constraint: string, value: unknown) => out.push({ path: at, member: name, constraint, value })
    if (shape.required?.includes(name)) add('required', undefined)
    for (const b of scalarBad(m)) add(b.constraint, b.value)
    if (m.type === 'list') {
      const itemShape = shapeOf(model, m.member.shape)
      const item = validValue(model, m.member.shape)
      if (m.min !== undefined && m.min > 0) add(`min items ${m.min}`, [])
      if (m.max !== undefined && m.max <= 200 && item !== undefined)
        add(
          `max items ${m.max}`,
          Array.from({ length: m.max + 1 }, () => item),
        )
      for (const b of scalarBad(itemShape)) add(`item ${b.constraint}`, [b.value])
      if (itemShape.type === 'structure') out.push(...badCases(model, m.member.shape, [...at, 0], depth + 1))
    } else if (m.type === 'structure') {
      out.push(...badCases(model, ref.shape, at, depth + 1))
    }
  }
  return out
}

/** `base` with the member at `path` set to `value` (undefined deletes it); parents are created with their required members. */
export function withMember(
  model: ServiceModel,
  rootShape: string,
  base: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const root = structuredClone(base)
  let node: Record<string, unknown> | unknown[] = root
  let shapeName = rootShape
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!
    const shape = shapeOf(model, shapeName)
    const childShape =
      shape.type === 'structure' ? shape.members[String(key)]!.shape : shape.type === 'list' ? shape.member.shape : shapeName
    const container = node as Record<string | number, unknown>
    if (container[key] === undefined || container[key] === null) {
      const fresh = validValue(model, childShape)
      container[key] = fresh === undefined ? (shapeOf(model, childShape).type === 'list' ? [{}] : {}) : fresh
    }
    node = container[key] as Record<string, unknown> | unknown[]
    shapeName = childShape
  }
  const last = path[path.length - 1]!
  const container = node as Record<string | number, unknown>
  if (value === undefined) delete container[last]
  else container[last] = value
  return root
}
