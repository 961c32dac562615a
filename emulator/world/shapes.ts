/**
 * Shapes of the emulated world's state, shared by emulator/world/* and emulator/services/*.
 * Times are epoch milliseconds unless named otherwise.
 */

export type ImageState = {
  digest: string // sha256:<64 hex>
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
  /** When the operation will finish (already scaled by EMULATOR_SPEED). */
  finishesAt?: number
  /** Set when the operation will fail and roll back, with the reason written to its deployment log. */
  failureReason?: string
  /** Emulator bookkeeping: when the operation enters IN_PROGRESS and (failing ones) ROLLBACK_IN_PROGRESS. */
  phases?: { inProgressAt: number; rollbackAt?: number }
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
  /** When the current transition (stopping/starting) completes. */
  transitionEndsAt?: number
  events: { date: number; message: string; categories: string[]; eventId?: string }[]
}

/** IAM policy documents are kept as parsed JSON; the IAM handlers URL-encode them on the wire. */
export type PolicyDocument = { Version: string; Statement: Record<string, unknown>[] }

export type IamState = {
  roles: Record<
    string,
    { name: string; arn: string; roleId: string; createDate: number; trustPolicy: PolicyDocument; attachedPolicyArns: string[] }
  >
  /** Managed policies by ARN (AWS-managed ones included, with their real action lists trimmed to what matters). */
  policies: Record<string, { name: string; arn: string; defaultVersionId: string; document: PolicyDocument; createDate: number }>
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

export type SecurityGroupState = { id: string; name: string; description: string; vpcId: string; ingress: IpRule[]; egress: IpRule[] }

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
  history: { time: number; type: 'StateUpdate' | 'ConfigurationUpdate' | 'Action'; summary: string }[]
}

export type LogEventState = { timestamp: number; message: string; ingestionTime: number; eventId: string }
