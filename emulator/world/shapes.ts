/**
 * Shapes of the emulated world's state, shared by emulator/world/* and emulator/services/*.
 * Times are epoch milliseconds unless named otherwise.
 */
import type { Scenario } from './constants'
import type { LogStore } from './log-store'

export type ImageState = {
  digest: string // sha256:<64 hex> of the manifest
  /** Which image of the generated history this is (0 = newest); its manifest is derived from it. */
  seedIndex: number
  tags: string[] // the 40-hex commit SHA; the newest also carries 'latest'
  pushedAt: number
  sizeBytes: number
  manifestMediaType: string
  /** Counts by severity; the newest image has at least one CRITICAL. */
  findings: Partial<Record<'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNDEFINED', number>>
  scanCompletedAt: number
}

export type EnvVarState = { name: string; value: string }

export type OperationState = {
  id: string // 32 hex
  type: 'CREATE_SERVICE' | 'START_DEPLOYMENT' | 'UPDATE_SERVICE' | 'PAUSE_SERVICE' | 'RESUME_SERVICE' | 'DELETE_SERVICE'
  status: 'PENDING' | 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED' | 'ROLLBACK_IN_PROGRESS' | 'ROLLBACK_FAILED' | 'ROLLBACK_SUCCEEDED'
  startedAt: number
  endedAt?: number
  updatedAt: number
  /** Emulator bookkeeping: the image the operation deploys and the one to return to on rollback. */
  targetImage?: string
  previousImage?: string
  /** When the operation will finish (already scaled by EMULATOR_SPEED); a failed deployment moves it to the end of its rollback. */
  finishesAt?: number
  /** Why the operation failed (pulling the image, or the health check), as its deployment log says. */
  failureReason?: string
  /**
   * Emulator bookkeeping of a live operation: when it enters IN_PROGRESS, and (deployments) when the new
   * version is pulled and health-checked against the world as it is then (`checked` once it passed).
   */
  phases?: { inProgressAt: number; checkAt?: number; pullFailure?: string; checked?: boolean }
}

export type ServiceState = {
  name: string
  id: string
  arn: string
  status: 'CREATE_FAILED' | 'RUNNING' | 'DELETED' | 'DELETE_FAILED' | 'PAUSED' | 'OPERATION_IN_PROGRESS'
  url: string // host[:port][/path] without scheme, as App Runner's ServiceUrl
  imageIdentifier: string // <repo uri>:<tag>
  port: string
  env: EnvVarState[]
  secrets: EnvVarState[] // RuntimeEnvironmentSecrets: name → secret ARN
  cpu: string // '1024'
  memory: string // '2048'
  healthCheck: {
    protocol: 'HTTP' | 'TCP'
    path: string
    interval: number
    timeout: number
    healthyThreshold: number
    unhealthyThreshold: number
  }
  autoScalingArn: string
  egress: { type: 'DEFAULT' | 'VPC'; vpcConnectorArn?: string }
  /** The role the app runs as (needed to read RuntimeEnvironmentSecrets). */
  instanceRoleArn?: string
  /** The role App Runner pulls the image from ECR with. */
  accessRoleArn?: string
  createdAt: number
  updatedAt: number
  operations: OperationState[] // newest first
}

export type DbState = {
  identifier: string
  status: string // available | stopping | stopped | starting | ...
  instanceClass: string
  engine: string
  engineVersion: string
  allocatedStorage: number
  storageType: string
  storageEncrypted: boolean
  publiclyAccessible: boolean
  multiAz: boolean
  backupRetentionPeriod: number
  masterUsername: string
  endpoint: { address: string; port: number }
  securityGroupIds: string[]
  vpcId: string
  createdAt: number
  stoppedAt?: number
  /** When a new instance finished creating (its metrics start then); unset for the seeded, long-available one. */
  availableAt?: number
  /** When the current transition (creating/stopping/starting) completes. */
  transitionEndsAt?: number
  events: { date: number; message: string; categories: string[]; eventId?: string }[]
}

