import { AppRunnerClient, DescribeServiceCommand } from '@aws-sdk/client-apprunner'
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr'
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startEmulator, type Emulator } from '../core/server'
import {
  ACCOUNT_ID,
  CALLER_ARN,
  CONNECTOR_SG_ID,
  DB_SG_ID,
  ECR_POWER_USER_ARN,
  ECR_REPOSITORY,
  GITHUB_ROLE,
  SCENARIOS,
  SERVICE_ARN,
  SERVICE_ID,
} from '../world/constants'
import { appHealth } from '../world/health'
import { createWorld } from '../world/world'
import { caught, clientConfig, control, signedFetch, start } from './helpers'

const repositoryName = ECR_REPOSITORY

describe('protocol layer and control surface', () => {
  let emu: Emulator
  let ecr: ECRClient
  let rds: RDSClient
  let sts: STSClient
  let ar: AppRunnerClient
  beforeAll(async () => {
    emu = await start()
    ecr = new ECRClient(clientConfig(emu.url))
    rds = new RDSClient(clientConfig(emu.url))
    sts = new STSClient(clientConfig(emu.url))
    ar = new AppRunnerClient(clientConfig(emu.url))
  })
  beforeEach(async () => {
    await control(emu.url, 'POST', '/_emulator/reset', {})
  })
  afterAll(async () => {
    for (const c of [ecr, rds, sts, ar]) c.destroy()
    await emu.close()
  })

  it('STS GetCallerIdentity answers the AppFactory account', async () => {
    const out = await sts.send(new GetCallerIdentityCommand({}))
    expect(out.Account).toBe(ACCOUNT_ID)
    expect(out.Arn).toBe(CALLER_ARN)
    expect(out.UserId).toBeTruthy()
    expect(out.$metadata.requestId).toBeTruthy()
  })

  it('counts calls per signing name and operation, and resets the counts', async () => {
    await control(emu.url, 'DELETE', '/_emulator/calls')
    await ecr.send(new DescribeImagesCommand({ repositoryName }))
    await ecr.send(new DescribeImagesCommand({ repositoryName }))
    await rds.send(new DescribeDBInstancesCommand({}))
    const { body } = await control(emu.url, 'GET', '/_emulator/calls')
    expect(body).toEqual({ 'ecr.DescribeImages': 2, 'rds.DescribeDBInstances': 1 })
    await control(emu.url, 'DELETE', '/_emulator/calls')
    expect((await control(emu.url, 'GET', '/_emulator/calls')).body).toEqual({})
  })

  it('keeps a timeline of the calls: when each arrived and was answered, cleared with the counts', async () => {
    await control(emu.url, 'DELETE', '/_emulator/calls')
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'rds', latencyMs: 60 })
    await Promise.all([ecr.send(new DescribeImagesCommand({ repositoryName })), rds.send(new DescribeDBInstancesCommand({}))])
    await control(emu.url, 'DELETE', '/_emulator/faults')
    const { body } = await control(emu.url, 'GET', '/_emulator/calls/timeline')
    const calls = (body as { calls: { call: string; startMs: number; endMs: number }[] }).calls
    expect(calls.map((c) => c.call).toSorted()).toEqual(['ecr.DescribeImages', 'rds.DescribeDBInstances'])
    const db = calls.find((c) => c.call === 'rds.DescribeDBInstances')!
    expect(db.endMs - db.startMs).toBeGreaterThanOrEqual(55)
    expect((body as { nowMs: number }).nowMs).toBeGreaterThanOrEqual(db.endMs)
    await control(emu.url, 'DELETE', '/_emulator/calls')
    expect((await control(emu.url, 'GET', '/_emulator/calls/timeline')).body).toMatchObject({ calls: [] })
  })

  it('names what a CloudTrail lookup or a GetMetricData reads (subject), so calls can be counted per resource', async () => {
    await control(emu.url, 'DELETE', '/_emulator/calls')
    const trail = new CloudTrailClient(clientConfig(emu.url))
    const cloudwatch = new CloudWatchClient(clientConfig(emu.url))
    await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'UpdateService' }] }))
    const metric = {
      Namespace: 'AWS/RDS',
      MetricName: 'CPUUtilization',
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'appfactory-db' }],
    }
    await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(Date.now() - 3_600_000),
        EndTime: new Date(),
        MetricDataQueries: [
          { Id: 'rds_cpu', MetricStat: { Metric: metric, Period: 60, Stat: 'Average' } },
          { Id: 'rds_cpu_max', MetricStat: { Metric: metric, Period: 60, Stat: 'Maximum' } },
        ],
      }),
    )
    await cloudwatch.send(new DescribeAlarmsCommand({}))
    const { body } = await control(emu.url, 'GET', '/_emulator/calls/timeline')
    expect((body as { calls: { call: string; subject?: string }[] }).calls.map((c) => [c.call, c.subject])).toEqual([
      ['cloudtrail.LookupEvents', 'EventName=UpdateService'],
      ['monitoring.GetMetricData', 'rds_cpu,rds_cpu_max'],
      ['monitoring.DescribeAlarms', undefined],
    ])
  })

  it('injects throttling on JSON (ThrottlingException) and query (Throttling), counted as calls', async () => {
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'ecr', operation: 'DescribeImages', error: 'ThrottlingException' })
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'rds', error: 'ThrottlingException' })
    const e1 = await caught(() => ecr.send(new DescribeImagesCommand({ repositoryName })))
    expect(e1.name).toBe('ThrottlingException')
    expect(e1.$metadata?.httpStatusCode).toBe(400)
    const e2 = await caught(() => rds.send(new DescribeDBInstancesCommand({})))
    expect(e2.name).toBe('Throttling')
    // Other services and operations are unaffected.
    await sts.send(new GetCallerIdentityCommand({}))
    await control(emu.url, 'DELETE', '/_emulator/faults')
    await ecr.send(new DescribeImagesCommand({ repositoryName }))
    expect((await control(emu.url, 'GET', '/_emulator/calls')).body).toMatchObject({
      'ecr.DescribeImages': 2,
      'rds.DescribeDBInstances': 1,
    })
  })

  it('retries an injected throttle like real AWS (3 attempts by default)', async () => {
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'sts', error: 'ThrottlingException' })
    const retrying = new STSClient({ ...clientConfig(emu.url, 3), retryStrategy: undefined })
    const e = await caught(() => retrying.send(new GetCallerIdentityCommand({})))
    retrying.destroy()
    expect(e.name).toBe('Throttling')
    expect((await control(emu.url, 'GET', '/_emulator/calls')).body).toMatchObject({ 'sts.GetCallerIdentity': 3 })
  }, 20_000)

  it('injects AccessDenied per protocol and 500 InternalFailure', async () => {
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'ecr', error: 'AccessDeniedException' })
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'rds', error: 'AccessDenied' })
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'apprunner', error: 'InternalFailure' })
    const e1 = await caught(() => ecr.send(new DescribeImagesCommand({ repositoryName })))
    expect(e1.name).toBe('AccessDeniedException')
    expect(e1.message).toContain('ecr:DescribeImages')
    const e2 = await caught(() => rds.send(new DescribeDBInstancesCommand({})))
    expect(e2.name).toBe('AccessDenied')
    expect(e2.$metadata?.httpStatusCode).toBe(403)
    const e3 = await caught(() => ar.send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN })))
    expect(e3.name).toBe('InternalFailure')
    expect(e3.$metadata?.httpStatusCode).toBe(500)
    expect(e3.$fault).toBe('server')
  })

  it('encodes injected throttling the way CloudWatch (query-compatible JSON) and EC2 send it', async () => {
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'monitoring', error: 'ThrottlingException' })
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'ec2', error: 'ThrottlingException' })
    const cw = new CloudWatchClient(clientConfig(emu.url))
    const ec2 = new EC2Client(clientConfig(emu.url))
    const e1 = await caught(() => cw.send(new DescribeAlarmsCommand({})))
    expect(e1.name).toBe('Throttling')
    const e2 = await caught(() => ec2.send(new DescribeSecurityGroupsCommand({})))
    expect(e2.name).toBe('RequestLimitExceeded')
    expect(e2.$metadata?.httpStatusCode).toBe(503)
    cw.destroy()
    ec2.destroy()
  })

  it('rate 0 never fires; rate 1 always does', async () => {
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'ecr', error: 'ThrottlingException', rate: 0 })
    for (let i = 0; i < 5; i++) await ecr.send(new DescribeImagesCommand({ repositoryName }))
    await control(emu.url, 'DELETE', '/_emulator/faults')
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'ecr', error: 'ThrottlingException', rate: 1 })
    for (let i = 0; i < 3; i++)
      expect((await caught(() => ecr.send(new DescribeImagesCommand({ repositoryName })))).name).toBe('ThrottlingException')
  })

  it('injects latency and malformed bodies', async () => {
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'sts', latencyMs: 300 })
    const t0 = Date.now()
    await sts.send(new GetCallerIdentityCommand({}))
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280)
    await control(emu.url, 'DELETE', '/_emulator/faults')
    await control(emu.url, 'POST', '/_emulator/faults', { malformed: true })
    const e1 = await caught(() => ecr.send(new DescribeImagesCommand({ repositoryName })))
    expect(e1.name).not.toBe('ThrottlingException')
    const e2 = await caught(() => rds.send(new DescribeDBInstancesCommand({})))
    expect(e2).toBeInstanceOf(Error)
    const e3 = await caught(() => ar.send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN })))
    expect(e3).toBeInstanceOf(Error)
  })

  it('a malformed body is one no client can read: cut off, and not UTF-8', async () => {
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'ecr', malformed: true })
    const r = await signedFetch(emu.url, 'ecr', {
      contentType: 'application/x-amz-json-1.1',
      target: 'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories',
      body: '{}',
    })
    expect(r.status).toBe(200)
    const bytes = new Uint8Array(await r.arrayBuffer())
    // A strict decoder refuses it (botocore decodes before it parses), and so does every JSON parser.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    expect(() => JSON.parse(new TextDecoder().decode(bytes)) as unknown).toThrow()
    const e = await caught(() => ecr.send(new DescribeImagesCommand({ repositoryName })))
    expect(e.$metadata?.httpStatusCode).toBe(200)
  })

  it('the html fault answers an HTML page with HTTP 500 and no AWS request id, as a proxy would', async () => {
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'apprunner', html: true })
    const e = await caught(() => ar.send(new DescribeServiceCommand({ ServiceArn: SERVICE_ARN })))
    expect(e.$metadata?.httpStatusCode).toBe(500)
    expect(e.$metadata?.requestId).toBeUndefined()
    const r = await signedFetch(emu.url, 'apprunner', {
      contentType: 'application/x-amz-json-1.0',
      target: 'AppRunner.ListServices',
      body: '{}',
    })
    expect(r.status).toBe(500)
    expect(r.headers.get('content-type')).toMatch(/^text\/html/)
    expect(r.headers.get('x-amzn-requestid')).toBeNull()
    expect(await r.text()).toContain('<title>500 Internal Server Error</title>')
    // Other services are unaffected; another status can be asked for.
    await ecr.send(new DescribeImagesCommand({ repositoryName }))
    await control(emu.url, 'DELETE', '/_emulator/faults')
    await control(emu.url, 'POST', '/_emulator/faults', { service: 'rds', html: true, status: 502 })
    expect((await caught(() => rds.send(new DescribeDBInstancesCommand({})))).$metadata?.httpStatusCode).toBe(502)
  })

  it('validates fault bodies', async () => {
    expect((await control(emu.url, 'POST', '/_emulator/faults', { service: 'nope', error: 'X' })).status).toBe(400)
    expect((await control(emu.url, 'POST', '/_emulator/faults', { error: 'X', rate: 2 })).status).toBe(400)
    expect((await control(emu.url, 'POST', '/_emulator/faults', {})).status).toBe(400)
    expect((await control(emu.url, 'POST', '/_emulator/faults', { html: 'yes' })).status).toBe(400)
    expect((await control(emu.url, 'POST', '/_emulator/faults', { html: true, malformed: true })).status).toBe(400)
    expect((await control(emu.url, 'POST', '/_emulator/faults', { service: 'cloudtrail', html: true })).status).toBe(200)
  })

  it('answers unknown operations with the AWS error, not a crash', async () => {
    const json = await signedFetch(emu.url, 'ecr', {
      contentType: 'application/x-amz-json-1.1',
      target: 'AmazonEC2ContainerRegistry_V20150921.DeleteEverything',
      body: '{}',
    })
    expect(json.status).toBe(400)
    expect(json.headers.get('x-amzn-requestid')).toBeTruthy()
    expect(((await json.json()) as { __type: string }).__type).toBe('UnknownOperationException')
    const query = await signedFetch(emu.url, 'rds', {
      contentType: 'application/x-www-form-urlencoded',
      body: 'Action=DeleteDBInstance&Version=2014-10-31&DBInstanceIdentifier=appfactory-db',
    })
    expect(query.status).toBe(400)
    expect(await query.text()).toContain('<Code>InvalidAction</Code>')
    const garbage = await signedFetch(emu.url, 'ecr', {
      contentType: 'application/x-amz-json-1.1',
      target: 'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
      body: '{not json',
    })
    expect(garbage.status).toBe(400)
    expect(((await garbage.json()) as { __type: string }).__type).toBe('SerializationException')
    // Still alive.
    await sts.send(new GetCallerIdentityCommand({}))
  })

  it('GET /_emulator/state returns the world; reset validates the scenario', async () => {
    const { status, body } = await control(emu.url, 'GET', '/_emulator/state')
    expect(status).toBe(200)
    expect(body).toMatchObject({ scenario: 'healthy', appHealth: { ok: true }, service: { arn: SERVICE_ARN } })
    const bad = await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'nope' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('db-stopped')
    const ok = await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'db-stopped' })
    expect(ok.body).toMatchObject({ scenario: 'db-stopped' })
    expect((await rds.send(new DescribeDBInstancesCommand({}))).DBInstances?.[0]?.DBInstanceStatus).toBe('stopped')
    await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'healthy' })
  })

  it("serves the service's app health like the real app", async () => {
    const ok = await fetch(`${emu.url}/_app/${SERVICE_ID}/health`)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ status: 'ok' })
    await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'database-url-missing' })
    const bad = await fetch(`${emu.url}/_app/${SERVICE_ID}/health`)
    expect(bad.status).toBe(503)
    expect(await bad.json()).toMatchObject({ status: 'error', reason: expect.stringContaining('DATABASE_URL') })
    expect((await fetch(`${emu.url}/_app/nope/health`)).status).toBe(404)
  })
})

