import {
  AppRunnerClient,
  DescribeAutoScalingConfigurationCommand,
  DescribeServiceCommand,
  DescribeVpcConnectorCommand,
  ListOperationsCommand,
  ListServicesCommand,
  PauseServiceCommand,
  ResumeServiceCommand,
  StartDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-apprunner'
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'

import {
  getService,
  getVpcConnector,
  listOperations,
  pauseService,
  resumeService,
  startDeployment,
  updateServiceImage,
  warmUp,
} from './apprunner'
import {
  ACCESS_ROLE_ARN,
  AUTOSCALING_ARN,
  autoScaling,
  DATABASE_URL,
  DEPLOYED_SHA,
  describedService,
  IMAGE_IDENTIFIER,
  operations,
  runningOperation,
  SECRET_ARN,
  SERVICE_ARN,
  SERVICE_ID,
  serviceSummaries,
  VPC_CONNECTOR_ARN,
} from './apprunner.fixtures'
import { parseImageIdentifier, toOperation, toService } from './apprunner.mappers'
import { repository } from './ecr.fixtures'
import { runtime } from './runtime'
import { accessDenied, awsError, malformed, SEED_PASSWORD, throttled, timeout } from './sdk-errors.fixtures'

const ar = mockClient(AppRunnerClient)
const ecr = mockClient(ECRClient)

function healthyWorld() {
  ar.on(ListServicesCommand).resolves({ ServiceSummaryList: serviceSummaries })
  ar.on(DescribeServiceCommand).resolves({ Service: describedService() })
  ar.on(DescribeAutoScalingConfigurationCommand).resolves({ AutoScalingConfiguration: autoScaling })
  ar.on(ListOperationsCommand).resolves({ OperationSummaryList: operations })
}

beforeEach(() => {
  ar.reset()
  ecr.reset()
  resetCacheForTests()
})
afterEach(() => vi.useRealTimers())

describe('parseImageIdentifier', () => {
  it.each([
    [IMAGE_IDENTIFIER, { tag: DEPLOYED_SHA, digest: null }],
    ['localhost:5000/app', { tag: null, digest: null }],
    ['localhost:5000/app:v1', { tag: 'v1', digest: null }],
    ['123.dkr.ecr.eu-central-1.amazonaws.com/app@sha256:abc', { tag: null, digest: 'sha256:abc' }],
  ])('%s', (id, expected) => expect(parseImageIdentifier(id)).toEqual(expected))
})

describe('toService', () => {
  it('maps the documented service, redacting the DATABASE_URL password and showing secrets as ARNs', () => {
    const r = toService(describedService(), { minSize: 1, maxSize: 10, maxConcurrency: 100 }, 'https://console/x')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(JSON.stringify(r.data)).not.toContain(SEED_PASSWORD)
    expect(r.data).toEqual({
      runtime: 'apprunner',
      consoleUrl: 'https://console/x',
      name: 'appfactory-app-service',
      id: SERVICE_ID,
      arn: SERVICE_ARN,
      status: 'RUNNING',
      url: 'abc123xyz.eu-central-1.awsapprunner.com',
      imageIdentifier: IMAGE_IDENTIFIER,
      imageTag: DEPLOYED_SHA,
      imageDigest: null,
      sha: DEPLOYED_SHA,
      imageRepositoryType: 'ECR',
      autoDeploymentsEnabled: false,
      port: '3000',
      cpu: '1024',
      memory: '2048',
      healthCheck: {
        protocol: 'HTTP',
        path: '/health',
        intervalSeconds: 10,
        timeoutSeconds: 5,
        healthyThreshold: 1,
        unhealthyThreshold: 5,
      },
      autoScaling: { arn: AUTOSCALING_ARN, name: 'appfactory-autoscaling', minSize: 1, maxSize: 10, maxConcurrency: 100 },
      egress: { type: 'VPC', vpcConnectorArn: VPC_CONNECTOR_ARN },
      env: [
        { name: 'API_KEY', value: SECRET_ARN, source: 'secret', isRedacted: false },
        {
          name: 'DATABASE_URL',
          value: 'postgresql://appfactory:****@appfactory-db.c9akciq32xyz.eu-central-1.rds.amazonaws.com:5432/postgres',
          source: 'plain',
          isRedacted: true,
        },
        { name: 'DB_POOL_MAX', value: '20', source: 'plain', isRedacted: false },
        { name: 'LOG_LEVEL', value: 'info', source: 'plain', isRedacted: false },
        { name: 'NODE_ENV', value: 'production', source: 'plain', isRedacted: false },
        { name: 'PORT', value: '3000', source: 'plain', isRedacted: false },
      ],
      createdAt: '2026-01-27T09:00:00.000Z',
      updatedAt: '2026-03-01T08:30:00.000Z',
    })
  })

  it('defaults every absent optional part deliberately', () => {
    const r = toService({ ServiceName: 'x-svc', ServiceId: 'id', ServiceArn: 'arn:x', Status: 'NEW_STATE' as 'RUNNING' } as never)
    expect(r.ok && r.data).toMatchObject({
      status: 'UNKNOWN',
      url: null,
      imageIdentifier: null,
      imageTag: null,
      sha: null,
      autoDeploymentsEnabled: false,
      healthCheck: { protocol: 'TCP', path: null, intervalSeconds: null },
      autoScaling: { arn: null, minSize: null },
      egress: { type: 'DEFAULT', vpcConnectorArn: null },
      env: [],
      createdAt: null,
    })
  })

  it('reports a missing ServiceId as aws_error', () => {
    expect(toService(describedService({ ServiceId: undefined }))).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'aws_error', message: 'AWS answered without ServiceId.' }),
    })
  })
})

