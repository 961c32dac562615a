/**
 * IAM state of the AppFactory world: the GitHub Actions role (two AWS-managed policies and one inline
 * policy that lets the deploy workflow read its deployment logs), the App Runner ECR access role, the
 * AWS-managed policies they use (documents as published in the AWS managed policy reference), and the
 * GitHub OIDC provider.
 */
import {
  ACCOUNT_ID,
  APPRUNNER_ACCESS_ROLE_ARN,
  APPRUNNER_FULL_ACCESS_ARN,
  ECR_POWER_USER_ARN,
  GITHUB_REPO,
  GITHUB_ROLE,
  GITHUB_ROLE_ARN,
  GITHUB_ROLE_ID,
  OIDC_HOST,
  OIDC_PROVIDER_ARN,
  OIDC_THUMBPRINTS,
  REGION,
  SCHEDULER_POLICY_NAME,
  SCHEDULER_ROLE,
  SCHEDULER_ROLE_ARN,
  SERVICE_ARN,
  SERVICE_NAME,
  DB_ARN,
} from './constants'
import type { IamState, PolicyDocument } from './shapes'

export const APPRUNNER_ECR_ACCESS_POLICY_ARN = 'arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess'

const DAY = 86_400_000

/** The trust relationship of the AWS setup: only workflows of `hanpieter1/AppFactory` may assume the role. */
export function githubTrustPolicy(repo: string = GITHUB_REPO): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: OIDC_PROVIDER_ARN },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { [`${OIDC_HOST}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${OIDC_HOST}:sub`]: `repo:${repo}:*` },
        },
      },
    ],
  }
}

/** AmazonEC2ContainerRegistryPowerUser, version v3 (edited 2019-12-10). */
const ecrPowerUserDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:GetRepositoryPolicy',
        'ecr:DescribeRepositories',
        'ecr:ListImages',
        'ecr:DescribeImages',
        'ecr:BatchGetImage',
        'ecr:GetLifecyclePolicy',
        'ecr:GetLifecyclePolicyPreview',
        'ecr:ListTagsForResource',
        'ecr:DescribeImageScanFindings',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
        'ecr:PutImage',
      ],
      Resource: '*',
    },
  ],
}

/** AWSAppRunnerFullAccess, version v1. */
const appRunnerFullAccessDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: 'arn:aws:iam::*:role/aws-service-role/apprunner.amazonaws.com/AWSServiceRoleForAppRunner',
      Condition: { StringLike: { 'iam:AWSServiceName': 'apprunner.amazonaws.com' } },
    },
    {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringLike: { 'iam:PassedToService': 'apprunner.amazonaws.com' } },
    },
    { Sid: 'AppRunnerAdminAccess', Effect: 'Allow', Action: 'apprunner:*', Resource: '*' },
  ],
}

/** AWSAppRunnerServicePolicyForECRAccess, version v1. */
const appRunnerEcrAccessDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
        'ecr:DescribeImages',
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
      ],
      Resource: '*',
    },
  ],
}

/** The GitHub Actions role's inline policy: the deploy workflow tails the deployment log of the operation it started. */
export const DEPLOY_LOGS_POLICY_NAME = 'AppFactoryReadDeploymentLogs'
const deployLogsDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadAppRunnerServiceLogs',
      Effect: 'Allow',
      Action: ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
      Resource: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/apprunner/${SERVICE_NAME}/*`,
    },
  ],
}

const appRunnerBuildTrustPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'build.apprunner.amazonaws.com' }, Action: 'sts:AssumeRole' }],
}

/** Who may assume the scheduler's execution role: EventBridge Scheduler, for schedules of this account only. */
export const schedulerTrustPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'scheduler.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT_ID } },
    },
  ],
}

/** What the scheduler may do with the role: exactly the four sleep/wake actions on the two resources. */
export const schedulerTargetsDocument: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'StopStartDatabase', Effect: 'Allow', Action: ['rds:StopDBInstance', 'rds:StartDBInstance'], Resource: DB_ARN },
    {
      Sid: 'PauseResumeService',
      Effect: 'Allow',
      Action: ['apprunner:PauseService', 'apprunner:ResumeService'],
      Resource: SERVICE_ARN,
    },
  ],
}

