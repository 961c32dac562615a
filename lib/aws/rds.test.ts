import {
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  RDSClient,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds'
import { mockClient } from 'aws-sdk-client-mock'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'

import { getDatabase, listDatabaseEvents, startDatabase, stopDatabase } from './rds'
import { DB, dbInstance, events } from './rds.fixtures'
import { toDatabase } from './rds.mappers'
import { accessDenied, awsError, malformed, throttled, timeout } from './sdk-errors.fixtures'

const rds = mockClient(RDSClient)

beforeEach(() => {
  rds.reset()
  resetCacheForTests()
})
afterEach(() => vi.useRealTimers())

describe('toDatabase', () => {
  it('maps the documented instance', () => {
    expect(toDatabase(dbInstance())).toEqual({
      ok: true,
      data: {
        identifier: DB,
        arn: `arn:aws:rds:eu-central-1:082609687527:db:${DB}`,
        status: 'available',
        engine: 'postgres',
        engineVersion: '15.15',
        instanceClass: 'db.t4g.micro',
        allocatedStorageGb: 20,
        storageType: 'gp2',
        storageEncrypted: true,
        endpoint: { address: `${DB}.c9akciq32xyz.eu-central-1.rds.amazonaws.com`, port: 5432 },
        publiclyAccessible: true,
        multiAz: false,
        backupRetentionDays: 7,
        latestRestorableTime: '2026-03-02T09:55:00.000Z',
        securityGroupIds: ['sg-0d0b1c2d3e4f5a602'],
        vpcId: 'vpc-0a1b2c3d4e5f67890',
        masterUsername: 'appfactory',
        automaticRestartTime: null,
        createdAt: '2026-01-26T10:15:00.000Z',
      },
    })
  })

  it('maps a stopped instance with its automatic restart time, and a creating one without endpoint', () => {
    const stopped = toDatabase(dbInstance({ DBInstanceStatus: 'stopped', AutomaticRestartTime: new Date('2026-03-09T10:00:00Z') }))
    expect(stopped.ok && stopped.data.automaticRestartTime).toBe('2026-03-09T10:00:00.000Z')
    const creating = toDatabase({
      DBInstanceIdentifier: DB,
      DBInstanceStatus: 'creating',
      Engine: 'postgres',
      DBInstanceClass: 'db.t4g.micro',
    })
    expect(creating.ok && creating.data).toMatchObject({
      endpoint: null,
      arn: null,
      storageEncrypted: false,
      securityGroupIds: [],
      vpcId: null,
      backupRetentionDays: 0,
      latestRestorableTime: null,
    })
  })

  it('reports a missing status as aws_error', () => {
    expect(toDatabase(dbInstance({ DBInstanceStatus: undefined }))).toMatchObject({
      ok: false,
      error: { code: 'aws_error', message: 'AWS answered without DBInstanceStatus.' },
    })
  })
})

describe('getDatabase', () => {
  it('describes the configured instance', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [dbInstance()] })
    const r = await getDatabase()
    expect(r.ok && r.data).toMatchObject({ identifier: DB, status: 'available', stale: false })
    expect(rds.commandCalls(DescribeDBInstancesCommand)[0]?.args[0].input).toEqual({ DBInstanceIdentifier: DB })
  })

  it('refreshes after 2 s while stopping, after 10 s when available', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [dbInstance({ DBInstanceStatus: 'stopping' })] })
    await getDatabase()
    vi.setSystemTime(new Date('2026-03-02T10:00:03Z'))
    await getDatabase()
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2)
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [dbInstance()] })
    vi.setSystemTime(new Date('2026-03-02T10:00:06Z'))
    await getDatabase()
    vi.setSystemTime(new Date('2026-03-02T10:00:12Z'))
    await getDatabase()
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(3)
  })

  it('returns the old value marked stale when a refresh fails', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    rds
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({ DBInstances: [dbInstance()] })
      .rejects(timeout())
    await getDatabase()
    vi.setSystemTime(new Date('2026-03-02T10:00:11Z'))
    expect(await getDatabase()).toMatchObject({ ok: true, data: { stale: true, fetchedAt: '2026-03-02T10:00:00.000Z' } })
  })

  it.each([
    ['throttling', awsError('Throttling', 'Rate exceeded'), 'aws_throttled'],
    ['access denied', accessDenied('rds:DescribeDBInstances'), 'aws_denied'],
    ['timeout', timeout(), 'aws_timeout'],
    ['not found', awsError('DBInstanceNotFoundFault', 'DBInstance appfactory-db not found.', 404), 'not_found'],
    ['malformed', malformed(), 'aws_error'],
  ])('maps %s to %s', async (_label, error, code) => {
    rds.on(DescribeDBInstancesCommand).rejects(error)
    const r = await getDatabase()
    expect(r).toMatchObject({ ok: false, error: { code } })
    if (!r.ok && code === 'aws_denied') expect(r.error.message).toContain('rds:DescribeDBInstances')
  })

  it('answers not_found for an empty list', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] })
    expect(await getDatabase()).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})

