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
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { RDSClient, StartDBInstanceCommand, StopDBInstanceCommand } from '@aws-sdk/client-rds'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import {
  AUTOSCALING_ARN,
  CONNECTOR_SG_ID,
  DATABASE_URL,
  ECR_REPOSITORY_URI,
  SERVICE_ARN,
  SERVICE_ID,
  SERVICE_LOG_GROUP,
  SERVICE_NAME,
  VPC_CONNECTOR_ARN,
} from '../world/constants'
import { commitSha } from '../world/images'
import { caught, clientConfig, control, start, waitFor } from './helpers'

const MINUTE = 60_000

describe('App Runner contract (reads)', () => {
  let emu: Emulator
  let ar: AppRunnerClient
  beforeAll(async () => {
    emu = await start()
    ar = new AppRunnerClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    ar.destroy()
    await emu.close()
  })

  it('ListServices and DescribeService describe the seed service', async () => {
    const list = await ar.send(new ListServicesCommand({}))
    expect(list.ServiceSummaryList?.map((s) => s.ServiceArn)).toEqual([SERVICE_ARN])
    const { Service: s } = await ar.send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN }))
    expect(s?.ServiceName).toBe(SERVICE_NAME)
    expect(s?.ServiceId).toBe(SERVICE_ID)
    expect(s?.Status).toBe('RUNNING')
    expect(s?.ServiceUrl).toBe(`127.0.0.1:${emu.port}/_app/${SERVICE_ID}`)
    expect(s?.CreatedAt).toBeInstanceOf(Date)
    const img = s?.SourceConfiguration?.ImageRepository
    expect(img?.ImageIdentifier).toBe(`${ECR_REPOSITORY_URI}:${commitSha(2)}`)
    expect(img?.ImageRepositoryType).toBe('ECR')
    expect(img?.ImageConfiguration?.Port).toBe('3000')
    expect(img?.ImageConfiguration?.RuntimeEnvironmentVariables).toEqual({
      NODE_ENV: 'production',
      PORT: '3000',
      LOG_LEVEL: 'info',
      DATABASE_URL,
      DB_POOL_MAX: '20',
    })
    expect(s?.InstanceConfiguration).toMatchObject({ Cpu: '1024', Memory: '2048' })
    expect(s?.HealthCheckConfiguration).toMatchObject({ Protocol: 'HTTP', Path: '/health' })
    expect(s?.AutoScalingConfigurationSummary?.AutoScalingConfigurationArn).toBe(AUTOSCALING_ARN)
    expect(s?.NetworkConfiguration?.EgressConfiguration).toEqual({ EgressType: 'VPC', VpcConnectorArn: VPC_CONNECTOR_ARN })
  })

  it('ListOperations lists the history newest first, including a rollback', async () => {
    const out = await ar.send(new ListOperationsCommand({ ServiceArn: SERVICE_ARN }))
    const ops = out.OperationSummaryList ?? []
    expect(ops.length).toBeGreaterThanOrEqual(4)
    expect(ops.at(-1)?.Type).toBe('CREATE_SERVICE')
    expect(ops[0]).toMatchObject({ Type: 'UPDATE_SERVICE', Status: 'SUCCEEDED', TargetArn: SERVICE_ARN })
    expect(ops.some((o) => o.Status === 'ROLLBACK_SUCCEEDED')).toBe(true)
    const started = ops.map((o) => o.StartedAt?.getTime() ?? 0)
    expect([...started].sort((a, b) => b - a)).toEqual(started)
    for (const o of ops) expect(o.Id).toMatch(/^[0-9a-f-]{36}$/)
    const page = await ar.send(new ListOperationsCommand({ ServiceArn: SERVICE_ARN, MaxResults: 2 }))
    expect(page.OperationSummaryList).toHaveLength(2)
    expect(page.NextToken).toBeTruthy()
  })

  it('DescribeVpcConnector and DescribeAutoScalingConfiguration', async () => {
    const { VpcConnector: v } = await ar.send(new DescribeVpcConnectorCommand({ VpcConnectorArn: VPC_CONNECTOR_ARN }))
    expect(v?.SecurityGroups).toEqual([CONNECTOR_SG_ID])
    expect(v?.Subnets).toHaveLength(2)
    expect(v?.Status).toBe('ACTIVE')
    const { AutoScalingConfiguration: a } = await ar.send(
      new DescribeAutoScalingConfigurationCommand({ AutoScalingConfigurationArn: AUTOSCALING_ARN }),
    )
    expect(a).toMatchObject({ MinSize: 1, MaxSize: 10, MaxConcurrency: 100 })
  })

  it('unknown ARNs raise ResourceNotFoundException', async () => {
    const bad = SERVICE_ARN.replace(SERVICE_ID, '0'.repeat(32))
    for (const cmd of [
      new DescribeServiceCommand({ ServiceArn: bad }),
      new ListOperationsCommand({ ServiceArn: bad }),
      new PauseServiceCommand({ ServiceArn: bad }),
    ]) {
      const e = await caught(() => ar.send(cmd as DescribeServiceCommand))
      expect(e.name).toBe('ResourceNotFoundException')
    }
    const e = await caught(() => ar.send(new DescribeVpcConnectorCommand({ VpcConnectorArn: `${VPC_CONNECTOR_ARN}x` })))
    expect(e.name).toBe('ResourceNotFoundException')
  })
})

