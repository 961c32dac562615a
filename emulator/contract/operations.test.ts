/**
 * The operations and filters added for the portal's checks and panels, through the real SDK: ECR
 * ListImages and BatchGetImage, CloudWatch ListMetrics and GetMetricStatistics (and CloudWatch over
 * awsQuery), EC2 DescribeVpcs, DescribeSubnets and security-group filters, IAM inline policies,
 * CloudWatch Logs space-delimited filter patterns.
 */
import { createHash } from 'node:crypto'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import type { ServiceName } from '../models/sources'
import {
  CONNECTOR_SG_ID,
  DB_INSTANCE,
  DB_PORT,
  DB_SG_ID,
  ECR_REPOSITORY,
  GITHUB_ROLE,
  SERVICE_LOG_GROUP,
  SUBNET_IDS,
  VPC_ID,
} from '../world/constants'
import { commitSha } from '../world/images'
import { caught, control, start } from './helpers'
import { sdk, type SdkClient } from './sdk'

let emu: Emulator
const clients: SdkClient[] = []
const client = (name: ServiceName, opts: { awsQuery?: boolean } = {}) => {
  const c = sdk(name, emu.url, opts)
  clients.push(c)
  return c
}
const json = (name: ServiceName) => client(name)

beforeAll(async () => {
  emu = await start()
})
beforeEach(async () => {
  await control(emu.url, 'POST', '/_emulator/reset', {})
})
afterAll(async () => {
  for (const c of clients) c.destroy()
  await emu.close()
})

type Rec = Record<string, unknown>
const list = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : [])

describe('ECR', () => {
  it('ListImages lists one id per tag, pages, and filters untagged images', async () => {
    const ecr = json('ecr')
    const all = list((await ecr.send('ListImages', { repositoryName: ECR_REPOSITORY })).imageIds)
    expect(all).toHaveLength(13) // 12 images, the newest also tagged `latest`
    expect(all.filter((i) => i.imageTag === 'latest')).toHaveLength(1)
    const page = await ecr.send('ListImages', { repositoryName: ECR_REPOSITORY, maxResults: 5 })
    expect(list(page.imageIds)).toHaveLength(5)
    const next = await ecr.send('ListImages', { repositoryName: ECR_REPOSITORY, maxResults: 5, nextToken: page.nextToken })
    expect(list(next.imageIds)[0]).toEqual(all[5])
    expect(list((await ecr.send('ListImages', { repositoryName: ECR_REPOSITORY, filter: { tagStatus: 'UNTAGGED' } })).imageIds)).toEqual([])
  })

  it('BatchGetImage returns the manifest whose SHA-256 is the digest, and failures for what is missing', async () => {
    const ecr = json('ecr')
    const out = await ecr.send('BatchGetImage', {
      repositoryName: ECR_REPOSITORY,
      imageIds: [{ imageTag: commitSha(2) }, { imageTag: 'f'.repeat(40) }, { imageDigest: `sha256:${'0'.repeat(64)}` }],
    })
    const [image] = list(out.images)
    const manifest = String(image?.imageManifest)
    expect(JSON.parse(manifest)).toMatchObject({ schemaVersion: 2, layers: expect.any(Array) })
    expect((image?.imageId as Rec).imageDigest).toBe(`sha256:${createHash('sha256').update(manifest).digest('hex')}`)
    expect(list(out.failures).map((f) => f.failureCode)).toEqual(['ImageNotFound', 'ImageNotFound'])
  })
})