describe('getService', () => {
  it('resolves the ARN by name, then reads the service and its auto-scaling sizes', async () => {
    healthyWorld()
    const r = await getService()
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.data).toMatchObject({ id: SERVICE_ID, sha: DEPLOYED_SHA, autoScaling: { minSize: 1, maxSize: 10 }, stale: false })
    expect(JSON.stringify(r)).not.toContain(SEED_PASSWORD)
    expect(ar.commandCalls(ListServicesCommand)[0]?.args[0].input).toEqual({ MaxResults: 20, NextToken: undefined })
    expect(ar.commandCalls(DescribeServiceCommand)[0]?.args[0].input).toEqual({ ServiceArn: SERVICE_ARN })
    expect(ar.commandCalls(DescribeAutoScalingConfigurationCommand)[0]?.args[0].input).toEqual({
      AutoScalingConfigurationArn: AUTOSCALING_ARN,
    })
  })

  it('makes one DescribeService call for concurrent viewers', async () => {
    healthyWorld()
    const [a, b, c] = await Promise.all([getService(), getService(), getService()])
    expect(a.ok && b.ok && c.ok).toBe(true)
    expect(ar.commandCalls(DescribeServiceCommand)).toHaveLength(1)
    expect(ar.commandCalls(ListServicesCommand)).toHaveLength(1)
  })

  it('refreshes after 10 s normally but after 2 s while an operation is in progress', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    healthyWorld()
    await getService()
    vi.setSystemTime(new Date('2026-03-02T10:00:05Z'))
    await getService()
    expect(ar.commandCalls(DescribeServiceCommand)).toHaveLength(1)

    resetCacheForTests()
    ar.on(DescribeServiceCommand).resolves({ Service: describedService({ Status: 'OPERATION_IN_PROGRESS' }) })
    await getService()
    vi.setSystemTime(new Date('2026-03-02T10:00:08Z'))
    await getService()
    expect(ar.commandCalls(DescribeServiceCommand)).toHaveLength(3)
  })

  it('serves the last good value marked stale when a refresh fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    healthyWorld()
    ar.on(DescribeServiceCommand).resolvesOnce({ Service: describedService() }).rejects(throttled())
    await getService()
    vi.setSystemTime(new Date('2026-03-02T10:00:30Z'))
    const r = await getService()
    expect(r.ok && r.data).toMatchObject({ stale: true, fetchedAt: '2026-03-02T10:00:00.000Z', sha: DEPLOYED_SHA })
  })

  it('still shows the service when the auto-scaling read fails (sizes unknown)', async () => {
    healthyWorld()
    ar.on(DescribeAutoScalingConfigurationCommand).rejects(accessDenied('apprunner:DescribeAutoScalingConfiguration'))
    const r = await getService()
    expect(r.ok && r.data.autoScaling).toEqual({
      arn: AUTOSCALING_ARN,
      name: 'appfactory-autoscaling',
      minSize: null,
      maxSize: null,
      maxConcurrency: null,
    })
  })

  it('answers not_found when no service has the configured name', async () => {
    ar.on(ListServicesCommand).resolves({ ServiceSummaryList: [serviceSummaries[0]!] })
    const r = await getService()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('not_found')
    expect(ar.commandCalls(DescribeServiceCommand)).toHaveLength(0)
  })

  it.each([
    ['throttling', throttled(), 'aws_throttled'],
    ['access denied', accessDenied('apprunner:DescribeService'), 'aws_denied'],
    ['timeout', timeout(), 'aws_timeout'],
    ['not found', awsError('ResourceNotFoundException', 'no service'), 'not_found'],
    ['malformed answer', malformed(), 'aws_error'],
  ])('maps %s on DescribeService to %s', async (_label, error, code) => {
    healthyWorld()
    ar.on(DescribeServiceCommand).rejects(error)
    const r = await getService()
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe(code)
    if (code === 'aws_denied') expect(r.error.message).toContain('apprunner:DescribeService')
  })
})