describe('App Runner operations', () => {
  let emu: Emulator
  let ar: AppRunnerClient
  let logs: CloudWatchLogsClient
  beforeAll(async () => {
    emu = await start()
    ar = new AppRunnerClient(clientConfig(emu.url))
    logs = new CloudWatchLogsClient(clientConfig(emu.url))
  })
  beforeEach(async () => {
    await control(emu.url, 'POST', '/_emulator/reset', {})
  })
  afterAll(async () => {
    ar.destroy()
    logs.destroy()
    await emu.close()
  })

  const describe_ = () => ar.send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN })).then((o) => o.Service)
  const ops = () => ar.send(new ListOperationsCommand({ ServiceArn: SERVICE_ARN })).then((o) => o.OperationSummaryList ?? [])

  it('UpdateService deploys a new image: in progress at once, other mutations refused, SUCCEEDED after ~5 min', async () => {
    const target = `${ECR_REPOSITORY_URI}:${commitSha(1)}`
    const out = await ar.send(
      new UpdateServiceCommand({
        ServiceArn: SERVICE_ARN,
        SourceConfiguration: { ImageRepository: { ImageIdentifier: target, ImageRepositoryType: 'ECR' } },
      }),
    )
    expect(out.OperationId).toMatch(/^[0-9a-f-]{36}$/)
    expect(out.Service?.Status).toBe('OPERATION_IN_PROGRESS')
    const first = (await ops())[0]
    expect(first).toMatchObject({ Id: out.OperationId, Type: 'UPDATE_SERVICE' })
    expect(['PENDING', 'IN_PROGRESS']).toContain(first?.Status)

    for (const cmd of [
      new UpdateServiceCommand({ ServiceArn: SERVICE_ARN }),
      new StartDeploymentCommand({ ServiceArn: SERVICE_ARN }),
      new PauseServiceCommand({ ServiceArn: SERVICE_ARN }),
      new ResumeServiceCommand({ ServiceArn: SERVICE_ARN }),
    ]) {
      const e = await caught(() => ar.send(cmd as UpdateServiceCommand))
      expect(e.name).toBe('InvalidStateException')
      expect(e.$metadata?.httpStatusCode).toBe(400)
    }

    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 2 * MINUTE })
    expect((await ops())[0]?.Status).toBe('IN_PROGRESS')
    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 4 * MINUTE })
    expect((await ops())[0]).toMatchObject({ Status: 'SUCCEEDED' })
    expect((await ops())[0]?.EndedAt).toBeInstanceOf(Date)
    const s = await describe_()
    expect(s?.Status).toBe('RUNNING')
    expect(s?.SourceConfiguration?.ImageRepository?.ImageIdentifier).toBe(target)
  })

  it('StartDeployment redeploys the same image; Pause and Resume move between RUNNING and PAUSED', async () => {
    const { OperationId } = await ar.send(new StartDeploymentCommand({ ServiceArn: SERVICE_ARN }))
    expect((await ops())[0]).toMatchObject({ Id: OperationId, Type: 'START_DEPLOYMENT' })
    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 6 * MINUTE })
    expect((await ops())[0]?.Status).toBe('SUCCEEDED')

    const paused = await ar.send(new PauseServiceCommand({ ServiceArn: SERVICE_ARN }))
    expect(paused.Service?.Status).toBe('OPERATION_IN_PROGRESS')
    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 4 * MINUTE })
    expect((await describe_())?.Status).toBe('PAUSED')
    const health = await fetch(`${emu.url}/_app/${SERVICE_ID}/health`)
    expect(health.status).toBe(503)
    const e = await caught(() => ar.send(new UpdateServiceCommand({ ServiceArn: SERVICE_ARN })))
    expect(e.name).toBe('InvalidStateException')
    const e2 = await caught(() => ar.send(new PauseServiceCommand({ ServiceArn: SERVICE_ARN })))
    expect(e2.name).toBe('InvalidStateException')

    await ar.send(new ResumeServiceCommand({ ServiceArn: SERVICE_ARN }))
    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 4 * MINUTE })
    expect((await describe_())?.Status).toBe('RUNNING')
    expect((await ops()).slice(0, 3).map((o) => o.Type)).toEqual(['RESUME_SERVICE', 'PAUSE_SERVICE', 'START_DEPLOYMENT'])
    expect((await fetch(`${emu.url}/_app/${SERVICE_ID}/health`)).status).toBe(200)
  })
})

