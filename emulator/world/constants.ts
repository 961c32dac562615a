/** Fixed identifiers of the AppFactory world, as the AWS setup the portal operates describes them. */
export const ACCOUNT_ID = '082609687527'
export const REGION = 'eu-central-1'

export const ECR_REPOSITORY = 'appfactory-app'
export const ECR_REPOSITORY_URI = `${ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/${ECR_REPOSITORY}`
export const ECR_REPOSITORY_ARN = `arn:aws:ecr:${REGION}:${ACCOUNT_ID}:repository/${ECR_REPOSITORY}`

export const SERVICE_NAME = 'appfactory-app-service'
export const SERVICE_ID = '7d3f1c2b9a8e4d6f8b0a1c2d3e4f5a6b'
export const SERVICE_ARN = `arn:aws:apprunner:${REGION}:${ACCOUNT_ID}:service/${SERVICE_NAME}/${SERVICE_ID}`
export const VPC_CONNECTOR_NAME = 'appfactory-vpc-connector'
export const VPC_CONNECTOR_ARN = `arn:aws:apprunner:${REGION}:${ACCOUNT_ID}:vpcconnector/${VPC_CONNECTOR_NAME}/1/4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f`
export const AUTOSCALING_NAME = 'appfactory-autoscaling'
export const AUTOSCALING_ARN = `arn:aws:apprunner:${REGION}:${ACCOUNT_ID}:autoscalingconfiguration/${AUTOSCALING_NAME}/1/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b`
export const APPRUNNER_ACCESS_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/AppRunnerECRAccessRole`
/** The log groups App Runner writes a service's logs to: `/aws/apprunner/<name>/<id>/{application,service}`. */
export const logGroupsOf = (service: { name: string; id: string }) => ({
  application: `/aws/apprunner/${service.name}/${service.id}/application`,
  service: `/aws/apprunner/${service.name}/${service.id}/service`,
})
export const APPLICATION_LOG_GROUP = logGroupsOf({ name: SERVICE_NAME, id: SERVICE_ID }).application
export const SERVICE_LOG_GROUP = logGroupsOf({ name: SERVICE_NAME, id: SERVICE_ID }).service
/** AWS's own auto scaling configuration, present in every account that uses App Runner. */
export const DEFAULT_AUTOSCALING_NAME = 'DefaultConfiguration'
export const DEFAULT_AUTOSCALING_ARN = `arn:aws:apprunner:${REGION}:${ACCOUNT_ID}:autoscalingconfiguration/${DEFAULT_AUTOSCALING_NAME}/1/00000000000000000000000000000001`

export const DB_INSTANCE = 'appfactory-db'
export const DB_ENDPOINT = `${DB_INSTANCE}.c9akciq32xyz.${REGION}.rds.amazonaws.com`
export const DB_PORT = 5432
export const DB_ARN = `arn:aws:rds:${REGION}:${ACCOUNT_ID}:db:${DB_INSTANCE}`
export const DB_MASTER_USER = 'appfactory'
/** The seed's password: it lives only in the emulated world; the portal must never show it. */
export const DB_MASTER_PASSWORD = 'AppFactoryDB2026!'
export const DATABASE_URL = `postgresql://${DB_MASTER_USER}:${DB_MASTER_PASSWORD}@${DB_ENDPOINT}:${DB_PORT}/postgres`

export const VPC_ID = 'vpc-0a1b2c3d4e5f67890'
export const SUBNET_IDS = ['subnet-0a11b22c33d44e55f', 'subnet-0f66e77d88c99b00a']
/** Security group of the App Runner VPC connector. */
export const CONNECTOR_SG_ID = 'sg-0c0a1b2c3d4e5f601'
/** Security group on the RDS instance (the VPC's default group, as the seed says). */
export const DB_SG_ID = 'sg-0d0b1c2d3e4f5a602'

export const GITHUB_REPO = 'hanpieter1/AppFactory'
export const GITHUB_ROLE = 'AppFactoryGitHubActionsRole'
export const GITHUB_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/${GITHUB_ROLE}`
export const GITHUB_ROLE_ID = 'AROAR4KZQ7GHA2PFXW3NM'
/** The session name aws-actions/configure-aws-credentials gives the GitHub Actions role by default. */
export const GITHUB_SESSION = 'GitHubActions'
/** The account's administrator, who created the service in the console. */
export const CONSOLE_USER = 'hanpieter'
export const OIDC_HOST = 'token.actions.githubusercontent.com'
export const OIDC_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/${OIDC_HOST}`
export const OIDC_THUMBPRINTS = ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd']
export const ECR_POWER_USER_ARN = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser'
export const APPRUNNER_FULL_ACCESS_ARN = 'arn:aws:iam::aws:policy/AWSAppRunnerFullAccess'

/** The execution role EventBridge Scheduler assumes to run the portal's schedules, and its permissions policy. */
export const SCHEDULER_ROLE = 'AppFactorySchedulerRole'
export const SCHEDULER_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/${SCHEDULER_ROLE}`
export const SCHEDULER_POLICY_NAME = 'AppFactorySchedulerTargets'

/** The caller identity the emulator reports (a developer user in the AppFactory account). */
export const CALLER_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/appfactory-portal`

export const ALARM_NAMES = {
  healthCheck: 'appfactory-apprunner-health-check-failures',
  rdsCpu: 'appfactory-rds-cpu-high',
  rdsStorage: 'appfactory-rds-storage-low',
  fiveXx: 'appfactory-apprunner-5xx-errors',
} as const

export const SCENARIOS = [
  'healthy',
  'role-missing-ecr-policy',
  'sg-blocks-db',
  'database-url-missing',
  'trust-policy-wrong-repo',
  'db-stopped',
  'as-documented',
  'scheduler-role-missing-rds',
] as const
export type Scenario = (typeof SCENARIOS)[number]