describe('warmUp', () => {
  it('resolves the identity and the auto-scaling sizes, so the next service read is one DescribeService', async () => {
    healthyWorld()
    const r = await warmUp()
    expect(r).toEqual({ ok: true, data: { name: 'appfactory-app-service', id: SERVICE_ID, arn: SERVICE_ARN } })
    expect(ar.commandCalls(DescribeAutoScalingConfigurationCommand)).toHaveLength(1)
    ar.resetHistory()
    const service = await getService()
    expect(service.ok && service.data.autoScaling).toMatchObject({ minSize: 1, maxSize: 10 })
    // The status was not cached by the warm-up: the page reads it, and only it.
    expect(ar.commandCalls(DescribeServiceCommand)).toHaveLength(1)
    expect(ar.commandCalls(ListServicesCommand)).toHaveLength(0)
    expect(ar.commandCalls(DescribeAutoScalingConfigurationCommand)).toHaveLength(0)
  })

  it('reports a failed identity read, and a later page read retries it', async () => {
    ar.on(ListServicesCommand).rejectsOnce(throttled()).resolves({ ServiceSummaryList: serviceSummaries })
    ar.on(DescribeServiceCommand).resolves({ Service: describedService() })
    ar.on(DescribeAutoScalingConfigurationCommand).resolves({ AutoScalingConfiguration: autoScaling })
    const r = await warmUp()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('aws_throttled')
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 3000)
    expect((await getService()).ok).toBe(true)
  })

  it('drops the resolved ARN when DescribeService says it no longer exists', async () => {
    healthyWorld()
    ar.on(DescribeServiceCommand).rejectsOnce(awsError('ResourceNotFoundException', 'no service')).resolves({ Service: describedService() })
    const r = await warmUp()
    expect(!r.ok && r.error.code).toBe('not_found')
    await getService()
    expect(ar.commandCalls(ListServicesCommand)).toHaveLength(2)
  })

  it('keeps the service identity past its TTL, re-reading it in the background', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    healthyWorld()
    await warmUp()
    vi.setSystemTime(new Date('2026-03-02T11:00:00Z'))
    ar.resetHistory()
    const r = await getService()
    expect(r.ok).toBe(true)
    // The page did not wait for ListServices: DescribeService went out with the known ARN while it ran.
    expect(ar.commandCalls(DescribeServiceCommand)[0]?.args[0].input).toEqual({ ServiceArn: SERVICE_ARN })
    expect(ar.commandCalls(ListServicesCommand)).toHaveLength(1)
  })
})

