/**
 * The half-built account (`as-documented`) and the calls that finish it, through the real SDK: nothing of
 * App Runner but AWS's default auto scaling configuration, no alarms, no service logs, RDS `creating`
 * until the clock passes; then the setup document's next steps — a Secrets Manager secret, an instance
 * role, a VPC connector, an auto scaling configuration, CreateService — and the four planned alarms
 * with PutMetricAlarm, each refused where AWS refuses it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import type { ServiceName } from '../models/sources'
import {
  ACCOUNT_ID,
  APPRUNNER_ACCESS_ROLE_ARN,
  CONNECTOR_SG_ID,
  DB_ENDPOINT,
  DB_INSTANCE,
  DB_MASTER_PASSWORD,
  ECR_REPOSITORY_URI,
  SERVICE_NAME,
  SUBNET_IDS,
} from '../world/constants'
import { caught, control, start } from './helpers'
import { sdk, type SdkClient } from './sdk'

let emu: Emulator
const clients = new Map<ServiceName, SdkClient>()
const client = (name: ServiceName) => {
  let c = clients.get(name)
  if (!c) clients.set(name, (c = sdk(name, emu.url)))
  return c
}

type Rec = Record<string, unknown>
const list = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : [])
const rec = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {})
const MINUTE = 60_000
const advance = (ms: number) => control(emu.url, 'POST', '/_emulator/clock', { advanceMs: ms })

beforeAll(async () => {
  emu = await start({ speed: 1 })
})
beforeEach(async () => {
  await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'as-documented' })
})
afterAll(async () => {
  for (const c of clients.values()) c.destroy()
  await emu.close()
})

const database = async () =>
  rec(list((await client('rds').send('DescribeDBInstances', { DBInstanceIdentifier: DB_INSTANCE })).DBInstances)[0])

describe('as-documented: the account as the setup document leaves it', () => {
  it('has images, the OIDC provider, the role and the security groups, and nothing the next steps create', async () => {
    expect(list((await client('ecr').send('DescribeImages', { repositoryName: 'appfactory-app' })).imageDetails).length).toBe(12)
    expect(list((await client('iam').send('ListOpenIDConnectProviders', {})).OpenIDConnectProviderList)).toHaveLength(1)
    expect(rec((await client('iam').send('GetRole', { RoleName: 'AppFactoryGitHubActionsRole' })).Role).Arn).toContain(
      'AppFactoryGitHubActionsRole',
    )
    expect(list((await client('ec2').send('DescribeSecurityGroups', { GroupIds: [CONNECTOR_SG_ID] })).SecurityGroups)).toHaveLength(1)

    expect((await client('apprunner').send('ListServices', {})).ServiceSummaryList).toEqual([])
    expect((await client('apprunner').send('ListVpcConnectors', {})).VpcConnectors).toEqual([])
    const scaling = list((await client('apprunner').send('ListAutoScalingConfigurations', {})).AutoScalingConfigurationSummaryList)
    expect(scaling.map((a) => [a.AutoScalingConfigurationName, a.IsDefault])).toEqual([['DefaultConfiguration', true]])
    const arn = `arn:aws:apprunner:eu-central-1:${ACCOUNT_ID}:service/${SERVICE_NAME}/7d3f1c2b9a8e4d6f8b0a1c2d3e4f5a6b`
    expect((await caught(() => client('apprunner').send('DescribeService', { ServiceArn: arn }))).name).toBe('ResourceNotFoundException')
    expect((await client('monitoring').send('DescribeAlarms', {})).MetricAlarms).toEqual([])
    expect((await client('logs').send('DescribeLogGroups', { logGroupNamePrefix: '/aws/apprunner/' })).logGroups).toEqual([])
    expect((await client('monitoring').send('ListMetrics', { Namespace: 'AWS/AppRunner' })).Metrics).toEqual([])
  })

  it('RDS is creating, without an endpoint or metrics, and refuses a stop; it becomes available after the usual minutes', async () => {
    const creating = await database()
    expect(creating.DBInstanceStatus).toBe('creating')
    expect(creating.Endpoint).toBeUndefined()
    expect(creating.VpcSecurityGroups).toEqual([expect.objectContaining({ Status: 'active' })])
    expect((await client('monitoring').send('ListMetrics', { Namespace: 'AWS/RDS' })).Metrics).toEqual([])
    expect((await caught(() => client('rds').send('StopDBInstance', { DBInstanceIdentifier: DB_INSTANCE }))).name).toBe(
      'InvalidDBInstanceStateFault',
    )

    // When it was requested, and by whom, is in CloudTrail (its password is not).
    const requests = list(
      (
        await client('cloudtrail').send('LookupEvents', {
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateDBInstance' }],
        })
      ).Events,
    )
    expect(requests.map((e) => e.Username)).toEqual(['hanpieter'])
    expect(Date.now() - (requests[0]!.EventTime as Date).getTime()).toBeGreaterThan(MINUTE)
    expect(String(requests[0]!.CloudTrailEvent)).toContain('HIDDEN_DUE_TO_SECURITY_REASONS')

    await advance(3 * MINUTE)
    expect((await database()).DBInstanceStatus).toBe('creating')
    await advance(4 * MINUTE)
    const available = await database()
    expect(available.DBInstanceStatus).toBe('available')
    expect(rec(available.Endpoint)).toMatchObject({ Address: DB_ENDPOINT, Port: 5432 })
    const events = list(
      (await client('rds').send('DescribeEvents', { SourceType: 'db-instance', SourceIdentifier: DB_INSTANCE, Duration: 60 })).Events,
    )
    expect(events.map((e) => e.Message)).toEqual(['DB instance created'])
    await advance(10 * MINUTE)
    expect(list((await client('monitoring').send('ListMetrics', { Namespace: 'AWS/RDS' })).Metrics).length).toBeGreaterThan(3)
  })
})

const trust = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] })

/** The setup document's third step as the portal writes it: secret, instance role, connector, scaling, service. */
async function createTheService(opts: { readPolicy?: boolean } = {}): Promise<Rec> {
  const url = `postgresql://appfactory:${DB_MASTER_PASSWORD}@${DB_ENDPOINT}:5432/postgres`
  const secret = await client('secretsmanager').send('CreateSecret', { Name: 'appfactory/database-url', SecretString: url })
  const role = rec(
    (
      await client('iam').send('CreateRole', {
        RoleName: 'AppFactoryAppRunnerInstanceRole',
        AssumeRolePolicyDocument: trust('tasks.apprunner.amazonaws.com'),
      })
    ).Role,
  )
  if (opts.readPolicy !== false) {
    await client('iam').send('PutRolePolicy', {
      RoleName: 'AppFactoryAppRunnerInstanceRole',
      PolicyName: 'ReadDatabaseUrl',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'secretsmanager:GetSecretValue',
            Resource: `arn:aws:secretsmanager:eu-central-1:${ACCOUNT_ID}:secret:appfactory/database-url-*`,
          },
        ],
      }),
    })
  }
  const connector = rec(
    (
      await client('apprunner').send('CreateVpcConnector', {
        VpcConnectorName: 'appfactory-vpc-connector',
        Subnets: SUBNET_IDS,
        SecurityGroups: [CONNECTOR_SG_ID],
      })
    ).VpcConnector,
  )
  const scaling = rec(
    (
      await client('apprunner').send('CreateAutoScalingConfiguration', {
        AutoScalingConfigurationName: 'appfactory-autoscaling',
        MinSize: 1,
        MaxSize: 10,
      })
    ).AutoScalingConfiguration,
  )
  const images = list((await client('ecr').send('DescribeImages', { repositoryName: 'appfactory-app' })).imageDetails)
  const newest = images.sort((a, b) => Number(b.imagePushedAt) - Number(a.imagePushedAt))[0]!
  const sha = (newest.imageTags as string[]).find((t) => /^[0-9a-f]{40}$/.test(t))!
  return client('apprunner').send('CreateService', {
    ServiceName: SERVICE_NAME,
    SourceConfiguration: {
      ImageRepository: {
        ImageIdentifier: `${ECR_REPOSITORY_URI}:${sha}`,
        ImageRepositoryType: 'ECR',
        ImageConfiguration: {
          Port: '3000',
          RuntimeEnvironmentVariables: { NODE_ENV: 'production', PORT: '3000', LOG_LEVEL: 'info', DB_POOL_MAX: '20' },
          RuntimeEnvironmentSecrets: { DATABASE_URL: String(secret.ARN) },
        },
      },
      AutoDeploymentsEnabled: false,
      AuthenticationConfiguration: { AccessRoleArn: APPRUNNER_ACCESS_ROLE_ARN },
    },
    InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB', InstanceRoleArn: String(role.Arn) },
    HealthCheckConfiguration: { Protocol: 'HTTP', Path: '/health' },
    AutoScalingConfigurationArn: String(scaling.AutoScalingConfigurationArn),
    NetworkConfiguration: { EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: String(connector.VpcConnectorArn) } },
  })
}