/** IAM policy documents are kept as parsed JSON; the IAM handlers URL-encode them on the wire. */
export type PolicyDocument = { Version: string; Statement: Record<string, unknown>[] }

export type IamState = {
  roles: Record<
    string,
    {
      name: string
      arn: string
      roleId: string
      createDate: number
      description: string
      trustPolicy: PolicyDocument
      attachedPolicyArns: string[]
      /** Inline policies by name. */
      inlinePolicies: Record<string, PolicyDocument>
      /** How long ago (ms before the request) the role was last used; undefined for a role never used. */
      lastUsedAgoMs?: number
    }
  >
  /** Managed policies by ARN (AWS-managed ones included, with their real action lists trimmed to what matters). */
  policies: Record<
    string,
    {
      name: string
      arn: string
      policyId: string
      defaultVersionId: string
      document: PolicyDocument
      createDate: number
      updateDate: number
    }
  >
  oidcProviders: Record<string, { arn: string; url: string; clientIds: string[]; thumbprints: string[]; createDate: number }>
}

export type IpRule = {
  protocol: string
  fromPort?: number
  toPort?: number
  sourceGroupIds: string[]
  cidrs: string[]
  description?: string
}

export type Tag = { key: string; value: string }

export type SecurityGroupState = {
  id: string
  name: string
  description: string
  vpcId: string
  ingress: IpRule[]
  egress: IpRule[]
  tags: Tag[]
}

export type VpcState = { id: string; cidr: string; isDefault: boolean; dhcpOptionsId: string; tags: Tag[] }

export type SubnetState = {
  id: string
  vpcId: string
  cidr: string
  availabilityZone: string
  availabilityZoneId: string
  availableIpAddressCount: number
  mapPublicIpOnLaunch: boolean
  defaultForAz: boolean
  tags: Tag[]
}

export type VpcConnectorState = {
  arn: string
  name: string
  revision: number
  status: 'ACTIVE' | 'INACTIVE'
  subnets: string[]
  securityGroups: string[]
  createdAt: number
}

export type AlarmState = {
  name: string
  arn: string
  description: string
  namespace: string
  metricName: string
  statistic: 'Average' | 'Sum' | 'Maximum' | 'Minimum' | 'SampleCount'
  dimensions: { name: string; value: string }[]
  period: number // seconds
  evaluationPeriods: number
  threshold: number
  comparison: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold'
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'
  reason: string
  stateUpdatedAt: number
  history: AlarmHistoryEntry[]
  /** Set by SetAlarmState: the state is held until `until` (the next evaluation), then the actual one returns. */
  forced?: { until: number; state: AlarmState['state']; reason: string }
  actionsEnabled: boolean
  alarmActions: string[]
  okActions: string[]
  insufficientDataActions: string[]
  datapointsToAlarm: number
  treatMissingData: 'breaching' | 'notBreaching' | 'ignore' | 'missing'
  unit?: string
  configuredAt: number
  /**
   * `seeded`: one of the world's four alarms, whose states follow the world's story (./alarms);
   * `live`: created or changed with PutMetricAlarm, evaluated from its own definition against the metrics.
   */
  evaluation: 'seeded' | 'live'
}

/** One alarm history item; a StateUpdate records the states and the new state's reason (AWS's HistoryData). */
export type AlarmHistoryEntry = {
  time: number
  type: 'StateUpdate' | 'ConfigurationUpdate' | 'Action'
  summary: string
  from?: AlarmState['state']
  to?: AlarmState['state']
  reason?: string
  /** The StateReasonData JSON that came with the new state (SetAlarmState's, when given). */
  reasonData?: string
}

/** A Secrets Manager secret (the value stays in the emulated world; App Runner reads it for RuntimeEnvironmentSecrets). */
export type SecretState = {
  name: string
  arn: string
  description?: string
  value?: string
  versionId: string
  createdAt: number
  lastChangedAt: number
}

export type LogEventState = { timestamp: number; message: string; ingestionTime: number; eventId: string }