describe('global latency', () => {
  it('delays AWS calls but not control routes', async () => {
    const emu = await start({ latencyMs: 250 })
    const sts = new STSClient(clientConfig(emu.url))
    try {
      let t0 = Date.now()
      await control(emu.url, 'GET', '/_emulator/calls')
      expect(Date.now() - t0).toBeLessThan(200)
      t0 = Date.now()
      await sts.send(new GetCallerIdentityCommand({}))
      expect(Date.now() - t0).toBeGreaterThanOrEqual(240)
    } finally {
      sts.destroy()
      await emu.close()
    }
  })
})

describe('scenarios', () => {
  it('each scenario changes what it should, and health follows', () => {
    const now = Date.now()
    const healthy = createWorld({ now })
    expect(appHealth(healthy)).toEqual({ ok: true })

    const role = createWorld({ scenario: 'role-missing-ecr-policy', now })
    expect(role.iam.roles[GITHUB_ROLE]?.attachedPolicyArns).not.toContain(ECR_POWER_USER_ARN)
    expect(healthy.iam.roles[GITHUB_ROLE]?.attachedPolicyArns).toContain(ECR_POWER_USER_ARN)
    expect(appHealth(role).ok).toBe(true)

    const sg = createWorld({ scenario: 'sg-blocks-db', now })
    const rules = sg.securityGroups[DB_SG_ID]?.ingress ?? []
    expect(rules.some((r) => r.sourceGroupIds.includes(CONNECTOR_SG_ID))).toBe(false)
    expect(appHealth(sg).ok).toBe(false)

    const url = createWorld({ scenario: 'database-url-missing', now })
    expect(url.service!.env.map((e) => e.name)).not.toContain('DATABASE_URL')
    expect(appHealth(url).ok).toBe(false)

    const trust = createWorld({ scenario: 'trust-policy-wrong-repo', now })
    expect(JSON.stringify(trust.iam.roles[GITHUB_ROLE]?.trustPolicy)).toContain('repo:hanpieter1/AppFactory-old:*')
    expect(appHealth(trust).ok).toBe(true)

    const stopped = createWorld({ scenario: 'db-stopped', now })
    expect(stopped.db.status).toBe('stopped')
    expect(now - (stopped.db.stoppedAt ?? 0)).toBe(2 * 24 * 3_600_000)
    expect(appHealth(stopped).ok).toBe(false)

    const documented = createWorld({ scenario: 'as-documented', now })
    expect(documented.service).toBeNull()
    expect(documented.vpcConnectors).toEqual([])
    expect(documented.autoScalingConfigs.map((a) => a.name)).toEqual(['DefaultConfiguration'])
    expect(documented.alarms).toEqual([])
    expect(documented.logs.listGroups()).toEqual([])
    expect(documented.trail.map((e) => e.eventName)).toEqual(['CreateDBInstance'])
    expect(documented.db.status).toBe('creating')
    expect(documented.images.length).toBe(healthy.images.length)
    expect(Object.keys(documented.securityGroups)).toEqual(Object.keys(healthy.securityGroups))
    expect(documented.iam.oidcProviders).toEqual(healthy.iam.oidcProviders)
    expect(documented.iam.roles[GITHUB_ROLE]).toEqual(healthy.iam.roles[GITHUB_ROLE])
    expect(appHealth(documented)).toEqual({ ok: false, reason: 'the App Runner service does not exist' })
    const narrow = createWorld({ scenario: 'scheduler-role-missing-rds', now })
    expect(JSON.stringify(narrow.iam.roles.AppFactorySchedulerRole?.inlinePolicies)).not.toContain('rds:')
    expect(JSON.stringify(narrow.iam.roles.AppFactorySchedulerRole?.inlinePolicies)).toContain('apprunner:PauseService')
    expect(appHealth(narrow).ok).toBe(true)
    expect(SCENARIOS).toHaveLength(8)
  })

  it('refuses to start on an unknown scenario, listing the valid ones', async () => {
    await expect(startEmulator({ port: 0, scenario: 'nope' as 'healthy' })).rejects.toThrow(/healthy, role-missing-ecr-policy/)
  })
})
