import {
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  RDSClient,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
} from '@aws-sdk/client-rds'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import { DB_ARN, DB_ENDPOINT, DB_INSTANCE, DB_SG_ID, VPC_ID } from '../world/constants'
import { caught, clientConfig, control, start, waitFor } from './helpers'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

describe('RDS contract', () => {
  let emu: Emulator
  let rds: RDSClient
  beforeAll(async () => {
    emu = await start()
    rds = new RDSClient(clientConfig(emu.url))
  })
  beforeEach(async () => {
    await control(emu.url, 'POST', '/_emulator/reset', {})
  })
  afterAll(async () => {
    rds.destroy()
    await emu.close()
  })

  const db = async () => (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DB_INSTANCE }))).DBInstances?.[0]

  it('DescribeDBInstances returns the seed instance with its named list items', async () => {
    const out = await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DB_INSTANCE }))
    expect(out.DBInstances).toHaveLength(1)
    const d = out.DBInstances![0]!
    expect(d).toMatchObject({
      DBInstanceIdentifier: DB_INSTANCE,
      DBInstanceArn: DB_ARN,
      DBInstanceStatus: 'available',
      Engine: 'postgres',
      EngineVersion: '15.15',
      DBInstanceClass: 'db.t4g.micro',
      AllocatedStorage: 20,
      StorageType: 'gp2',
      StorageEncrypted: true,
      PubliclyAccessible: true,
      MultiAZ: false,
      BackupRetentionPeriod: 7,
      MasterUsername: 'appfactory',
    })
    expect(d.Endpoint).toMatchObject({ Address: DB_ENDPOINT, Port: 5432 })
    expect(d.VpcSecurityGroups).toEqual([{ VpcSecurityGroupId: DB_SG_ID, Status: 'active' }])
    expect(d.DBSubnetGroup?.VpcId).toBe(VPC_ID)
    expect(d.DBSubnetGroup?.Subnets).toHaveLength(2)
    expect(d.TagList?.[0]?.Key).toBe('Project')
    expect(d.InstanceCreateTime).toBeInstanceOf(Date)
    expect(d.AutomaticRestartTime).toBeUndefined()
    // All instances, and the ARN form, and a filter.
    expect((await rds.send(new DescribeDBInstancesCommand({}))).DBInstances).toHaveLength(1)
    expect((await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DB_ARN }))).DBInstances).toHaveLength(1)
    expect((await rds.send(new DescribeDBInstancesCommand({ Filters: [{ Name: 'engine', Values: ['mysql'] }] }))).DBInstances).toEqual([])
    expect((await rds.send(new DescribeDBInstancesCommand({ Filters: [] }))).DBInstances).toHaveLength(1)
  })

  it('unknown instances raise DBInstanceNotFoundFault (404)', async () => {
    for (const cmd of [
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'nope' }),
      new StopDBInstanceCommand({ DBInstanceIdentifier: 'nope' }),
      new StartDBInstanceCommand({ DBInstanceIdentifier: 'nope' }),
    ]) {
      const e = await caught(() => rds.send(cmd as DescribeDBInstancesCommand))
      expect(e.name).toBe('DBInstanceNotFoundFault')
      expect(e.$metadata?.httpStatusCode).toBe(404)
    }
  })

  it('stop → stopping → stopped, start → starting → available, wrong states refused, events recorded', async () => {
    const stop = await rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: DB_INSTANCE }))
    expect(stop.DBInstance?.DBInstanceStatus).toBe('stopping')
    const e1 = await caught(() => rds.send(new StopDBInstanceCommand({ DBInstanceIdentifier: DB_INSTANCE })))
    expect(e1.name).toBe('InvalidDBInstanceStateFault')
    expect(e1.message).toBe(`Instance ${DB_INSTANCE} is not in available state.`)
    const e2 = await caught(() => rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: DB_INSTANCE })))
    expect(e2.name).toBe('InvalidDBInstanceStateFault')

    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 4 * MINUTE })
    const stopped = await db()
    expect(stopped?.DBInstanceStatus).toBe('stopped')
    expect(stopped?.AutomaticRestartTime).toBeInstanceOf(Date)

    const startOut = await rds.send(new StartDBInstanceCommand({ DBInstanceIdentifier: DB_INSTANCE }))
    expect(startOut.DBInstance?.DBInstanceStatus).toBe('starting')
    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 7 * MINUTE })
    expect((await db())?.DBInstanceStatus).toBe('available')

    const events = await rds.send(new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: DB_INSTANCE, Duration: 60 }))
    const messages = (events.Events ?? []).map((e) => e.Message)
    expect(messages).toContain('DB instance stopped')
    expect(messages).toContain('DB instance started')
    const ev = events.Events!.find((e) => e.Message === 'DB instance stopped')!
    expect(ev.EventCategories).toEqual(['notification'])
    expect(ev.Date).toBeInstanceOf(Date)
    expect(ev.SourceIdentifier).toBe(DB_INSTANCE)
  })

  it('DescribeEvents defaults to the last hour and filters by category', async () => {
    const recent = await rds.send(new DescribeEventsCommand({}))
    expect(recent.Events?.length).toBeGreaterThan(0)
    for (const e of recent.Events ?? []) expect(Date.now() - (e.Date?.getTime() ?? 0)).toBeLessThan(61 * MINUTE)
    const week = await rds.send(new DescribeEventsCommand({ StartTime: new Date(Date.now() - 7 * DAY), EventCategories: ['backup'] }))
    expect(week.Events?.length).toBeGreaterThan(2)
    for (const e of week.Events ?? []) expect(e.EventCategories).toContain('backup')
  })
})

describe('RDS db-stopped scenario and automatic restart', () => {
  let emu: Emulator
  let rds: RDSClient
  beforeAll(async () => {
    emu = await start({ scenario: 'db-stopped', speed: 10_000 })
    rds = new RDSClient(clientConfig(emu.url))
  })
  afterAll(async () => {
    rds.destroy()
    await emu.close()
  })

  it('is stopped with AutomaticRestartTime 7 days after it stopped, and starts itself when the clock passes it', async () => {
    const d = (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: DB_INSTANCE }))).DBInstances?.[0]
    expect(d?.DBInstanceStatus).toBe('stopped')
    const restart = d?.AutomaticRestartTime?.getTime() ?? 0
    expect(restart - Date.now()).toBeGreaterThan(4.9 * DAY)
    expect(restart - Date.now()).toBeLessThan(5.1 * DAY)
    await control(emu.url, 'POST', '/_emulator/clock', { advanceMs: 5 * DAY + MINUTE })
    await waitFor(async () => (await rds.send(new DescribeDBInstancesCommand({}))).DBInstances?.[0]?.DBInstanceStatus === 'available')
    const events = await rds.send(new DescribeEventsCommand({ Duration: 120 }))
    expect(events.Events?.map((e) => e.Message)).toContain(
      'DB instance is being started due to it exceeding the maximum allowed time being stopped.',
    )
  })
})