export type AutoScalingState = {
  arn: string
  name: string
  revision: number
  status: 'ACTIVE' | 'INACTIVE'
  minSize: number
  maxSize: number
  maxConcurrency: number
  createdAt: number
  /** AWS's `DefaultConfiguration`, which every account has. */
  isDefault?: boolean
}

/** One CloudTrail management event, as LookupEvents returns it. */
export type TrailEventState = {
  eventId: string
  eventName: string
  /** e.g. `apprunner.amazonaws.com` */
  eventSource: string
  eventTime: number
  readOnly: boolean
  accessKeyId: string
  /** IAM user name, or the role session name of an assumed role. */
  username: string
  resources: { type: string; name: string }[]
  /** The full record (userIdentity, requestParameters, responseElements, …) sent as the CloudTrailEvent JSON string. */
  record: Record<string, unknown>
}

/** An EventBridge Scheduler target: the ARN (a universal target `arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`), role and input. */
export type ScheduleTargetState = {
  arn: string
  roleArn: string
  input?: string
  retryPolicy?: { maximumEventAgeInSeconds?: number; maximumRetryAttempts?: number }
  deadLetterArn?: string
}

export type ScheduleState = {
  name: string
  groupName: string
  arn: string
  description?: string
  expression: string
  timezone?: string
  startDate?: number
  endDate?: number
  state: 'ENABLED' | 'DISABLED'
  flexibleWindow: { mode: 'OFF' | 'FLEXIBLE'; maximumWindowInMinutes?: number }
  actionAfterCompletion: 'NONE' | 'DELETE'
  kmsKeyArn?: string
  target: ScheduleTargetState
  createdAt: number
  updatedAt: number
  /** Emulator bookkeeping: invocations due at or before this time have been made. */
  firedThrough: number
  /** Emulator bookkeeping: when a rate schedule without a StartDate starts counting (created, changed or enabled). */
  anchor: number
}

export type ScheduleGroupState = { name: string; arn: string; createdAt: number; updatedAt: number }

/** One invocation of a schedule's target: what the AWS/Scheduler metrics count. */
export type ScheduleRunState = {
  at: number
  groupName: string
  scheduleName: string
  targetArn: string
  ok: boolean
  errorCode?: string
  errorMessage?: string
}

export type SchedulerState = {
  groups: Record<string, ScheduleGroupState>
  schedules: ScheduleState[]
  /** Invocations, oldest first (capped). */
  runs: ScheduleRunState[]
}

/** The world before its logs and trail are seeded from it. */
export type WorldState = Omit<World, 'logs' | 'trail'>

export type World = {
  scenario: Scenario
  /** ECR images, newest first. */
  images: ImageState[]
  /** ECR repository metadata (the seed has no lifecycle policy). */
  ecr: { createdAt: number; lifecyclePolicy: string | null }
  /** The App Runner service, or null before it is created (scenario `as-documented`). */
  service: ServiceState | null
  /** App Runner VPC connectors of the account. */
  vpcConnectors: VpcConnectorState[]
  /** App Runner auto scaling configurations of the account (AWS's `DefaultConfiguration` included). */
  autoScalingConfigs: AutoScalingState[]
  db: DbState
  iam: IamState
  securityGroups: Record<string, SecurityGroupState>
  vpcs: VpcState[]
  subnets: SubnetState[]
  alarms: AlarmState[]
  secrets: SecretState[]
  /** EventBridge Scheduler: schedule groups, schedules and their invocations. */
  scheduler: SchedulerState
  logs: LogStore
  /** CloudTrail management events of the account, oldest first. */
  trail: TrailEventState[]
  /** Multiplier for how fast transitions finish (durations are divided by it). */
  speed: number
  /** Added to Date.now() to get the world's time; POST /_emulator/clock moves it. */
  clock: { offsetMs: number }
  /** World time at creation. */
  createdAt: number
  /** Where services' apps answer: `host:port/_app/` (a new service's URL is this plus its id). */
  appBase: string
}
