import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Emulator } from '../core/server'
import { ACCOUNT_ID, CONNECTOR_SG_ID, DB_SG_ID, VPC_ID } from '../world/constants'
import { caught, clientConfig, control, start } from './helpers'

describe('EC2 contract', () => {
  let emu: Emulator
  let ec2: EC2Client
  beforeAll(async () => {
    emu = await start()
    ec2 = new EC2Client(clientConfig(emu.url))
  })
  afterAll(async () => {
    ec2.destroy()
    await emu.close()
  })

  it('DescribeSecurityGroups returns the DB group with the 5432 rule from the connector group', async () => {
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [DB_SG_ID] }))
    expect(out.SecurityGroups).toHaveLength(1)
    const sg = out.SecurityGroups![0]!
    expect(sg).toMatchObject({
      GroupId: DB_SG_ID,
      GroupName: 'default',
      VpcId: VPC_ID,
      OwnerId: ACCOUNT_ID,
      Description: 'default VPC security group',
    })
    const pg = sg.IpPermissions!.find((p) => p.FromPort === 5432)!
    expect(pg).toMatchObject({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432 })
    expect(pg.UserIdGroupPairs).toEqual([expect.objectContaining({ GroupId: CONNECTOR_SG_ID, UserId: ACCOUNT_ID })])
    const self = sg.IpPermissions!.find((p) => p.IpProtocol === '-1')!
    expect(self.FromPort).toBeUndefined()
    expect(self.UserIdGroupPairs![0]!.GroupId).toBe(DB_SG_ID)
    expect(sg.IpPermissionsEgress![0]).toMatchObject({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })
  })

  it('filters by group-id, group-name and vpc-id, and by GroupName', async () => {
    const all = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [VPC_ID] }] }))
    expect(all.SecurityGroups!.map((g) => g.GroupId).sort()).toEqual([CONNECTOR_SG_ID, DB_SG_ID].sort())
    const byId = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: [CONNECTOR_SG_ID] }] }))
    expect(byId.SecurityGroups!.map((g) => g.GroupId)).toEqual([CONNECTOR_SG_ID])
    expect(byId.SecurityGroups![0]!.Tags).toContainEqual({ Key: 'Name', Value: byId.SecurityGroups![0]!.GroupName })
    const byName = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }] }))
    expect(byName.SecurityGroups!.map((g) => g.GroupId)).toEqual([DB_SG_ID])
    const none = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: ['vpc-other'] }] }))
    expect(none.SecurityGroups).toEqual([])
    const named = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))
    expect(named.SecurityGroups!.map((g) => g.GroupId)).toEqual([DB_SG_ID])
  })

  it('answers unknown and malformed ids with the EC2 error codes', async () => {
    const missing = await caught(() => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })))
    expect(missing.name).toBe('InvalidGroup.NotFound')
    expect(missing.message).toBe("The security group 'sg-0123456789abcdef0' does not exist")
    expect(missing.$metadata?.httpStatusCode).toBe(400)
    const malformed = await caught(() => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['nope'] })))
    expect(malformed.name).toBe('InvalidGroupId.Malformed')
  })

  it('reflects the sg-blocks-db scenario: no rule lets the connector reach 5432', async () => {
    try {
      await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'sg-blocks-db' })
      const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [DB_SG_ID] }))
      const pairs = out.SecurityGroups![0]!.IpPermissions!.flatMap((p) => p.UserIdGroupPairs ?? [])
      expect(pairs.some((p) => p.GroupId === CONNECTOR_SG_ID)).toBe(false)
    } finally {
      await control(emu.url, 'POST', '/_emulator/reset', { scenario: 'healthy' })
    }
  })
})
