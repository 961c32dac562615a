/** SDK-shaped RDS answers for rds.test.ts (never imported by app code). */
import type { DBInstance, Event } from '@aws-sdk/client-rds'

export const DB = 'appfactory-db'

export function dbInstance(overrides: Partial<DBInstance> = {}): DBInstance {
  return {
    DBInstanceIdentifier: DB,
    DBInstanceArn: `arn:aws:rds:eu-central-1:082609687527:db:${DB}`,
    DBInstanceClass: 'db.t4g.micro',
    Engine: 'postgres',
    EngineVersion: '15.15',
    DBInstanceStatus: 'available',
    MasterUsername: 'appfactory',
    Endpoint: { Address: `${DB}.c9akciq32xyz.eu-central-1.rds.amazonaws.com`, Port: 5432 },
    AllocatedStorage: 20,
    StorageType: 'gp2',
    StorageEncrypted: true,
    PubliclyAccessible: true,
    MultiAZ: false,
    BackupRetentionPeriod: 7,
    LatestRestorableTime: new Date('2026-03-02T09:55:00Z'),
    InstanceCreateTime: new Date('2026-01-26T10:15:00Z'),
    VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0d0b1c2d3e4f5a602', Status: 'active' }],
    DBSubnetGroup: {
      DBSubnetGroupName: 'default',
      VpcId: 'vpc-0a1b2c3d4e5f67890',
      Subnets: [{ SubnetIdentifier: 'subnet-0a11b22c33d44e55f' }, { SubnetIdentifier: 'subnet-0f66e77d88c99b00a' }],
    },
    ...overrides,
  }
}

export const events: Event[] = [
  {
    SourceIdentifier: DB,
    SourceType: 'db-instance',
    Message: 'DB instance stopped',
    EventCategories: ['notification'],
    Date: new Date('2026-03-01T10:00:00Z'),
  },
  {
    SourceIdentifier: DB,
    SourceType: 'db-instance',
    Message: 'DB instance is being started due to it exceeding the maximum allowed time being stopped. RDS-EVENT-0154',
    EventCategories: ['notification'],
    Date: new Date('2026-03-08T10:00:00Z'),
  },
  { SourceIdentifier: DB, SourceType: 'db-instance', Message: 'Backup complete', Date: new Date('2026-03-05T03:00:00Z') },
]