describe('CloudWatch', () => {
  const rdsCpu = { Namespace: 'AWS/RDS', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: DB_INSTANCE }] }

  it('ListMetrics lists every series with its dimensions, filtered by namespace, name and dimension', async () => {
    const cw = json('monitoring')
    const all = list((await cw.send('ListMetrics', {})).Metrics)
    expect(all.length).toBeGreaterThanOrEqual(16)
    const rds = list((await cw.send('ListMetrics', { Namespace: 'AWS/RDS', MetricName: 'CPUUtilization' })).Metrics)
    expect(rds).toEqual([rdsCpu])
    const byDimension = list((await cw.send('ListMetrics', { Dimensions: [{ Name: 'ServiceName' }] })).Metrics)
    expect(byDimension.every((m) => m.Namespace === 'AWS/AppRunner')).toBe(true)
    expect(list((await cw.send('ListMetrics', { Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'other' }] })).Metrics)).toEqual([])
  })

  it('ListMetrics RecentlyActive leaves out RDS metrics of a database stopped for days', async () => {
    await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'db-stopped' })
    const recent = list((await json('monitoring').send('ListMetrics', { RecentlyActive: 'PT3H' })).Metrics)
    expect(recent.some((m) => m.Namespace === 'AWS/RDS')).toBe(false)
    expect(recent.some((m) => m.Namespace === 'AWS/AppRunner')).toBe(true)
  })

  it('GetMetricStatistics agrees with GetMetricData, with the unit and extended statistics', async () => {
    const cw = json('monitoring')
    const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000)
    const start = new Date(end.getTime() - 6 * 3_600_000)
    const stats = await cw.send('GetMetricStatistics', {
      ...rdsCpu,
      StartTime: start,
      EndTime: end,
      Period: 3600,
      Statistics: ['Average', 'Maximum'],
    })
    const points = list(stats.Datapoints).sort((a, b) => (a.Timestamp as Date).getTime() - (b.Timestamp as Date).getTime())
    expect(points).toHaveLength(6)
    expect(points[0]).toMatchObject({ Unit: 'Percent', Average: expect.any(Number), Maximum: expect.any(Number) })
    const data = await cw.send('GetMetricData', {
      MetricDataQueries: [{ Id: 'cpu', MetricStat: { Metric: rdsCpu, Period: 3600, Stat: 'Average' } }],
      StartTime: start,
      EndTime: end,
      ScanBy: 'TimestampAscending',
    })
    expect(list(data.MetricDataResults)[0]?.Values).toEqual(points.map((p) => p.Average))
    const p99 = await cw.send('GetMetricStatistics', {
      ...rdsCpu,
      StartTime: start,
      EndTime: end,
      Period: 3600,
      ExtendedStatistics: ['p99'],
    })
    expect(list(p99.Datapoints)[0]?.ExtendedStatistics).toEqual({ p99: expect.any(Number) })
    expect((await caught(() => cw.send('GetMetricStatistics', { ...rdsCpu, StartTime: start, EndTime: end, Period: 3600 }))).name).toBe(
      'InvalidParameterCombinationException',
    )
  })

  it('answers over awsQuery what it answers over JSON (form request, XML answer)', async () => {
    const viaJson = json('monitoring')
    const viaQuery = client('monitoring', { awsQuery: true })
    const alarms = (c: SdkClient) => c.send('DescribeAlarms', {}).then((o) => list(o.MetricAlarms))
    expect(await alarms(viaQuery)).toEqual(await alarms(viaJson))
    const end = new Date(Math.floor(Date.now() / 60_000) * 60_000)
    const input = {
      MetricDataQueries: [{ Id: 'cpu', MetricStat: { Metric: rdsCpu, Period: 300, Stat: 'Average' } }],
      StartTime: new Date(end.getTime() - 3_600_000),
      EndTime: end,
    }
    const a = list((await viaQuery.send('GetMetricData', input)).MetricDataResults)
    expect(a[0]?.Values).toEqual(list((await viaJson.send('GetMetricData', input)).MetricDataResults)[0]?.Values)
    expect(a[0]?.Timestamps).toHaveLength(12)
    expect(list((await viaQuery.send('ListMetrics', { Namespace: 'AWS/RDS' })).Metrics).length).toBeGreaterThan(3)
    const e = await caught(() => viaQuery.send('DescribeAlarms', { AlarmNames: ['a'], AlarmNamePrefix: 'b' }))
    expect(e.name).toBe('InvalidParameterCombinationException')
  })
})