/** Builds the IAM state of a fresh (healthy) world. */
export function createIam(now: number): IamState {
  const created = now - 306 * DAY
  return {
    roles: {
      [GITHUB_ROLE]: {
        name: GITHUB_ROLE,
        arn: GITHUB_ROLE_ARN,
        roleId: GITHUB_ROLE_ID,
        createDate: created + 3_600_000,
        description: 'Role assumed by GitHub Actions (OIDC) to push images and deploy App Runner',
        trustPolicy: githubTrustPolicy(),
        attachedPolicyArns: [ECR_POWER_USER_ARN, APPRUNNER_FULL_ACCESS_ARN],
        inlinePolicies: { [DEPLOY_LOGS_POLICY_NAME]: deployLogsDocument },
        lastUsedAgoMs: 2 * 3_600_000 + 14 * 60_000,
      },
      AppRunnerECRAccessRole: {
        name: 'AppRunnerECRAccessRole',
        arn: APPRUNNER_ACCESS_ROLE_ARN,
        roleId: 'AROAR4KZQ7GHB8TQWE5LC',
        createDate: created + 2 * DAY,
        description: 'Lets App Runner pull images from ECR',
        trustPolicy: appRunnerBuildTrustPolicy,
        attachedPolicyArns: [APPRUNNER_ECR_ACCESS_POLICY_ARN],
        inlinePolicies: {},
        lastUsedAgoMs: 26 * 3_600_000,
      },
      [SCHEDULER_ROLE]: {
        name: SCHEDULER_ROLE,
        arn: SCHEDULER_ROLE_ARN,
        roleId: 'AROAR4KZQ7GHSCHEDULE1',
        createDate: now - 12 * DAY,
        description: 'Lets EventBridge Scheduler sleep and wake the AppFactory environment on the portal schedules',
        // Copies: a scenario may change them in its world.
        trustPolicy: structuredClone(schedulerTrustPolicy),
        attachedPolicyArns: [],
        inlinePolicies: { [SCHEDULER_POLICY_NAME]: structuredClone(schedulerTargetsDocument) },
        lastUsedAgoMs: 3 * DAY,
      },
    },
    policies: {
      [ECR_POWER_USER_ARN]: {
        name: 'AmazonEC2ContainerRegistryPowerUser',
        arn: ECR_POWER_USER_ARN,
        policyId: 'ANPAJDNE5PIHROIBGGDDW',
        defaultVersionId: 'v3',
        document: ecrPowerUserDocument,
        createDate: Date.UTC(2015, 11, 21, 17, 5, 0),
        updateDate: Date.UTC(2019, 11, 10, 20, 28, 31),
      },
      [APPRUNNER_FULL_ACCESS_ARN]: {
        name: 'AWSAppRunnerFullAccess',
        arn: APPRUNNER_FULL_ACCESS_ARN,
        policyId: 'ANPAZKAPJZG4MW35THVLC',
        defaultVersionId: 'v1',
        document: appRunnerFullAccessDocument,
        createDate: Date.UTC(2022, 0, 11, 4, 2, 0),
        updateDate: Date.UTC(2022, 0, 11, 4, 2, 0),
      },
      [APPRUNNER_ECR_ACCESS_POLICY_ARN]: {
        name: 'AWSAppRunnerServicePolicyForECRAccess',
        arn: APPRUNNER_ECR_ACCESS_POLICY_ARN,
        policyId: 'ANPAZKAPJZG4CJG4JB7TR',
        defaultVersionId: 'v1',
        document: appRunnerEcrAccessDocument,
        createDate: Date.UTC(2021, 4, 14, 19, 17, 0),
        updateDate: Date.UTC(2021, 4, 14, 19, 17, 0),
      },
    },
    oidcProviders: {
      [OIDC_PROVIDER_ARN]: {
        arn: OIDC_PROVIDER_ARN,
        url: OIDC_HOST,
        clientIds: ['sts.amazonaws.com'],
        thumbprints: [...OIDC_THUMBPRINTS],
        createDate: created,
      },
    },
  }
}
