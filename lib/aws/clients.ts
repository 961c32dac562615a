import 'server-only'

import { AppRunnerClient } from '@aws-sdk/client-apprunner'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { EC2Client } from '@aws-sdk/client-ec2'
import { ECRClient } from '@aws-sdk/client-ecr'
import { IAMClient } from '@aws-sdk/client-iam'
import { RDSClient } from '@aws-sdk/client-rds'
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'
import { SchedulerClient } from '@aws-sdk/client-scheduler'
import { STSClient } from '@aws-sdk/client-sts'
import { defaultProvider } from '@aws-sdk/credential-provider-node'
import { NodeHttpHandler } from '@smithy/node-http-handler'

import { config } from '@/lib/config'
// Exception to the lib/aws import rule: every AWS call is logged (service, operation, status, AWS request id).
import { type AwsCall, withAwsLogging } from '@/lib/logger'
// Exception too: every AWS call is counted for GET /api/prometheus.
import { awsOutcome, countAwsCall } from '@/lib/metrics'
import { processState } from '@/lib/process-state'

type Clients = {
  credentials?: ReturnType<typeof defaultProvider>
  ecr?: ECRClient
  apprunner?: AppRunnerClient
  rds?: RDSClient
  cloudwatch?: CloudWatchClient
  cloudtrail?: CloudTrailClient
  logs?: CloudWatchLogsClient
  iam?: IAMClient
  ec2?: EC2Client
  sts?: STSClient
  secretsmanager?: SecretsManagerClient
  scheduler?: SchedulerClient
}

// One set per process (lib/process-state): Next loads this module once per route
// bundle, and per-bundle clients would each resolve credentials (an SSO or container-role round trip)
// and open their own connections, so the first page served by each bundle paid for both again.
const clients = processState<Clients>('aws-clients', () => ({}))

/**
 * Shared settings for every client. The endpoint is the validated AWS_ENDPOINT_URL from lib/config,
 * passed explicitly (the SDK then ignores AWS_ENDPOINT_URL_<SERVICE> and profile endpoints), so every
 * client talks to exactly the endpoint the portal's own decisions — demo sign-in above all — were
 * made about; unset, the SDK resolves AWS's endpoints as usual. The same build runs against AWS or a
 * local emulator. Credentials come from the SDK's default chain (env, SSO/profile, container role),
 * resolved once for all clients (the provider memoizes and refreshes before expiry).
 */
const baseClientConfig = () => {
  const c = config()
  return {
    region: c.region,
    ...(c.endpointUrl ? { endpoint: c.endpointUrl } : {}),
    maxAttempts: c.awsMaxAttempts,
    // The inner STS/SSO clients the chain may use (web identity, SSO, assume-role profiles) talk to the portal's region.
    credentials: (clients.credentials ??= defaultProvider({ clientConfig: { region: c.region } })),
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(2000, c.awsTimeoutMs),
      requestTimeout: c.awsTimeoutMs,
      // Without this, @smithy/node-http-handler only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    }),
  }
}

const observe = (c: AwsCall) => countAwsCall(c.service, c.operation, awsOutcome(c.error ? { name: c.error, status: c.status } : null), c.ms)
const watched = <C extends Parameters<typeof withAwsLogging>[0]>(client: C, service: string): C => withAwsLogging(client, service, observe)

export const ecrClient = () => (clients.ecr ??= watched(new ECRClient(baseClientConfig()), 'ecr'))
export const appRunnerClient = () => (clients.apprunner ??= watched(new AppRunnerClient(baseClientConfig()), 'apprunner'))
export const rdsClient = () => (clients.rds ??= watched(new RDSClient(baseClientConfig()), 'rds'))
export const cloudWatchClient = () => (clients.cloudwatch ??= watched(new CloudWatchClient(baseClientConfig()), 'monitoring'))
export const cloudTrailClient = () => (clients.cloudtrail ??= watched(new CloudTrailClient(baseClientConfig()), 'cloudtrail'))
export const logsClient = () => (clients.logs ??= watched(new CloudWatchLogsClient(baseClientConfig()), 'logs'))
export const iamClient = () => (clients.iam ??= watched(new IAMClient(baseClientConfig()), 'iam'))
export const ec2Client = () => (clients.ec2 ??= watched(new EC2Client(baseClientConfig()), 'ec2'))
export const stsClient = () => (clients.sts ??= watched(new STSClient(baseClientConfig()), 'sts'))
export const secretsManagerClient = () =>
  (clients.secretsmanager ??= watched(new SecretsManagerClient(baseClientConfig()), 'secretsmanager'))
export const schedulerClient = () => (clients.scheduler ??= watched(new SchedulerClient(baseClientConfig()), 'scheduler'))
