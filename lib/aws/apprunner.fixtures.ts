/** SDK-shaped App Runner answers for apprunner/runtime/cloudwatch/logs tests (never imported by app code). */
import type { AutoScalingConfiguration, OperationSummary, Service, ServiceSummary } from '@aws-sdk/client-apprunner'

import { SEED_PASSWORD } from './sdk-errors.fixtures'

export const SERVICE_NAME = 'appfactory-app-service'
export const SERVICE_ID = '7d3f1c2b9a8e4d6f8b0a1c2d3e4f5a6b'
export const SERVICE_ARN = `arn:aws:apprunner:eu-central-1:082609687527:service/${SERVICE_NAME}/${SERVICE_ID}`
export const AUTOSCALING_ARN =
  'arn:aws:apprunner:eu-central-1:082609687527:autoscalingconfiguration/appfactory-autoscaling/1/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b'
export const VPC_CONNECTOR_ARN =
  'arn:aws:apprunner:eu-central-1:082609687527:vpcconnector/appfactory-vpc-connector/1/4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f'
export const ACCESS_ROLE_ARN = 'arn:aws:iam::082609687527:role/AppRunnerECRAccessRole'
export const DEPLOYED_SHA = '3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39'
export const IMAGE_IDENTIFIER = `082609687527.dkr.ecr.eu-central-1.amazonaws.com/appfactory-app:${DEPLOYED_SHA}`
export const DATABASE_URL = `postgresql://appfactory:${SEED_PASSWORD}@appfactory-db.c9akciq32xyz.eu-central-1.rds.amazonaws.com:5432/postgres`
export const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:082609687527:secret:appfactory/api-key-AbCdEf'

export const serviceSummaries: ServiceSummary[] = [
  {
    ServiceName: 'other-service',
    ServiceId: 'ffff',
    ServiceArn: 'arn:aws:apprunner:eu-central-1:082609687527:service/other-service/ffff',
    Status: 'RUNNING',
  },
  { ServiceName: SERVICE_NAME, ServiceId: SERVICE_ID, ServiceArn: SERVICE_ARN, Status: 'RUNNING' },
]

/** The documented setup's service: ECR image tagged with a SHA, env with DATABASE_URL (password inside), VPC egress. */
export function describedService(overrides: Partial<Service> = {}): Service {
  return {
    ServiceName: SERVICE_NAME,
    ServiceId: SERVICE_ID,
    ServiceArn: SERVICE_ARN,
    ServiceUrl: 'abc123xyz.eu-central-1.awsapprunner.com',
    CreatedAt: new Date('2026-01-27T09:00:00Z'),
    UpdatedAt: new Date('2026-03-01T08:30:00Z'),
    Status: 'RUNNING',
    SourceConfiguration: {
      ImageRepository: {
        ImageIdentifier: IMAGE_IDENTIFIER,
        ImageRepositoryType: 'ECR',
        ImageConfiguration: {
          Port: '3000',
          RuntimeEnvironmentVariables: {
            NODE_ENV: 'production',
            PORT: '3000',
            LOG_LEVEL: 'info',
            DATABASE_URL,
            DB_POOL_MAX: '20',
          },
          RuntimeEnvironmentSecrets: { API_KEY: SECRET_ARN },
        },
      },
      AutoDeploymentsEnabled: false,
      AuthenticationConfiguration: { AccessRoleArn: ACCESS_ROLE_ARN },
    },
    InstanceConfiguration: { Cpu: '1024', Memory: '2048' },
    HealthCheckConfiguration: { Protocol: 'HTTP', Path: '/health', Interval: 10, Timeout: 5, HealthyThreshold: 1, UnhealthyThreshold: 5 },
    AutoScalingConfigurationSummary: {
      AutoScalingConfigurationArn: AUTOSCALING_ARN,
      AutoScalingConfigurationName: 'appfactory-autoscaling',
      AutoScalingConfigurationRevision: 1,
    },
    NetworkConfiguration: {
      EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: VPC_CONNECTOR_ARN },
      IngressConfiguration: { IsPubliclyAccessible: true },
    },
    ...overrides,
  }
}

export const autoScaling: AutoScalingConfiguration = {
  AutoScalingConfigurationArn: AUTOSCALING_ARN,
  AutoScalingConfigurationName: 'appfactory-autoscaling',
  MinSize: 1,
  MaxSize: 10,
  MaxConcurrency: 100,
}

export const operations: OperationSummary[] = [
  {
    Id: '0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e',
    Type: 'UPDATE_SERVICE',
    Status: 'SUCCEEDED',
    TargetArn: SERVICE_ARN,
    StartedAt: new Date('2026-03-01T08:25:00Z'),
    EndedAt: new Date('2026-03-01T08:30:00Z'),
    UpdatedAt: new Date('2026-03-01T08:30:00Z'),
  },
  { Id: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d', Type: 'CREATE_SERVICE', Status: 'SUCCEEDED', StartedAt: new Date('2026-01-27T09:00:00Z') },
]

export const runningOperation: OperationSummary = {
  Id: '11111111-2222-3333-4444-555555555555',
  Type: 'START_DEPLOYMENT',
  Status: 'IN_PROGRESS',
  TargetArn: SERVICE_ARN,
  StartedAt: new Date('2026-03-02T10:00:00Z'),
}