describe('EC2', () => {
  it('DescribeVpcs and DescribeSubnets describe the AppFactory VPC and its subnets', async () => {
    const ec2 = json('ec2')
    const vpcs = list((await ec2.send('DescribeVpcs', {})).Vpcs)
    expect(vpcs).toHaveLength(1)
    expect(vpcs[0]).toMatchObject({ VpcId: VPC_ID, State: 'available', IsDefault: true, CidrBlock: '172.31.0.0/16' })
    const subnets = list((await ec2.send('DescribeSubnets', { Filters: [{ Name: 'vpc-id', Values: [VPC_ID] }] })).Subnets)
    expect(subnets.map((s) => s.SubnetId).sort()).toEqual([...SUBNET_IDS].sort())
    expect(
      list((await ec2.send('DescribeSubnets', { Filters: [{ Name: 'availability-zone', Values: ['eu-central-1a'] }] })).Subnets),
    ).toHaveLength(1)
    expect((await caught(() => ec2.send('DescribeVpcs', { VpcIds: ['vpc-0123456789abcdef0'] }))).name).toBe('InvalidVpcID.NotFound')
    expect((await caught(() => ec2.send('DescribeSubnets', { SubnetIds: ['subnet-bad'] }))).name).toBe('InvalidSubnetID.Malformed')
    expect((await caught(() => ec2.send('DescribeVpcs', { Filters: [{ Name: 'no-such-filter', Values: ['x'] }] }))).name).toBe(
      'InvalidParameterValue',
    )
  })

  it('security groups filter by rule ports and by tags (not by the group name)', async () => {
    const ec2 = json('ec2')
    const ids = async (Filters: { Name: string; Values: string[] }[]) =>
      list((await ec2.send('DescribeSecurityGroups', { Filters })).SecurityGroups)
        .map((g) => g.GroupId)
        .sort()
    expect(await ids([{ Name: 'ip-permission.from-port', Values: [String(DB_PORT)] }])).toEqual([DB_SG_ID])
    expect(await ids([{ Name: 'ip-permission.to-port', Values: ['54*'] }])).toEqual([DB_SG_ID])
    expect(await ids([{ Name: 'ip-permission.from-port', Values: ['22'] }])).toEqual([])
    expect(await ids([{ Name: 'tag:Project', Values: ['AppFactory'] }])).toEqual([CONNECTOR_SG_ID])
    expect(await ids([{ Name: 'tag-key', Values: ['Name'] }])).toEqual([CONNECTOR_SG_ID])
    // The default group is named "default" but carries no Name tag.
    expect(await ids([{ Name: 'tag:Name', Values: ['default'] }])).toEqual([])
    expect(await ids([{ Name: 'group-name', Values: ['default'] }])).toEqual([DB_SG_ID])
  })
})

describe('IAM', () => {
  it('a second inline policy path: ListRolePolicies names it and GetRolePolicy returns it URL-encoded', async () => {
    const iam = json('iam')
    expect((await iam.send('ListRolePolicies', { RoleName: GITHUB_ROLE })).PolicyNames).toEqual(['AppFactoryReadDeploymentLogs'])
    const out = await iam.send('GetRolePolicy', { RoleName: GITHUB_ROLE, PolicyName: 'AppFactoryReadDeploymentLogs' })
    expect(out.PolicyDocument).toMatch(/^%7B%22Version%22/)
    const doc = JSON.parse(decodeURIComponent(String(out.PolicyDocument))) as { Statement: { Action: string[] }[] }
    expect(doc.Statement[0]?.Action).toContain('logs:GetLogEvents')
    expect((await caught(() => iam.send('GetRolePolicy', { RoleName: GITHUB_ROLE, PolicyName: 'Nope' }))).name).toBe(
      'NoSuchEntityException',
    )
  })

  it('every managed policy has its own PolicyId', async () => {
    const iam = json('iam')
    const arns = [
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser',
      'arn:aws:iam::aws:policy/AWSAppRunnerFullAccess',
      'arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess',
    ]
    const ids = await Promise.all(arns.map(async (PolicyArn) => ((await iam.send('GetPolicy', { PolicyArn })).Policy as Rec).PolicyId))
    expect(new Set(ids).size).toBe(3)
    for (const id of ids) expect(id).toMatch(/^ANPA[A-Z0-9]{17}$/)
  })
})

describe('CloudWatch Logs', () => {
  it('space-delimited filter patterns select fields by position, with wildcards and ...', async () => {
    const logs = json('logs')
    const matching = async (filterPattern: string) =>
      list((await logs.send('FilterLogEvents', { logGroupName: SERVICE_LOG_GROUP, logStreamNames: ['events'], filterPattern })).events).map(
        (e) => String(e.message),
      )
    const all = await matching('')
    const successes = await matching('[source=AppRunner, word=Deployment, ..., outcome=successful*]')
    expect(successes.length).toBeGreaterThan(0)
    expect(successes.every((m) => m.startsWith('[AppRunner] Deployment with ID') && m.endsWith('successful.'))).toBe(true)
    expect((await matching('[source, ...]')).length).toBe(all.length)
    expect(await matching('[source=Build, ...]')).toEqual([])
    const e = await caught(() => matching('[source=, ...'))
    expect(e.name).toBe('InvalidParameterException')
  })
})