describe('App Runner deployments are health-checked at their end, against the world as it is then', () => {
  let emu: Emulator
  let ar: AppRunnerClient
  let rds: RDSClient
  let logs: CloudWatchLogsClient
  beforeAll(async () => {
    emu = await start()
    ar = new AppRunnerClient(clientConfig(emu.url))
    rds = new RDSClient(clientConfig(emu.url))
    logs = new CloudWatchLogsClient(clientConfig(emu.url))
  })
  beforeEach(async () => {
    await control(emu.url, 'POST', '/_emulator/reset', {})
  })
  afterAll(async () => {
    for (const c of [ar, rds, logs]) c.destroy()
    await emu.close()
  })

  const ops = () => ar.send(new ListOperationsCommand({ ServiceArn: SERVICE_ARN })).then((o) => o.OperationSummaryList ?? [])
  const image = () =>
    ar
      .send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN }))
      .then((o) => o.Service?.SourceConfiguration?.ImageRepository?.ImageIdentifier)
  const advance = (ms: number) => control(emu.url, 'POST', '/_emulator/clock', { advanceMs: ms })
  const deployLog = async (id: string) =>
    (
      (
        await logs.send(
          new GetLogEventsCommand({ logGroupName: SERVICE_LOG_GROUP, logStreamName: `deployment/${id}`, startFromHead: true }),
        )
      ).events ?? []
    ).map((e) => e.message ?? '')
  const deploy = (sha: string) =>
    ar.send(
      new UpdateServiceCommand({
        ServiceArn: SERVICE_ARN,
        SourceConfiguration: { ImageRepository: { ImageIdentifier: `${ECR_REPOSITORY_URI}:${sha}`, ImageRepositoryType: 'ECR' } },
      }),
    )

  it('a deployment started just before the database was stopped rolls back, and its log names the cause', async () => {
    const before = await image()
    const { OperationId } = await deploy(commitSha(1))
    await rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'appfactory-db' }))
    await advance(2 * MINUTE)
    expect((await ops())[0]).toMatchObject({ Id: OperationId, Status: 'IN_PROGRESS' })
    // The database is stopped after 3 minutes; the new version is health-checked after about 3.5.
    await advance(2 * MINUTE)
    expect((await ops())[0]?.Status).toBe('ROLLBACK_IN_PROGRESS')
    expect(await image()).toBe(before)
    await advance(4 * MINUTE)
    expect((await ops())[0]?.Status).toBe('ROLLBACK_SUCCEEDED')
    const lines = await deployLog(OperationId!)
    const failure = lines.find((l) => l.includes('Health check failed'))
    expect(failure).toMatch(
      /Health check failed on protocol `HTTP` \[Path: '\/health'\], \[Port: '3000'\]\. database appfactory-db is stopped: connect ECONNREFUSED/,
    )
    expect(lines.indexOf(failure!)).toBeLessThan(lines.findIndex((l) => /Rollback completed successfully/.test(l)))
    expect(lines.some((l) => /completed successfully\.$/.test(l) && l.includes('Deployment with ID'))).toBe(false)
  })

  it('a database stopped after the health check passed does not undo the deployment', async () => {
    const { OperationId } = await deploy(commitSha(1))
    await advance(4 * MINUTE)
    await rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: 'appfactory-db' }))
    await advance(4 * MINUTE)
    expect((await ops())[0]).toMatchObject({ Id: OperationId, Status: 'SUCCEEDED' })
    expect(await image()).toBe(`${ECR_REPOSITORY_URI}:${commitSha(1)}`)
    expect((await deployLog(OperationId!)).join('\n')).toContain('Health check is successful. Routing traffic to application.')
  })

  it('a deployment started while the database was stopped succeeds when it is available again by the health check', async () => {
    await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'db-stopped' })
    await rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: 'appfactory-db' }))
    await advance(1 * MINUTE)
    const { OperationId } = await deploy(commitSha(1))
    // Starting takes 6 minutes: still starting at the health check of this deployment (3.5 minutes in).
    await advance(9 * MINUTE)
    expect((await ops())[0]).toMatchObject({ Id: OperationId, Status: 'ROLLBACK_SUCCEEDED' })
    expect((await deployLog(OperationId!)).join('\n')).toMatch(/database appfactory-db is starting/)
    const again = await deploy(commitSha(1))
    await advance(6 * MINUTE)
    expect((await ops())[0]).toMatchObject({ Id: again.OperationId, Status: 'SUCCEEDED' })
  })
})

