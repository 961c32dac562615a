/**
 * The real AWS SDK clients of every emulated service, driven by operation name (for the table-driven
 * contract tests): `sdk('ecr', url).send('DescribeImages', {...})` builds `DescribeImagesCommand` from
 * `@aws-sdk/client-ecr`. CloudWatch can be told to speak awsQuery instead of JSON 1.0.
 */
import * as apprunner from '@aws-sdk/client-apprunner'
import * as cloudtrail from '@aws-sdk/client-cloudtrail'
import * as cloudwatch from '@aws-sdk/client-cloudwatch'
import * as logs from '@aws-sdk/client-cloudwatch-logs'
import * as ec2 from '@aws-sdk/client-ec2'
import * as ecr from '@aws-sdk/client-ecr'
import * as iam from '@aws-sdk/client-iam'
import * as rds from '@aws-sdk/client-rds'
import * as secretsmanager from '@aws-sdk/client-secrets-manager'
import * as scheduler from '@aws-sdk/client-scheduler'
import * as sts from '@aws-sdk/client-sts'
import { AwsQueryProtocol } from '@aws-sdk/core/protocols'

import type { ServiceName } from '../models/sources'
import { clientConfig, TEST_KEY } from './helpers'

const MODULES: Record<ServiceName, { module: object; client: string }> = {
  ecr: { module: ecr, client: 'ECRClient' },
  apprunner: { module: apprunner, client: 'AppRunnerClient' },
  rds: { module: rds, client: 'RDSClient' },
  monitoring: { module: cloudwatch, client: 'CloudWatchClient' },
  logs: { module: logs, client: 'CloudWatchLogsClient' },
  iam: { module: iam, client: 'IAMClient' },
  ec2: { module: ec2, client: 'EC2Client' },
  sts: { module: sts, client: 'STSClient' },
  cloudtrail: { module: cloudtrail, client: 'CloudTrailClient' },
  secretsmanager: { module: secretsmanager, client: 'SecretsManagerClient' },
  scheduler: { module: scheduler, client: 'SchedulerClient' },
}

type Ctor = new (arg: unknown) => unknown
type Client = { send(command: unknown): Promise<Record<string, unknown>>; destroy(): void }

function ctor(module: object, name: string): Ctor {
  const v: unknown = (module as Record<string, unknown>)[name]
  if (typeof v !== 'function') throw new Error(`the SDK has no ${name}`)
  return v as Ctor
}

export type SdkClient = { send(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>>; destroy(): void }

/** A real SDK client of `name` against the emulator; `awsQuery` makes CloudWatch send forms and read XML. */
export function sdk(
  name: ServiceName,
  url: string,
  opts: { awsQuery?: boolean; region?: string; key?: typeof TEST_KEY; systemClockOffset?: number } = {},
): SdkClient {
  const { module, client } = MODULES[name]
  const config = {
    ...clientConfig(url, 1, opts.region, opts.key),
    ...(opts.awsQuery ? { protocol: AwsQueryProtocol } : {}),
    ...(opts.systemClockOffset !== undefined ? { systemClockOffset: opts.systemClockOffset } : {}),
  }
  const c = new (ctor(module, client))(config) as Client
  return {
    send: (operation, input) => c.send(new (ctor(module, `${operation}Command`))(input)),
    destroy: () => c.destroy(),
  }
}
