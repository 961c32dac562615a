import 'server-only'

import { AppRunnerClient } from '@aws-sdk/client-apprunner'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { EC2Client } from '@aws-sdk/client-ec2'
import { ECRClient } from '@aws-sdk/client-ecr'
import { IAMClient } from '@aws-sdk/client-iam'
import { RDSClient } from '@aws-sdk/client-rds'
import { STSClient } from '@aws-sdk/client-sts'
import { NodeHttpHandler } from '@smithy/node-http-handler'

import { config } from '@/lib/config'
// Exception to the lib/aws import rule: every AWS call is logged (service, operation, status, AWS request id).
import { withAwsLogging } from '@/lib/logger'

/**
 * Shared settings for every client. The endpoint is never set here: the SDK reads the standard
 * AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_<SERVICE>) itself, so the same build runs against AWS or a
 * local emulator. Credentials come from the SDK's default chain (env, SSO/profile, container role).
 */
const baseClientConfig = () => {
  const c = config()
  return {
    region: c.region,
    maxAttempts: c.awsMaxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: Math.min(2000, c.awsTimeoutMs),
      requestTimeout: c.awsTimeoutMs,
      // Without this, @smithy/node-http-handler only logs a warning when requestTimeout passes and keeps waiting.
      throwOnRequestTimeout: true,
    }),
  }
}

let ecr: ECRClient | undefined
let apprunner: AppRunnerClient | undefined
let rds: RDSClient | undefined
let cloudwatch: CloudWatchClient | undefined
let logs: CloudWatchLogsClient | undefined
let iam: IAMClient | undefined
let ec2: EC2Client | undefined
let sts: STSClient | undefined

export const ecrClient = () => (ecr ??= withAwsLogging(new ECRClient(baseClientConfig()), 'ecr'))
export const appRunnerClient = () => (apprunner ??= withAwsLogging(new AppRunnerClient(baseClientConfig()), 'apprunner'))
export const rdsClient = () => (rds ??= withAwsLogging(new RDSClient(baseClientConfig()), 'rds'))
export const cloudWatchClient = () => (cloudwatch ??= withAwsLogging(new CloudWatchClient(baseClientConfig()), 'monitoring'))
export const logsClient = () => (logs ??= withAwsLogging(new CloudWatchLogsClient(baseClientConfig()), 'logs'))
export const iamClient = () => (iam ??= withAwsLogging(new IAMClient(baseClientConfig()), 'iam'))
export const ec2Client = () => (ec2 ??= withAwsLogging(new EC2Client(baseClientConfig()), 'ec2'))
export const stsClient = () => (sts ??= withAwsLogging(new STSClient(baseClientConfig()), 'sts'))