describe('App Runner at high speed', () => {
  let emu: Emulator
  let ar: AppRunnerClient
  let logs: CloudWatchLogsClient
  beforeAll(async () => {
    emu = await start({ speed: 10_000 })
    ar = new AppRunnerClient(clientConfig(emu.url))
    logs = new CloudWatchLogsClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    ar.destroy()
    logs.destroy()
    await emu.close()
  })

  const latestOp = async () => (await ar.send(new ListOperationsCommand({ ServiceArn: SERVICE_ARN }))).OperationSummaryList?.[0]

  it('an update finishes by itself', async () => {
    const target = `${ECR_REPOSITORY_URI}:${commitSha(0)}`
    await ar.send(
      new UpdateServiceCommand({
        ServiceArn: SERVICE_ARN,
        SourceConfiguration: { ImageRepository: { ImageIdentifier: target, ImageRepositoryType: 'ECR' } },
      }),
    )
    await waitFor(async () => (await latestOp())?.Status === 'SUCCEEDED')
    const { Service } = await ar.send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN }))
    expect(Service?.Status).toBe('RUNNING')
    expect(Service?.SourceConfiguration?.ImageRepository?.ImageIdentifier).toBe(target)
  })

  it('an update to a tag missing from ECR rolls back and the deployment log says why', async () => {
    const before = (await ar.send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN }))).Service?.SourceConfiguration?.ImageRepository
      ?.ImageIdentifier
    const missing = `${ECR_REPOSITORY_URI}:${'e'.repeat(40)}`
    const { OperationId } = await ar.send(
      new UpdateServiceCommand({
        ServiceArn: SERVICE_ARN,
        SourceConfiguration: { ImageRepository: { ImageIdentifier: missing, ImageRepositoryType: 'ECR' } },
      }),
    )
    const seen = new Set<string>()
    await waitFor(async () => {
      const s = (await latestOp())?.Status ?? ''
      seen.add(s)
      return s === 'ROLLBACK_SUCCEEDED'
    })
    expect(seen.has('SUCCEEDED')).toBe(false)
    const { Service } = await ar.send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN }))
    expect(Service?.Status).toBe('RUNNING')
    expect(Service?.SourceConfiguration?.ImageRepository?.ImageIdentifier).toBe(before)
    const log = await logs.send(
      new GetLogEventsCommand({ logGroupName: SERVICE_LOG_GROUP, logStreamName: `deployment/${OperationId}`, startFromHead: true }),
    )
    const text = (log.events ?? []).map((e) => e.message).join('\n')
    expect(text).toContain('[AppRunner]')
    expect(text).toMatch(/Failed to pull your application image/)
    expect(text).toContain('e'.repeat(40))
  })
})
