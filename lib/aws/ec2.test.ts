import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2'
import { mockClient } from 'aws-sdk-client-mock'
import { beforeEach, describe, expect, it } from 'vitest'

import { resetCacheForTests } from '@/lib/cache'

import { getSecurityGroups } from './ec2'
import { awsError } from './sdk-errors.fixtures'

const ec2 = mockClient(EC2Client)

beforeEach(() => {
  ec2.reset()
  resetCacheForTests()
})

describe('getSecurityGroups', () => {
  it('asks for the sorted unique ids and maps rules', async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-db',
          GroupName: 'default',
          VpcId: 'vpc-1',
          IpPermissions: [
            { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-db' }] },
            {
              IpProtocol: 'tcp',
              FromPort: 5432,
              ToPort: 5432,
              UserIdGroupPairs: [{ GroupId: 'sg-connector', Description: 'PostgreSQL' }],
              IpRanges: [{ CidrIp: '10.0.0.0/16' }],
              Ipv6Ranges: [{ CidrIpv6: '::/0' }],
            },
          ],
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      ],
    })
    const r = await getSecurityGroups(['sg-db', 'sg-connector', 'sg-db'])
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input).toEqual({ GroupIds: ['sg-connector', 'sg-db'] })
    expect(r.ok && r.data[0]).toEqual({
      id: 'sg-db',
      name: 'default',
      description: null,
      vpcId: 'vpc-1',
      ingress: [
        { protocol: '-1', fromPort: null, toPort: null, sourceGroupIds: ['sg-db'], cidrs: [], description: null },
        {
          protocol: 'tcp',
          fromPort: 5432,
          toPort: 5432,
          sourceGroupIds: ['sg-connector'],
          cidrs: ['10.0.0.0/16', '::/0'],
          description: 'PostgreSQL',
        },
      ],
      egress: [{ protocol: '-1', fromPort: null, toPort: null, sourceGroupIds: [], cidrs: ['0.0.0.0/0'], description: null }],
    })
  })

  it('makes no call for no ids', async () => {
    const r = await getSecurityGroups([])
    expect(r.ok && r.data).toEqual([])
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)).toHaveLength(0)
  })

  it('maps InvalidGroup.NotFound and UnauthorizedOperation', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('InvalidGroup.NotFound', "The security group 'sg-x' does not exist"))
    const missing = await getSecurityGroups(['sg-x'])
    expect(!missing.ok && missing.error.code).toBe('not_found')
    ec2
      .on(DescribeSecurityGroupsCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403))
    const denied = await getSecurityGroups(['sg-y'])
    expect(!denied.ok && denied.error).toMatchObject({ code: 'aws_denied', awsCode: 'UnauthorizedOperation' })
    expect(!denied.ok && denied.error.message).toContain('ec2:DescribeSecurityGroups')
  })
})