describe('listOperations', () => {
  it('maps operations newest first with ISO times and absent fields as null', async () => {
    healthyWorld()
    const r = await listOperations()
    expect(r.ok && r.data.operations).toEqual([
      {
        id: '0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
        type: 'UPDATE_SERVICE',
        status: 'SUCCEEDED',
        targetArn: SERVICE_ARN,
        startedAt: '2026-03-01T08:25:00.000Z',
        endedAt: '2026-03-01T08:30:00.000Z',
        updatedAt: '2026-03-01T08:30:00.000Z',
      },
      {
        id: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d',
        type: 'CREATE_SERVICE',
        status: 'SUCCEEDED',
        targetArn: null,
        startedAt: '2026-01-27T09:00:00.000Z',
        endedAt: null,
        updatedAt: null,
      },
    ])
    expect(ar.commandCalls(ListOperationsCommand)[0]?.args[0].input).toEqual({ ServiceArn: SERVICE_ARN, MaxResults: 20 })
  })

  it('treats an unknown operation status as still running, and polls fast while one runs', async () => {
    expect(toOperation({ Id: 'x', Status: 'BRAND_NEW' as 'PENDING' })).toMatchObject({ ok: true, data: { status: 'PENDING' } })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    healthyWorld()
    ar.on(ListOperationsCommand).resolves({ OperationSummaryList: [runningOperation, ...operations] })
    await listOperations()
    vi.setSystemTime(new Date('2026-03-02T10:00:03Z'))
    await listOperations()
    expect(ar.commandCalls(ListOperationsCommand)).toHaveLength(2)
  })
})

describe('getVpcConnector', () => {
  it('maps the connector', async () => {
    ar.on(DescribeVpcConnectorCommand).resolves({
      VpcConnector: {
        VpcConnectorArn: VPC_CONNECTOR_ARN,
        VpcConnectorName: 'appfactory-vpc-connector',
        Status: 'ACTIVE',
        Subnets: ['subnet-1'],
        SecurityGroups: ['sg-1'],
      },
    })
    expect(await getVpcConnector(VPC_CONNECTOR_ARN)).toEqual({
      ok: true,
      data: { arn: VPC_CONNECTOR_ARN, name: 'appfactory-vpc-connector', status: 'ACTIVE', subnets: ['subnet-1'], securityGroups: ['sg-1'] },
    })
    expect(ar.commandCalls(DescribeVpcConnectorCommand)[0]?.args[0].input).toEqual({ VpcConnectorArn: VPC_CONNECTOR_ARN })
  })
})