describe('listDatabaseEvents', () => {
  it('asks for the instance events of the last week and returns them newest first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-09T00:00:00Z'))
    rds.on(DescribeEventsCommand).resolves({ Events: events })
    const r = await listDatabaseEvents()
    expect(r).toEqual({
      ok: true,
      data: [
        {
          time: '2026-03-08T10:00:00.000Z',
          message: events[1]?.Message,
          categories: ['notification'],
          sourceId: DB,
          eventId: 'RDS-EVENT-0154',
        },
        { time: '2026-03-05T03:00:00.000Z', message: 'Backup complete', categories: [], sourceId: DB, eventId: null },
        { time: '2026-03-01T10:00:00.000Z', message: 'DB instance stopped', categories: ['notification'], sourceId: DB, eventId: null },
      ],
    })
    expect(rds.commandCalls(DescribeEventsCommand)[0]?.args[0].input).toEqual({
      SourceType: 'db-instance',
      SourceIdentifier: DB,
      StartTime: new Date('2026-03-02T00:00:00Z'),
      EndTime: new Date('2026-03-09T00:00:00Z'),
      MaxRecords: 100,
      Marker: undefined,
    })
  })

  it('follows the Marker', async () => {
    rds
      .on(DescribeEventsCommand, { Marker: undefined })
      .resolves({ Events: [events[0]!], Marker: 'm2' })
      .on(DescribeEventsCommand, { Marker: 'm2' })
      .resolves({ Events: [events[2]!] })
    const r = await listDatabaseEvents({ hours: 24 })
    expect(r.ok && r.data).toHaveLength(2)
  })
})

describe('stop / start', () => {
  it('stopDatabase returns the instance as AWS reports it and invalidates the cached status', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [dbInstance()] })
    rds.on(StopDBInstanceCommand).resolves({ DBInstance: dbInstance({ DBInstanceStatus: 'stopping' }) })
    await getDatabase()
    const r = await stopDatabase()
    expect(r).toMatchObject({ ok: true, data: { status: 'stopping', stale: false } })
    expect(rds.commandCalls(StopDBInstanceCommand)[0]?.args[0].input).toEqual({ DBInstanceIdentifier: DB })
    await getDatabase()
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2)
  })

  it('maps InvalidDBInstanceState to conflict', async () => {
    rds
      .on(StartDBInstanceCommand)
      .rejects(awsError('InvalidDBInstanceStateFault', 'Instance appfactory-db is not stopped, it cannot be started.'))
    expect(await startDatabase()).toMatchObject({ ok: false, error: { code: 'conflict', awsCode: 'InvalidDBInstanceStateFault' } })
  })

  it('startDatabase maps the starting instance; throttling maps to aws_throttled', async () => {
    rds
      .on(StartDBInstanceCommand)
      .resolvesOnce({ DBInstance: dbInstance({ DBInstanceStatus: 'starting' }) })
      .rejects(throttled())
    expect(await startDatabase()).toMatchObject({ ok: true, data: { status: 'starting' } })
    expect(await startDatabase()).toMatchObject({ ok: false, error: { code: 'aws_throttled' } })
  })
})
