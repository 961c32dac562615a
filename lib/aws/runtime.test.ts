import { describe, expect, it } from 'vitest'

import { serviceMetricKeys } from '@/lib/domain/metrics.values'

import { runtime, type RuntimeSetupSettings } from './runtime'

const identity = {
  name: 'appfactory-app-service',
  id: '0123456789abcdef0123456789abcdef',
  arn: 'arn:aws:apprunner:eu-central-1:082609687527:service/appfactory-app-service/0123456789abcdef0123456789abcdef',
}

describe('the runtime in use (App Runner) as the rest of the portal sees it', () => {
  it('is App Runner', () => {
    expect([runtime.kind, runtime.label]).toEqual(['apprunner', 'App Runner'])
  })

  it('names its metrics with the neutral keys, each once per statistic, keyed by ServiceName + ServiceID', () => {
    expect(runtime.metrics.namespace).toBe('AWS/AppRunner')
    expect(runtime.metrics.series.map((s) => s.key).toSorted()).toEqual([...serviceMetricKeys].toSorted())
    expect(runtime.metricDimensions(identity)).toEqual([
      { name: 'ServiceName', value: identity.name },
      { name: 'ServiceID', value: identity.id },
    ])
  })

  it('knows its log groups and where an operation logs its deployment', () => {
    expect(runtime.logGroupName(identity, 'application')).toBe(`/aws/apprunner/${identity.name}/${identity.id}/application`)
    expect(runtime.logGroupName(identity, 'service')).toBe(`/aws/apprunner/${identity.name}/${identity.id}/service`)
    expect(runtime.deploymentLogStream('op-1')).toBe('deployment/op-1')
    expect(runtime.logGroupPrefix(identity.name)).toBe(`/aws/apprunner/${identity.name}/`)
    expect(runtime.parseLogGroupName(runtime.logGroupName(identity, 'service'))).toEqual({
      serviceName: identity.name,
      serviceId: identity.id,
      stream: 'service',
    })
    expect(runtime.parseLogGroupName(`/aws/apprunner/${identity.name}/${identity.id}/other`)).toBeNull()
    expect(runtime.parseLogGroupName(`/aws/lambda/${identity.name}`)).toBeNull()
  })

  it('pauses and resumes through EventBridge Scheduler universal targets', () => {
    expect(runtime.scheduleTargets(identity)).toEqual({
      pause: {
        arn: 'arn:aws:scheduler:::aws-sdk:apprunner:pauseService',
        input: { ServiceArn: identity.arn },
        iamAction: 'apprunner:PauseService',
      },
      resume: {
        arn: 'arn:aws:scheduler:::aws-sdk:apprunner:resumeService',
        input: { ServiceArn: identity.arn },
        iamAction: 'apprunner:ResumeService',
      },
    })
  })

  it('links the console and tells how to create the service', () => {
    expect(runtime.consoleUrl('eu-central-1', identity.arn)).toContain(`service_arn=${encodeURIComponent(identity.arn)}`)
    expect(runtime.consoleUrl('eu-central-1')).toMatch(/#\/services$/)
    const settings: RuntimeSetupSettings = {
      serviceName: identity.name,
      region: 'eu-central-1',
      accountId: '082609687527',
      repositoryUri: '082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app',
      healthPath: '/health',
      imageSha: 'a'.repeat(40),
      databaseUrl: 'postgresql://appfactory:<password>@db.example:5432/postgres',
      environment: [
        { name: 'NODE_ENV', value: 'production' },
        { name: 'PORT', value: '3000' },
      ],
      secret: { name: 'appfactory/database-url', arn: null },
      network: {
        vpcId: 'vpc-1',
        subnets: ['subnet-1', 'subnet-2'],
        databaseSecurityGroup: 'sg-db',
        connectorSecurityGroup: 'sg-connector',
        databaseAdmitsConnector: true,
        databasePort: 5432,
      },
      existing: { vpcConnector: null, autoScaling: null, accessRole: true, instanceRole: false },
    }
    const guide = runtime.setupGuide(settings)
    const all = guide.commands.map((c) => c.command).join('\n')
    expect(all).toContain("--secret-string 'postgresql://appfactory:<password>@db.example:5432/postgres'")
    expect(all).toContain('aws iam create-role --role-name AppFactoryAppRunnerInstanceRole')
    expect(all).not.toContain('--role-name AppRunnerECRAccessRole') // it exists
    expect(all).not.toContain('authorize-security-group-ingress') // the database admits the connector already
    expect(all).toContain('--subnets subnet-1 subnet-2 --security-groups sg-connector')
    expect(all).toContain('--min-size 1 --max-size 10')
    expect(all).toContain(`"ImageIdentifier":"082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app:${'a'.repeat(40)}"`)
    expect(all).toContain('"Port":"3000"')
    expect(all).toContain(`"RuntimeEnvironmentSecrets":{"DATABASE_URL":"'"$SECRET_ARN"'"}`)
    expect(all).toContain(
      '\'{"Cpu":"1 vCPU","Memory":"2 GB","InstanceRoleArn":"arn:aws:iam::082609687527:role/AppFactoryAppRunnerInstanceRole"}\'',
    )
    expect(all).toContain('\'{"Protocol":"HTTP","Path":"/health"}\'')
    expect(all).not.toContain('DATABASE_URL":"postgresql') // never a plain variable
    expect(guide.refusal.text).toContain('2026-04-30')
    expect(guide.refusal.commands[0]?.command).toMatch(/^aws ecs create-express-gateway-service /)

    // What exists is used, not created again; a closed database security group is opened.
    const again = runtime.setupGuide({
      ...settings,
      secret: {
        name: 'appfactory/database-url',
        arn: 'arn:aws:secretsmanager:eu-central-1:082609687527:secret:appfactory/database-url-AbCdEf',
      },
      network: { ...settings.network, databaseAdmitsConnector: false },
      existing: {
        vpcConnector: { arn: 'arn:connector', subnets: [], securityGroups: [] },
        autoScaling: { arn: 'arn:scaling', minSize: 1, maxSize: 10 },
        accessRole: false,
        instanceRole: true,
      },
    })
    const commands = again.commands.map((c) => c.command)
    expect(commands).toContain('CONNECTOR_ARN=arn:connector')
    expect(commands).toContain('SCALING_ARN=arn:scaling')
    expect(commands).toContain('SECRET_ARN=arn:aws:secretsmanager:eu-central-1:082609687527:secret:appfactory/database-url-AbCdEf')
    expect(commands.join('\n')).toContain('aws ec2 authorize-security-group-ingress --region eu-central-1 --group-id sg-db')
    expect(commands.join('\n')).toContain('--role-name AppRunnerECRAccessRole')
  })
})