describe('the next steps, as App Runner takes them', () => {
  it('creates the service, health-checks it and runs it; its URL answers /health, its logs and trail exist', async () => {
    await advance(10 * MINUTE) // the database is available
    const created = await createTheService()
    const service = rec(created.Service)
    expect(service).toMatchObject({ ServiceName: SERVICE_NAME, Status: 'OPERATION_IN_PROGRESS' })
    expect(rec(service.InstanceConfiguration)).toMatchObject({ Cpu: '1024', Memory: '2048' })
    expect(rec(service.AutoScalingConfigurationSummary).AutoScalingConfigurationName).toBe('appfactory-autoscaling')
    await advance(10 * MINUTE)
    const arn = String(service.ServiceArn)
    const running = rec((await client('apprunner').send('DescribeService', { ServiceArn: arn })).Service)
    expect(running.Status).toBe('RUNNING')
    const ops = list((await client('apprunner').send('ListOperations', { ServiceArn: arn })).OperationSummaryList)
    expect(ops.map((o) => [o.Type, o.Status])).toEqual([['CREATE_SERVICE', 'SUCCEEDED']])
    const health = await fetch(`http://${String(running.ServiceUrl)}/health`)
    expect(health.status).toBe(200)
    const groups = list((await client('logs').send('DescribeLogGroups', { logGroupNamePrefix: '/aws/apprunner/' })).logGroups)
    expect(groups.map((g) => g.logGroupName)).toEqual([
      `/aws/apprunner/${SERVICE_NAME}/${String(running.ServiceId)}/application`,
      `/aws/apprunner/${SERVICE_NAME}/${String(running.ServiceId)}/service`,
    ])
    const trail = list(
      (
        await client('cloudtrail').send('LookupEvents', {
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateService' }],
        })
      ).Events,
    )
    expect(trail).toHaveLength(1)
    expect(String(trail[0]!.CloudTrailEvent)).not.toContain(DB_MASTER_PASSWORD)
    expect(list((await client('monitoring').send('ListMetrics', { Namespace: 'AWS/AppRunner' })).Metrics).length).toBeGreaterThan(3)
  })

  it('fails the creation when the instance role may not read the secret: CREATE_FAILED, the cause in the service log', async () => {
    await advance(10 * MINUTE)
    const service = rec((await createTheService({ readPolicy: false })).Service)
    await advance(10 * MINUTE)
    const arn = String(service.ServiceArn)
    expect(rec((await client('apprunner').send('DescribeService', { ServiceArn: arn })).Service).Status).toBe('CREATE_FAILED')
    const ops = list((await client('apprunner').send('ListOperations', { ServiceArn: arn })).OperationSummaryList)
    expect(ops.map((o) => o.Status)).toEqual(['FAILED'])
    const log = await client('logs').send('FilterLogEvents', {
      logGroupName: `/aws/apprunner/${SERVICE_NAME}/${String(service.ServiceId)}/service`,
      logStreamNames: [`deployment/${String(ops[0]!.Id)}`],
    })
    expect(
      list(log.events)
        .map((e) => e.message)
        .join('\n'),
    ).toMatch(/not allowed secretsmanager:GetSecretValue/)
  })

  it('refuses what App Runner refuses before creating anything', async () => {
    const base = {
      ServiceName: SERVICE_NAME,
      SourceConfiguration: { ImageRepository: { ImageIdentifier: `${ECR_REPOSITORY_URI}:latest`, ImageRepositoryType: 'ECR' } },
    }
    const ar = client('apprunner')
    const noRole = await caught(() => ar.send('CreateService', base))
    expect(noRole.message).toMatch(/AccessRoleArn/)
    const withRole = {
      ...base,
      SourceConfiguration: { ...base.SourceConfiguration, AuthenticationConfiguration: { AccessRoleArn: APPRUNNER_ACCESS_ROLE_ARN } },
    }
    const badSize = await caught(() => ar.send('CreateService', { ...withRole, InstanceConfiguration: { Cpu: '1 vCPU', Memory: '8 GB' } }))
    expect(badSize.message).toMatch(/8 GB of memory is not available with 1 vCPU/)
    const badConnector = await caught(() =>
      ar.send('CreateService', {
        ...withRole,
        NetworkConfiguration: {
          EgressConfiguration: {
            EgressType: 'VPC',
            VpcConnectorArn: `arn:aws:apprunner:eu-central-1:${ACCOUNT_ID}:vpcconnector/x/1/0123456789abcdef0123456789abcdef`,
          },
        },
      }),
    )
    expect(badConnector.message).toMatch(/VPC connector .* not found/)
    const badRole = await caught(() =>
      ar.send('CreateService', {
        ...withRole,
        InstanceConfiguration: { InstanceRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/AppFactoryGitHubActionsRole` },
      }),
    )
    expect(badRole.message).toBe(`Error in assuming instance role arn:aws:iam::${ACCOUNT_ID}:role/AppFactoryGitHubActionsRole`)
    const badSubnet = await caught(() =>
      ar.send('CreateVpcConnector', { VpcConnectorName: 'appfactory-vpc-connector', Subnets: ['subnet-00000000000000000'] }),
    )
    expect(badSubnet.name).toBe('InvalidRequestException')
    for (const e of [noRole, badSize, badConnector, badRole]) expect(e.name).toBe('InvalidRequestException')
    expect((await ar.send('ListServices', {})).ServiceSummaryList).toEqual([])
  })

  it('Secrets Manager: one secret per name, described without its value', async () => {
    const sm = client('secretsmanager')
    const created = await sm.send('CreateSecret', { Name: 'appfactory/database-url', SecretString: 'postgresql://u:p@h:5432/postgres' })
    expect(String(created.ARN)).toMatch(/^arn:aws:secretsmanager:eu-central-1:\d{12}:secret:appfactory\/database-url-[A-Za-z]{6}$/)
    expect((await caught(() => sm.send('CreateSecret', { Name: 'appfactory/database-url', SecretString: 'x' }))).name).toBe(
      'ResourceExistsException',
    )
    for (const id of ['appfactory/database-url', String(created.ARN)]) {
      const described = await sm.send('DescribeSecret', { SecretId: id })
      expect(described).toMatchObject({ Name: 'appfactory/database-url', ARN: created.ARN })
      expect(JSON.stringify(described)).not.toContain('postgresql://')
    }
    expect((await caught(() => sm.send('DescribeSecret', { SecretId: 'nope' }))).name).toBe('ResourceNotFoundException')
  })
})

const rdsCpuAlarm = {
  AlarmName: 'appfactory-rds-cpu-high',
  Namespace: 'AWS/RDS',
  MetricName: 'CPUUtilization',
  Dimensions: [{ Name: 'DBInstanceIdentifier', Value: DB_INSTANCE }],
  Statistic: 'Average',
  Period: 300,
  EvaluationPeriods: 3,
  Threshold: 80,
  ComparisonOperator: 'GreaterThanThreshold',
  AlarmActions: [`arn:aws:sns:eu-central-1:${ACCOUNT_ID}:appfactory-alerts`],
}

describe('PutMetricAlarm', () => {
  it('creates an alarm that is evaluated against its metric; putting it again updates it in place', async () => {
    const cw = client('monitoring')
    await cw.send('PutMetricAlarm', rdsCpuAlarm)
    const first = list((await cw.send('DescribeAlarms', {})).MetricAlarms)
    expect(first).toHaveLength(1)
    // The database is still creating: no data yet.
    expect(first[0]).toMatchObject({ AlarmName: 'appfactory-rds-cpu-high', StateValue: 'INSUFFICIENT_DATA', DatapointsToAlarm: 3 })
    expect(first[0]!.AlarmActions).toEqual(rdsCpuAlarm.AlarmActions)
    await advance(30 * MINUTE)
    const later = list((await cw.send('DescribeAlarms', { AlarmNames: ['appfactory-rds-cpu-high'] })).MetricAlarms)
    expect(later[0]).toMatchObject({ StateValue: 'OK' })
    expect(String(later[0]!.StateReason)).toMatch(
      /^Threshold Crossed: \d datapoints? \[.*\] (was|were) not greater than the threshold \(80\.0\)\.$/,
    )

    await cw.send('PutMetricAlarm', { ...rdsCpuAlarm, Threshold: 90 })
    const updated = list((await cw.send('DescribeAlarms', {})).MetricAlarms)
    expect(updated.map((a) => [a.AlarmName, a.Threshold])).toEqual([['appfactory-rds-cpu-high', 90]])
    const history = list(
      (await cw.send('DescribeAlarmHistory', { AlarmName: 'appfactory-rds-cpu-high', HistoryItemType: 'ConfigurationUpdate' }))
        .AlarmHistoryItems,
    )
    expect(history.map((h) => h.HistorySummary)).toEqual([
      'Alarm "appfactory-rds-cpu-high" updated',
      'Alarm "appfactory-rds-cpu-high" created',
    ])
    const trail = list(
      (
        await client('cloudtrail').send('LookupEvents', {
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutMetricAlarm' }],
        })
      ).Events,
    )
    expect(trail).toHaveLength(2)
  })

  it('refuses the combinations CloudWatch refuses, in its words, over JSON and awsQuery', async () => {
    for (const awsQuery of [false, true]) {
      const cw = sdk('monitoring', emu.url, { awsQuery })
      const cases: [Rec, string, RegExp][] = [
        [{ DatapointsToAlarm: 4 }, 'ValidationException', /^DatapointsToAlarm must be less than or equal to EvaluationPeriods$/],
        [{ Period: 45 }, 'ValidationException', /^Period must be 10, 20, 30 or a multiple of 60$/],
        [{ ExtendedStatistic: 'p99' }, 'InvalidParameterCombinationException', /Exactly one of Statistic and ExtendedStatistic/],
        [{ AlarmActions: ['appfactory-alerts'] }, 'ValidationException', /^Invalid arn syntax: appfactory-alerts$/],
        [{ Threshold: undefined }, 'ValidationException', /Threshold must be specified/],
        [{ Period: 60, EvaluationPeriods: 1441 }, 'ValidationException', /must not exceed 1 day/],
        [{ TreatMissingData: 'sometimes' }, 'ValidationException', /TreatMissingData must be one of/],
      ]
      for (const [change, name, message] of cases) {
        const e = await caught(() => cw.send('PutMetricAlarm', { ...rdsCpuAlarm, ...change }))
        expect(e.name, JSON.stringify(change)).toBe(name)
        expect(e.message, JSON.stringify(change)).toMatch(message)
        expect(e.$metadata?.httpStatusCode).toBe(400)
      }
      cw.destroy()
    }
    expect((await client('monitoring').send('DescribeAlarms', {})).MetricAlarms).toEqual([])
  })
})