describe('writes', () => {
  const newImage = '082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app:0123456789abcdef0123456789abcdef01234567'

  it('updateServiceImage carries over the image configuration and access role, and invalidates the cache', async () => {
    healthyWorld()
    ar.on(UpdateServiceCommand).resolves({ Service: describedService({ Status: 'OPERATION_IN_PROGRESS' }), OperationId: 'op-1' })
    await getService()
    const r = await updateServiceImage(newImage)
    expect(r).toEqual({ ok: true, data: { operationId: 'op-1' } })
    const input = ar.commandCalls(UpdateServiceCommand)[0]?.args[0].input
    expect(input).toEqual({
      ServiceArn: SERVICE_ARN,
      SourceConfiguration: {
        ImageRepository: {
          ImageIdentifier: newImage,
          ImageRepositoryType: 'ECR',
          ImageConfiguration: describedService().SourceConfiguration?.ImageRepository?.ImageConfiguration,
        },
        AutoDeploymentsEnabled: false,
        AuthenticationConfiguration: { AccessRoleArn: ACCESS_ROLE_ARN },
      },
    })
    // AWS needs the real value back; it is sent, never returned.
    expect(input?.SourceConfiguration?.ImageRepository?.ImageConfiguration?.RuntimeEnvironmentVariables?.DATABASE_URL).toBe(DATABASE_URL)
    expect(JSON.stringify(r)).not.toContain(SEED_PASSWORD)
    // Cached service read before the write (1), fresh read inside the write (2), re-read after invalidation (3).
    await getService()
    expect(ar.commandCalls(DescribeServiceCommand)).toHaveLength(3)
  })

  it('maps InvalidStateException to conflict', async () => {
    healthyWorld()
    ar.on(UpdateServiceCommand).rejects(awsError('InvalidStateException', 'Service is in OPERATION_IN_PROGRESS state'))
    const r = await updateServiceImage(newImage)
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict', awsCode: 'InvalidStateException' }) })
  })

  it('refuses an identifier without tag or digest, and a service without an image repository', async () => {
    healthyWorld()
    expect(await updateServiceImage('not an image')).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    ar.on(DescribeServiceCommand).resolves({
      Service: describedService({
        SourceConfiguration: { CodeRepository: { RepositoryUrl: 'x', SourceCodeVersion: { Type: 'BRANCH', Value: 'main' } } },
      }),
    })
    expect(await updateServiceImage(newImage)).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(ar.commandCalls(UpdateServiceCommand)).toHaveLength(0)
  })

  it('startDeployment, pauseService and resumeService send the ARN and return the operation id', async () => {
    healthyWorld()
    ar.on(StartDeploymentCommand).resolves({ OperationId: 'op-s' })
    ar.on(PauseServiceCommand).resolves({ OperationId: 'op-p', Service: describedService() })
    ar.on(ResumeServiceCommand).resolves({ OperationId: 'op-r', Service: describedService() })
    expect(await startDeployment()).toEqual({ ok: true, data: { operationId: 'op-s' } })
    expect(await pauseService()).toEqual({ ok: true, data: { operationId: 'op-p' } })
    expect(await resumeService()).toEqual({ ok: true, data: { operationId: 'op-r' } })
    expect(ar.commandCalls(StartDeploymentCommand)[0]?.args[0].input).toEqual({ ServiceArn: SERVICE_ARN })
    expect(ar.commandCalls(PauseServiceCommand)[0]?.args[0].input).toEqual({ ServiceArn: SERVICE_ARN })
    expect(ar.commandCalls(ResumeServiceCommand)[0]?.args[0].input).toEqual({ ServiceArn: SERVICE_ARN })
  })

  it('reports an answer without OperationId as aws_error', async () => {
    healthyWorld()
    ar.on(StartDeploymentCommand).resolves({})
    expect(await startDeployment()).toMatchObject({ ok: false, error: { code: 'aws_error', message: 'AWS answered without OperationId.' } })
  })
})

describe('runtime', () => {
  it('deployImage builds the image identifier from the repository URI and the SHA', async () => {
    healthyWorld()
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [repository] })
    ar.on(UpdateServiceCommand).resolves({ OperationId: 'op-d', Service: describedService() })
    const sha = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01'
    const r = await runtime.deployImage(sha)
    const expected = `${repository.repositoryUri}:${sha.toLowerCase()}`
    expect(r).toEqual({ ok: true, data: { operationId: 'op-d', imageIdentifier: expected } })
    expect(ar.commandCalls(UpdateServiceCommand)[0]?.args[0].input.SourceConfiguration?.ImageRepository?.ImageIdentifier).toBe(expected)
  })

  it('deployImage rejects a non-SHA without calling AWS; redeployCurrent is StartDeployment', async () => {
    expect(await runtime.deployImage('latest')).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(ar.calls()).toHaveLength(0)
    healthyWorld()
    ar.on(StartDeploymentCommand).resolves({ OperationId: 'op-x' })
    expect(await runtime.redeployCurrent()).toEqual({ ok: true, data: { operationId: 'op-x' } })
  })
})
