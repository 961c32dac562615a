/**
 * CloudTrail LookupEvents through @aws-sdk/client-cloudtrail: the seeded history (GitHub Actions made the
 * deployments App Runner lists, the console made one), filters, time range and paging, and every
 * mutating call made to the emulator recorded with the identity of the key that signed it.
 */
import { ListOperationsCommand, AppRunnerClient, UpdateServiceCommand } from '@aws-sdk/client-apprunner'
import { CloudTrailClient, LookupEventsCommand, type Event } from '@aws-sdk/client-cloudtrail'
import { RDSClient, StopDBInstanceCommand } from '@aws-sdk/client-rds'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import { ACCOUNT_ID, CALLER_ARN, DATABASE_URL, DB_INSTANCE, DB_MASTER_PASSWORD, GITHUB_ROLE, SERVICE_ARN } from '../world/constants'
import { caught, clientConfig, control, credentials, start, TEST_KEY } from './helpers'

const ROLE_KEY = { accessKeyId: 'ASIAGITHUBDEPLOY0001', secretAccessKey: 'github-secret' }
const ROLE_ARN = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${GITHUB_ROLE}/deploy-1234`

type Record = {
  userIdentity: { type: string; arn: string; accessKeyId: string; sessionContext?: { sessionIssuer: { userName: string } } }
  eventName: string
  eventSource: string
  awsRegion: string
  requestParameters: {
    serviceArn?: string
    sourceConfiguration?: { imageRepository?: { imageIdentifier?: string; imageConfiguration?: unknown } }
  }
  responseElements: { operationId?: string } | null
  errorCode?: string
  readOnly: boolean
  eventID: string
}
const recordOf = (e: Event): Record => JSON.parse(e.CloudTrailEvent ?? '{}') as Record

describe('CloudTrail contract', () => {
  let emu: Emulator
  let trail: CloudTrailClient
  let ar: AppRunnerClient
  beforeAll(async () => {
    emu = await start({
      speed: 600,
      credentials: credentials(
        `${TEST_KEY.accessKeyId}:${TEST_KEY.secretAccessKey},${ROLE_KEY.accessKeyId}:${ROLE_KEY.secretAccessKey}:${ROLE_ARN}`,
      ),
    })
    trail = new CloudTrailClient(clientConfig(emu.url))
    ar = new AppRunnerClient(clientConfig(emu.url))
  })
  beforeEach(async () => {
    await control(emu.url, 'POST', '/_emulator/reset', {})
  })
  afterAll(async () => {
    trail.destroy()
    ar.destroy()
    await emu.close()
  })

  const byName = (name: string, extra: Partial<ConstructorParameters<typeof LookupEventsCommand>[0]> = {}) =>
    trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }], ...extra }))

  it('the seeded deployments are there, each made by GitHub Actions but one console deploy, with the image and operation', async () => {
    const ops = (await ar.send(new ListOperationsCommand({ ServiceArn: SERVICE_ARN }))).OperationSummaryList ?? []
    const updates = ops.filter((o) => o.Type === 'UPDATE_SERVICE')
    const { Events = [] } = await byName('UpdateService')
    expect(Events).toHaveLength(updates.length)
    const times = Events.map((e) => e.EventTime!.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    for (const op of updates) {
      const event = Events.find((e) => recordOf(e).responseElements?.operationId === op.Id)
      expect(event, `an UpdateService event for operation ${op.Id}`).toBeDefined()
      const r = recordOf(event!)
      expect(r.requestParameters.serviceArn).toBe(SERVICE_ARN)
      expect(r.requestParameters.sourceConfiguration?.imageRepository?.imageIdentifier).toMatch(/:[0-9a-f]{40}$/)
      expect(Math.abs(event!.EventTime!.getTime() - op.StartedAt!.getTime())).toBeLessThan(5_000)
      expect(event!.Resources).toEqual([{ ResourceType: 'AWS::AppRunner::Service', ResourceName: SERVICE_ARN }])
      expect(r.eventSource).toBe('apprunner.amazonaws.com')
    }
    const actors = Events.map((e) => recordOf(e).userIdentity.arn)
    expect(actors.filter((a) => a === `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${GITHUB_ROLE}/GitHubActions`)).toHaveLength(
      updates.length - 1,
    )
    expect(actors.filter((a) => a === `arn:aws:iam::${ACCOUNT_ID}:user/hanpieter`)).toHaveLength(1)
    const github = recordOf(Events.find((e) => e.Username === 'GitHubActions')!)
    expect(github.userIdentity).toMatchObject({ type: 'AssumedRole', sessionContext: { sessionIssuer: { userName: GITHUB_ROLE } } })
    expect(github.userIdentity.accessKeyId).toMatch(/^ASIA/)
  })

  it('filters by resource name, pages with NextToken and keeps to the time range', async () => {
    const all =
      (await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: SERVICE_ARN }] })))
        .Events ?? []
    expect(all.map((e) => e.EventName)).toContain('CreateService')
    const pages: string[] = []
    let token: string | undefined
    do {
      const page = await trail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: SERVICE_ARN }],
          MaxResults: 2,
          NextToken: token,
        }),
      )
      expect(page.Events!.length).toBeLessThanOrEqual(2)
      pages.push(...page.Events!.map((e) => e.EventId!))
      token = page.NextToken
    } while (token)
    expect(pages).toEqual(all.map((e) => e.EventId))
    const none = await trail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'arn:aws:apprunner:eu-central-1:082609687527:service/other/x' }],
      }),
    )
    expect(none.Events).toEqual([])

    const newest = all[0]!.EventTime!
    const window = await trail.send(
      new LookupEventsCommand({ StartTime: new Date(newest.getTime() - 1000), EndTime: new Date(newest.getTime() + 1000) }),
    )
    expect(window.Events!.map((e) => e.EventId)).toEqual([all[0]!.EventId])
    const reversed = await caught(() =>
      trail.send(new LookupEventsCommand({ StartTime: new Date(), EndTime: new Date(Date.now() - 60_000) })),
    )
    expect(reversed.name).toBe('InvalidTimeRangeException')
    expect((await caught(() => trail.send(new LookupEventsCommand({ NextToken: 'not-ours' })))).name).toBe('InvalidNextTokenException')
    expect((await caught(() => trail.send(new LookupEventsCommand({ MaxResults: 51 })))).name).toBe('InvalidMaxResultsException')
  })

  it('records a deployment made through the emulator with the identity of the signing key and the image it asked for', async () => {
    const image = `${ACCOUNT_ID}.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app:latest`
    const out = await ar.send(
      new UpdateServiceCommand({
        ServiceArn: SERVICE_ARN,
        SourceConfiguration: {
          ImageRepository: {
            ImageIdentifier: image,
            ImageRepositoryType: 'ECR',
            ImageConfiguration: { Port: '3000', RuntimeEnvironmentVariables: { DATABASE_URL, NODE_ENV: 'production' } },
          },
        },
      }),
    )
    const [event] = (await byName('UpdateService', { MaxResults: 1 })).Events ?? []
    const r = recordOf(event!)
    expect(r.userIdentity).toMatchObject({ type: 'IAMUser', arn: CALLER_ARN, accessKeyId: TEST_KEY.accessKeyId })
    expect(event!.Username).toBe('appfactory-portal')
    expect(event!.AccessKeyId).toBe(TEST_KEY.accessKeyId)
    expect(r.requestParameters.sourceConfiguration?.imageRepository?.imageIdentifier).toBe(image)
    expect(r.responseElements?.operationId).toBe(out.OperationId)
    expect(r).toMatchObject({ awsRegion: 'eu-central-1', readOnly: false, eventName: 'UpdateService' })
    // Environment variables are sensitive in App Runner's model: CloudTrail hides them.
    expect(r.requestParameters.sourceConfiguration?.imageRepository?.imageConfiguration).toMatchObject({
      runtimeEnvironmentVariables: 'HIDDEN_DUE_TO_SECURITY_REASONS',
    })
    expect(event!.CloudTrailEvent).not.toContain(DB_MASTER_PASSWORD)

    // A refused call is recorded too, with its error.
    const busy = await caught(() => ar.send(new UpdateServiceCommand({ ServiceArn: SERVICE_ARN })))
    expect(busy.name).toBe('InvalidStateException')
    const [refused] = (await byName('UpdateService', { MaxResults: 1 })).Events ?? []
    expect(recordOf(refused!)).toMatchObject({ errorCode: 'InvalidStateException', responseElements: null })
  })

  it('records the role session of an assumed-role key, and RDS stops', async () => {
    const rds = new RDSClient(clientConfig(emu.url, 1, 'eu-central-1', ROLE_KEY))
    await rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: DB_INSTANCE }))
    rds.destroy()
    const [event] = (await byName('StopDBInstance')).Events ?? []
    expect(event!.Username).toBe('deploy-1234')
    expect(event!.Resources).toEqual([{ ResourceType: 'AWS::RDS::DBInstance', ResourceName: DB_INSTANCE }])
    expect(recordOf(event!)).toMatchObject({
      eventSource: 'rds.amazonaws.com',
      userIdentity: { type: 'AssumedRole', arn: ROLE_ARN },
      requestParameters: { dBInstanceIdentifier: DB_INSTANCE },
    })
  })

  it('in the db-stopped scenario, the console user stopped the database', async () => {
    await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'db-stopped' })
    const [event] = (await byName('StopDBInstance')).Events ?? []
    expect(recordOf(event!).userIdentity.arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/hanpieter`)
  })
})
